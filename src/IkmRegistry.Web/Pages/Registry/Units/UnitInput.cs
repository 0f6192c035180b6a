using FluentValidation;
using IkmRegistry.Web.Data;
using IkmRegistry.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace IkmRegistry.Web.Pages.Registry.Units;

/// <summary>
/// The unit form, shared by Create and Edit. Every field is kept as the text the user typed, so a failed save
/// shows exactly what was entered; the validator reads numbers and dates the Indonesian way.
/// </summary>
public sealed class UnitInput
{
    public string? BusinessName { get; set; }
    public string? OwnerName { get; set; }
    public string? Nik { get; set; }
    public string? Nib { get; set; }
    public string? KbliCode { get; set; }
    public string? KbliEdition { get; set; } = "2020";
    public string? CategoryId { get; set; }
    public string? MainProducts { get; set; }
    public string? KelurahanId { get; set; }
    public string? Address { get; set; }
    public string? Phone { get; set; }
    public string? WorkersMale { get; set; }
    public string? WorkersFemale { get; set; }
    public string? InvestmentValue { get; set; }
    public string? ProductionValuePerYear { get; set; }
    public string? ProductionCapacity { get; set; }
    public string? ProductionCapacityUnit { get; set; }
    public string? YearStarted { get; set; }
    public string? LegalForm { get; set; }
    public bool PublicConsent { get; set; }
    public string? PublicConsentOn { get; set; }
    public string? RegisteredOn { get; set; }
    public string? DataSource { get; set; }

    /// <summary>Staff saw the similar-name warning and save anyway.</summary>
    public bool AcceptSimilarName { get; set; }

    /// <summary>The xmin the form was loaded with: a save against a newer row is a conflict, not an overwrite.</summary>
    public uint Version { get; set; }

    public static UnitInput From(IndustrialUnit u) => new()
    {
        BusinessName = u.BusinessName,
        OwnerName = u.OwnerName,
        Nik = u.Nik,
        Nib = u.Nib,
        KbliCode = u.KbliCode,
        KbliEdition = u.KbliEdition is null ? "2020" : ((int)u.KbliEdition).ToString(),
        CategoryId = u.CategoryId.ToString(),
        MainProducts = u.MainProducts,
        KelurahanId = u.KelurahanId.ToString(),
        Address = u.Address,
        Phone = u.Phone,
        WorkersMale = u.WorkersMale?.ToString(),
        WorkersFemale = u.WorkersFemale?.ToString(),
        InvestmentValue = Parsing.Amount(u.InvestmentValue),
        ProductionValuePerYear = Parsing.Amount(u.ProductionValuePerYear),
        ProductionCapacity = Parsing.Amount(u.ProductionCapacity),
        ProductionCapacityUnit = u.ProductionCapacityUnit,
        YearStarted = u.YearStarted?.ToString(),
        LegalForm = u.LegalForm?.ToString(),
        PublicConsent = u.PublicConsent,
        PublicConsentOn = Parsing.Iso(u.PublicConsentOn),
        RegisteredOn = Parsing.Iso(u.RegisteredOn),
        DataSource = u.DataSource,
        Version = u.Version,
    };

    /// <summary>Writes the validated input into the entity, in normal form (trimmed text, +62 phone, parsed numbers).</summary>
    public void ApplyTo(IndustrialUnit u, DateOnly today)
    {
        u.BusinessName = Identifiers.Clean(BusinessName)!;
        u.OwnerName = Identifiers.Clean(OwnerName)!;
        u.Nik = Identifiers.Clean(Nik);
        u.Nib = Identifiers.Clean(Nib);
        u.KbliCode = Identifiers.Clean(KbliCode);
        u.KbliEdition = u.KbliCode is null ? null : (KbliEdition)int.Parse(KbliEdition!);
        u.CategoryId = int.Parse(CategoryId!);
        u.MainProducts = Identifiers.Clean(MainProducts);
        u.KelurahanId = int.Parse(KelurahanId!);
        u.Address = Identifiers.Clean(Address);
        u.Phone = Identifiers.NormalizePhone(Phone);
        u.WorkersMale = Parsing.TryCount(WorkersMale, out var men) ? men : null;
        u.WorkersFemale = Parsing.TryCount(WorkersFemale, out var women) ? women : null;
        u.InvestmentValue = Parsing.TryAmount(InvestmentValue, out var investment) ? investment : null;
        u.ProductionValuePerYear = Parsing.TryAmount(ProductionValuePerYear, out var production) ? production : null;
        u.ProductionCapacity = Parsing.TryAmount(ProductionCapacity, out var capacity) ? capacity : null;
        u.ProductionCapacityUnit = Identifiers.Clean(ProductionCapacityUnit);
        u.YearStarted = Parsing.TryCount(YearStarted, out var year) ? year : null;
        u.LegalForm = Enum.TryParse<LegalForm>(LegalForm, out var form) ? form : null;
        if (PublicConsent && !u.PublicConsent)
        {
            u.PublicConsentOn = Parsing.TryDate(PublicConsentOn, out var on) ? on : today;
        }
        else if (PublicConsent)
        {
            u.PublicConsentOn = Parsing.TryDate(PublicConsentOn, out var on) ? on : u.PublicConsentOn;
        }
        else
        {
            u.PublicConsentOn = null;
        }

        u.PublicConsent = PublicConsent;
        u.RegisteredOn = Parsing.TryDate(RegisteredOn, out var registered) ? registered : u.RegisteredOn;
        u.DataSource = Identifiers.Clean(DataSource);
    }

