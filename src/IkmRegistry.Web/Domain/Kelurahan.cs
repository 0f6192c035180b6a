namespace IkmRegistry.Web.Domain;

/// <summary>An urban village, identified by its Kemendagri code (e.g. 62.71.01.1001).</summary>
public class Kelurahan
{
    public int Id { get; set; }
    public required string Code { get; set; }
    public required string Name { get; set; }
    public required string Slug { get; set; }
    public int KecamatanId { get; set; }
    public Kecamatan Kecamatan { get; set; } = null!;

    /// <summary>Polygon centroid, for map markers only.</summary>
    public double Latitude { get; set; }
    public double Longitude { get; set; }

    public DateOnly? RetiredOn { get; set; }
    public uint Version { get; set; }

    public bool IsActive => RetiredOn is null;
}
