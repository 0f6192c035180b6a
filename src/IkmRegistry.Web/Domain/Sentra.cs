namespace IkmRegistry.Web.Domain;

public enum SentraStatus
{
    DalamPembentukan,
    Aktif,
    TidakAktif,
}

/// <summary>A sentra IKM terpadu: a group of at least five IKM in one kelurahan making similar products (PP 29/2018).</summary>
public class Sentra : ITimestamped
{
    /// <summary>PP 29/2018 Pasal 1: a sentra has at least this many units.</summary>
    public const int MinimumMembers = 5;

    public int Id { get; set; }
    public required string Name { get; set; }
    public required string Slug { get; set; }
    public int KelurahanId { get; set; }
    public Kelurahan Kelurahan { get; set; } = null!;
    public string? Address { get; set; }
    /// <summary>When the group was founded; only staff set it (a status change never does).</summary>
    public DateOnly? FoundedOn { get; set; }
    public string? DecreeNumber { get; set; }
    public DateOnly? DecreeDate { get; set; }
    /// <summary>The current status; every change of it is also a dated <see cref="SentraEvent"/>. Aktif needs the decree (SK) number and date.</summary>
    public SentraStatus Status { get; set; } = SentraStatus.DalamPembentukan;
    public string? Description { get; set; }

    /// <summary>The sentra's main products in a few words (public), e.g. "amplang, kerupuk ikan, abon ikan".</summary>
    public string? Products { get; set; }

    /// <summary>The sentra's own contact (not a member's): shown publicly only when <see cref="PublishContact"/> is set.</summary>
    public string? PublicContact { get; set; }
    public bool PublishContact { get; set; }

    public bool IsDemo { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public uint Version { get; set; }

    public List<ProductCategory> Categories { get; set; } = [];
    public List<Membership> Memberships { get; set; } = [];
    public List<SentraEvent> Events { get; set; } = [];
}