    /// <summary>A NIB already registered to another unit (an error), and units with a similar name in the same kelurahan (a warning).</summary>
    public async Task<Duplicates> FindDuplicatesAsync(RegistryDbContext db, int? unitId, CancellationToken cancellationToken)
    {
        var nib = Identifiers.Clean(Nib);
        var nibOwner = nib is null ? null : await db.IndustrialUnits.AsNoTracking()
            .Where(u => u.Nib == nib && u.Id != unitId)
            .Select(u => new UnitLink(u.Id, u.BusinessName, u.Kelurahan.Name))
            .FirstOrDefaultAsync(cancellationToken);

        var name = Identifiers.Clean(BusinessName);
        // Trigram similarity ignores case, so an identical name scores 1.
        var similar = new List<UnitLink>();
        if (name is not null && int.TryParse(KelurahanId, out var kelurahanId))
        {
            similar = await db.IndustrialUnits.AsNoTracking()
                .Where(u => u.KelurahanId == kelurahanId && u.Id != unitId
                    && EF.Functions.TrigramsSimilarity(u.BusinessName, name) > 0.55)
                .OrderByDescending(u => EF.Functions.TrigramsSimilarity(u.BusinessName, name))
                .Select(u => new UnitLink(u.Id, u.BusinessName, u.Kelurahan.Name))
                .Take(5)
                .ToListAsync(cancellationToken);
        }

        return new Duplicates(nibOwner, similar);
    }

    public sealed record UnitLink(int Id, string BusinessName, string Kelurahan);

    public sealed record Duplicates(UnitLink? NibOwner, List<UnitLink> SimilarNames);
}

public sealed class UnitInputValidator : AbstractValidator<UnitInput>
{
    public UnitInputValidator(IStringLocalizer<SharedResource> l, TimeProvider clock)
    {
        var today = () => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime.AddHours(7));

