namespace IkmRegistry.Web.Domain;

/// <summary>
/// A photo of a sentra (showroom, activities) or of a listed business's products, stored re-encoded in three widths
/// (<see cref="Photos.PhotoProcessor"/>). Public only while its sentra is active or its business listed.
/// </summary>
public class Photo : ITimestamped
{
    public int Id { get; set; }
    public int? SentraId { get; set; }
    public Sentra? Sentra { get; set; }
    public int? UnitId { get; set; }
    public IndustrialUnit? Unit { get; set; }

    /// <summary>Random name of the stored files ({Key}-{width}.jpg): the address says nothing about what it shows.</summary>
    public required string Key { get; set; }

    /// <summary>What the photo shows, for people who cannot see it (required).</summary>
    public required string AltText { get; set; }

    /// <summary>Size of the largest stored width, after the orientation was fixed.</summary>
    public int Width { get; set; }
    public int Height { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}
