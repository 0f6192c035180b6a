namespace IkmRegistry.Web.Domain;

/// <summary>A district of the city, identified by its Kemendagri code (e.g. 62.71.01).</summary>
public class Kecamatan
{
    public int Id { get; set; }
    public required string Code { get; set; }
    public required string Name { get; set; }

    /// <summary>Set when the area no longer exists (split, merge); kept so old records still resolve.</summary>
    public DateOnly? RetiredOn { get; set; }

    public uint Version { get; set; }
    public List<Kelurahan> Kelurahan { get; set; } = [];

    public bool IsActive => RetiredOn is null;
}