        RuleFor(x => x.BusinessName).Must(v => Identifiers.Clean(v) is not null).WithMessage(_ => l["Isi nama usaha."])
            .MaximumLength(200).WithMessage(_ => l["Nama usaha paling banyak 200 karakter."]);
        RuleFor(x => x.OwnerName).Must(v => Identifiers.Clean(v) is not null).WithMessage(_ => l["Isi nama pemilik."])
            .MaximumLength(150).WithMessage(_ => l["Nama pemilik paling banyak 150 karakter."]);
        RuleFor(x => x.Nik).Must(v => Identifiers.Clean(v) is not null).WithMessage(_ => l["Isi NIK pemilik (16 digit)."]);
        RuleFor(x => x.Nik).Must(v => Identifiers.IsDigits(Identifiers.Clean(v), 16)).WithMessage(_ => l["NIK harus 16 digit angka."])
            .When(x => Identifiers.Clean(x.Nik) is not null);
        RuleFor(x => x.Nik).Must(v => Identifiers.IsPlausibleNik(Identifiers.Clean(v)))
            .WithMessage(_ => l["NIK tidak wajar: periksa kode wilayah (6 digit pertama) dan tanggal lahir (digit 7 sampai 12)."])
            .When(x => Identifiers.IsDigits(Identifiers.Clean(x.Nik), 16));
        RuleFor(x => x.Nib).Must(v => Identifiers.IsNib(Identifiers.Clean(v))).WithMessage(_ => l["NIB harus 13 digit angka, atau kosongkan bila belum ada."])
            .When(x => Identifiers.Clean(x.Nib) is not null);
        RuleFor(x => x.KbliCode).Must(v => Identifiers.IsManufacturingKbli(Identifiers.Clean(v)))
            .WithMessage(_ => l["Kode KBLI harus 5 digit dalam industri pengolahan (golongan pokok 10 sampai 33), misalnya 10792."])
            .When(x => Identifiers.Clean(x.KbliCode) is not null);
        RuleFor(x => x.KbliEdition).Must(v => v is "2020" or "2025").WithMessage(_ => l["Pilih edisi KBLI (2020 atau 2025)."])
            .When(x => Identifiers.Clean(x.KbliCode) is not null);
        RuleFor(x => x.CategoryId).Must(v => int.TryParse(v, out _)).WithMessage(_ => l["Pilih kategori produk."]);
        RuleFor(x => x.KelurahanId).Must(v => int.TryParse(v, out _)).WithMessage(_ => l["Pilih kelurahan."]);
        RuleFor(x => x.MainProducts).MaximumLength(500).WithMessage(_ => l["Produk utama paling banyak 500 karakter."]);
        RuleFor(x => x.Address).MaximumLength(300).WithMessage(_ => l["Alamat paling banyak 300 karakter."]);
        RuleFor(x => x.Phone).Must(v => Identifiers.NormalizePhone(v) is not null)
            .WithMessage(_ => l["Nomor telepon harus nomor Indonesia yang diawali 0 atau +62, misalnya 0812 3456 7890."])
            .When(x => !string.IsNullOrWhiteSpace(x.Phone));
        foreach (var (field, name) in new (System.Linq.Expressions.Expression<Func<UnitInput, string?>>, string)[]
                 { (x => x.WorkersMale, "Tenaga kerja laki-laki"), (x => x.WorkersFemale, "Tenaga kerja perempuan") })
        {
            // Compiled once: the import validates every row of a 100,000-row file with this validator.
            var read = field.Compile();
            RuleFor(field).Must(v => Parsing.TryCount(v, out var n) && n >= 0 && n <= 100_000)
                .WithMessage(_ => l["{0} harus bilangan bulat 0 atau lebih.", l[name]])
                .When(x => !string.IsNullOrWhiteSpace(read(x)));
        }

        foreach (var (field, name) in new (System.Linq.Expressions.Expression<Func<UnitInput, string?>>, string)[]
                 { (x => x.InvestmentValue, "Nilai investasi"), (x => x.ProductionValuePerYear, "Nilai produksi per tahun"), (x => x.ProductionCapacity, "Kapasitas produksi") })
        {
            var read = field.Compile();
            RuleFor(field).Must(v => Parsing.TryAmount(v, out var n) && n >= 0 && n < 1_000_000_000_000_000m)
                .WithMessage(_ => l["{0} harus angka 0 atau lebih, misalnya 1.250.000.", l[name]])
                .When(x => !string.IsNullOrWhiteSpace(read(x)));
        }

        RuleFor(x => x.ProductionCapacityUnit).MaximumLength(50).WithMessage(_ => l["Satuan kapasitas paling banyak 50 karakter."]);
        RuleFor(x => x.YearStarted).Must(v => Parsing.TryCount(v, out var y) && y >= 1900 && y <= today().Year)
            .WithMessage(_ => l["Tahun mulai usaha harus antara 1900 dan tahun ini."])
            .When(x => !string.IsNullOrWhiteSpace(x.YearStarted));
        RuleFor(x => x.LegalForm).Must(v => Enum.TryParse<LegalForm>(v, out _)).WithMessage(_ => l["Pilih bentuk badan usaha dari daftar."])
            .When(x => !string.IsNullOrWhiteSpace(x.LegalForm));
        RuleFor(x => x.RegisteredOn).Must(v => Parsing.TryDate(v, out _)).WithMessage(_ => l["Isi tanggal pendaftaran (hh/bb/tttt)."]);
        RuleFor(x => x.RegisteredOn).Must(v => Parsing.TryDate(v, out var d) && d <= today()).WithMessage(_ => l["Tanggal pendaftaran tidak boleh di masa depan."])
            .When(x => Parsing.TryDate(x.RegisteredOn, out _));
        RuleFor(x => x.PublicConsentOn).Must(v => Parsing.TryDate(v, out var d) && d <= today())
            .WithMessage(_ => l["Tanggal persetujuan harus tanggal yang sudah lewat (hh/bb/tttt)."])
            .When(x => x.PublicConsent && !string.IsNullOrWhiteSpace(x.PublicConsentOn));
        RuleFor(x => x.DataSource).MaximumLength(100).WithMessage(_ => l["Sumber data paling banyak 100 karakter."]);
    }
}
