namespace IkmRegistry.Web.Domain;

public enum AuditAction
{
    Create,
    Update,
    Delete,
    StatusChange,
    View,
    Export,
    Import,
}

/// <summary>One change to registry data, or one read of personal data. Written in the same transaction as the change; never edited.</summary>
public class AuditEntry
{
    public long Id { get; set; }
    public DateTime OccurredAt { get; set; }
    public string? UserId { get; set; }
    public string? UserName { get; set; }
    public AuditAction Action { get; set; }
    public required string EntityType { get; set; }
    public required string EntityId { get; set; }

    /// <summary>JSON object: field name to { "old": ..., "new": ... }; NIK values are masked.</summary>
    public string? Changes { get; set; }
}
