namespace IkmRegistry.Web.Domain;

public enum UnitStatus
{
    Aktif,
    Tutup,
}

public enum LegalForm
{
    Perorangan,
    UsahaDagang,
    CV,
    PT,
    Koperasi,
    Firma,
    Lainnya,
}

public enum OwnerSex
{
    LakiLaki,
    Perempuan,
}

/// <summary>A registered industrial business unit (unit usaha industri). Owner name, NIK, phone, address and figures are private.</summary>
public class IndustrialUnit : SourcedRecord, ITimestamped
{
    public int Id { get; set; }
    public required string BusinessName { get; set; }
    public required string OwnerName { get; set; }

    /// <summary>
    /// The 16-digit national ID of the sole proprietor, or of the responsible person of a legal entity: personal data,
    /// never public, never logged. Optional: a unit without it is incomplete, not invalid.
    /// </summary>
    public string? Nik { get; set; }

    /// <summary>The owner's sex: derived from a valid NIK (day of birth + 40 for women), else as entered. Aggregates only.</summary>
    public OwnerSex? OwnerSex { get; set; }

    /// <summary>For a CV, PT, koperasi, firma or other legal entity: the person who answers for it (penanggung jawab).</summary>
    public string? ResponsiblePersonName { get; set; }

    /// <summary>That person's role in the entity, e.g. "Direktur", "Ketua koperasi".</summary>
    public string? ResponsiblePersonRole { get; set; }

    /// <summary>13-digit OSS business number of the business actor; optional. Several sites of one business share it.</summary>
    public string? Nib { get; set; }

    public string? KbliCode { get; set; }
    public KbliEdition? KbliEdition { get; set; }

    public int CategoryId { get; set; }
    public ProductCategory Category { get; set; } = null!;
    public string? MainProducts { get; set; }

    public int KelurahanId { get; set; }
    public Kelurahan Kelurahan { get; set; } = null!;
    public string? Address { get; set; }

    /// <summary>Stored in one normal form: +62 followed by the subscriber number.</summary>
    public string? Phone { get; set; }

    public int? WorkersMale { get; set; }
    public int? WorkersFemale { get; set; }

    /// <summary>Workers counted without a split by sex (a sheet with one "TENAGA KERJA" total); added to the total.</summary>
    public int? WorkersUnsplit { get; set; }

    /// <summary>Investment in rupiah, land and buildings excluded (as Permenperin 64/2016 counts it).</summary>
    public decimal? InvestmentValue { get; set; }
    public decimal? ProductionValuePerYear { get; set; }

    /// <summary>Annual sales (hasil penjualan tahunan) in rupiah: PP 7/2021 sizes a business by it when capital is unknown.</summary>
    public decimal? AnnualSales { get; set; }
    /// <summary>Raw material bought per year in rupiah (nilai bahan baku), as agency and SIINas sheets record it.</summary>
    public decimal? RawMaterialValue { get; set; }
    public decimal? ProductionCapacity { get; set; }
    public string? ProductionCapacityUnit { get; set; }
    public int? YearStarted { get; set; }
    public LegalForm? LegalForm { get; set; }

    public UnitStatus Status { get; set; } = UnitStatus.Aktif;
    public DateOnly? ClosedOn { get; set; }

    /// <summary>The owner agreed that the business name and products may appear in the public directory.</summary>
    public bool PublicConsent { get; set; }
    public DateOnly? PublicConsentOn { get; set; }

    /// <summary>When the owner withdrew consent to the public directory (UU 27/2022); cleared by a new consent.</summary>
    public DateOnly? PublicConsentWithdrawnOn { get; set; }

    /// <summary>
    /// A second consent, apart from being listed: the owner agreed that the unit's phone number appears on its public
    /// page (as WhatsApp and phone links). Without it the number stays private even for a listed business.
    /// </summary>
    public bool PublicContactConsent { get; set; }
    public DateOnly? PublicContactConsentOn { get; set; }

    /// <summary>When a staff member checked the unit against a document or a visit (data status Terverifikasi); cleared by an edit.</summary>
    public DateTime? VerifiedAt { get; set; }
    public string? VerifiedBy { get; set; }

    /// <summary>Free notes, today mostly permits and certificates (PIRT, halal, SNI) until the registry records them as such.</summary>
    public string? Notes { get; set; }

    public DateOnly RegisteredOn { get; set; }

    public bool IsDemo { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public uint Version { get; set; }

    public List<Membership> Memberships { get; set; } = [];

    /// <summary>A CV, PT, koperasi, firma or other legal entity has no NIK of its own; UD is a sole proprietorship.</summary>
    public bool IsLegalEntity => LegalForm is not (null or Domain.LegalForm.Perorangan or Domain.LegalForm.UsahaDagang);

    public int? TotalWorkers => WorkersMale is null && WorkersFemale is null && WorkersUnsplit is null ? null
        : (WorkersMale ?? 0) + (WorkersFemale ?? 0) + (WorkersUnsplit ?? 0);
}

public enum KbliEdition
{
    Kbli2020 = 2020,
    Kbli2025 = 2025,
}
