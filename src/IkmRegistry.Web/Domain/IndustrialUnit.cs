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

/// <summary>A registered industrial business unit (unit usaha industri). Owner name, NIK, phone, address and figures are private.</summary>
public class IndustrialUnit : ITimestamped
{
    public int Id { get; set; }
    public required string BusinessName { get; set; }
    public required string OwnerName { get; set; }

    /// <summary>Owner's 16-digit national ID: personal data, never public, never logged.</summary>
    public string? Nik { get; set; }

    /// <summary>13-digit OSS business number; optional, unique where present.</summary>
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

    /// <summary>Investment in rupiah, land and buildings excluded (as Permenperin 64/2016 counts it).</summary>
    public decimal? InvestmentValue { get; set; }
    public decimal? ProductionValuePerYear { get; set; }
    public decimal? ProductionCapacity { get; set; }
    public string? ProductionCapacityUnit { get; set; }
    public int? YearStarted { get; set; }
    public LegalForm? LegalForm { get; set; }

    public UnitStatus Status { get; set; } = UnitStatus.Aktif;
    public DateOnly? ClosedOn { get; set; }

    /// <summary>The owner agreed that the business name and products may appear in the public directory.</summary>
    public bool PublicConsent { get; set; }
    public DateOnly? PublicConsentOn { get; set; }

    public DateOnly RegisteredOn { get; set; }
    public string? DataSource { get; set; }

    public bool IsDemo { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public uint Version { get; set; }

    public List<Membership> Memberships { get; set; } = [];

    public int? TotalWorkers => WorkersMale is null && WorkersFemale is null ? null : (WorkersMale ?? 0) + (WorkersFemale ?? 0);
}

public enum KbliEdition
{
    Kbli2020 = 2020,
    Kbli2025 = 2025,
}
