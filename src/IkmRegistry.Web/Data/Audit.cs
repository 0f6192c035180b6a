using System.Security.Claims;
using System.Text.Json;

namespace IkmRegistry.Web.Data;

/// <summary>
/// Who acts and when, for every audit entry: <see cref="AuditInterceptor"/> (changes to registry data) and
/// <see cref="Audit"/> (what the interceptor cannot see) both take the user and the clock from here.
/// </summary>
public sealed class AuditActor(IHttpContextAccessor http, TimeProvider clock)
{
    public DateTime Now => clock.GetUtcNow().UtcDateTime;

    public string? UserId => http.HttpContext?.User.FindFirstValue(ClaimTypes.NameIdentifier);

    public string? UserName => http.HttpContext?.User.Identity?.Name;
}

/// <summary>
/// Writes the audit entries that no change to an entity produces: a view of a unit's private data, an export, an
/// import. The entry joins the context and is saved by its next SaveChanges, with the caller's own changes.
/// </summary>
/// <remarks>
/// The keys of <see cref="AuditEntry.Changes"/> follow one convention: English names in PascalCase. For a changed
/// entity they are its property names, each with <c>{"Old": ..., "New": ...}</c> (the interceptor); for an event they
/// name the fact (<c>Filters</c>, <c>Rows</c>, <c>PrivateColumns</c>, <c>Complete</c>, <c>CategoryAdded</c>). Pages show
/// them through <see cref="Queries.History.Label"/>, which gives each its Indonesian label.
/// </remarks>
public sealed class Audit(RegistryDbContext db, AuditActor actor)
{
    /// <summary>Adds an entry by the signed-in user, or by <paramref name="userId"/>/<paramref name="userName"/> for work done on someone's behalf (the import worker).</summary>
    public AuditEntry Record(AuditAction action, string entityType, string entityId, IReadOnlyDictionary<string, object?>? details = null,
        string? userId = null, string? userName = null)
    {
        var entry = new AuditEntry
        {
            OccurredAt = actor.Now,
            UserId = userId ?? actor.UserId,
            UserName = userName ?? actor.UserName,
            Action = action,
            EntityType = entityType,
            EntityId = entityId,
            Changes = details is null ? null : JsonSerializer.Serialize(details),
        };
        db.AuditEntries.Add(entry);
        return entry;
    }
}
