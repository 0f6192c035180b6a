namespace IkmRegistry.Web.Domain;

/// <summary>
/// An address a sentra had before a rename: the public page at the old slug answers 301 to the current one, so a
/// printed poster or a shared link never breaks. A slug belongs to one sentra forever (no other sentra takes it).
/// </summary>
public class SentraFormerSlug
{
    public required string Slug { get; set; }
    public int SentraId { get; set; }
    public Sentra Sentra { get; set; } = null!;
    public DateTime RetiredAt { get; set; }
}
