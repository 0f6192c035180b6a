namespace IkmRegistry.Web.Domain;

/// <summary>
/// Coverage figures frozen by an admin for a date ("Data per 31 Desember 2025"): the canonical JSON of the figures
/// (<see cref="Data.Queries.SnapshotContent"/>), when and by whom, and the SHA-256 of that JSON, which every report
/// citing the snapshot prints. Never changed after it is frozen; one per date.
/// </summary>
public class CoverageSnapshot
{
    public int Id { get; set; }
    public DateOnly AsOf { get; set; }
    public DateTime FrozenAt { get; set; }
    public required string FrozenBy { get; set; }
    public required string Content { get; set; }

    /// <summary>Lower-case hex SHA-256 of the UTF-8 bytes of <see cref="Content"/>.</summary>
    public required string Sha256 { get; set; }
}
