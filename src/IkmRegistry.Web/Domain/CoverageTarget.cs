namespace IkmRegistry.Web.Domain;

/// <summary>
/// How many kelurahan should have an Aktif sentra by 31 December of a year (from the agency's strategic plan,
/// Renstra, or its yearly work plan). One per year; admins set it.
/// </summary>
public class CoverageTarget : ITimestamped
{
    public int Id { get; set; }
    public int Year { get; set; }
    public int Kelurahan { get; set; }

    /// <summary>Where the figure comes from, e.g. "Renstra DPKUKMP 2025–2029".</summary>
    public string? Source { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public uint Version { get; set; }

    public DateOnly YearEnd => new(Year, 12, 31);
}
