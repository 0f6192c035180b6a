namespace IkmRegistry.Tests.Pages.Directory;

/// <summary>Plants sentra, units and memberships for the directory tests, on the reference areas and categories.</summary>
public sealed class DirectoryData(RegistryDbContext db) : IAsyncDisposable
{
    public const string Pahandut = "62.71.01.1001";
    public const string PahandutSeberang = "62.71.01.1005";
    public const string Marang = "62.71.02.1001";
    public const string Menteng = "62.71.03.1002";
    public const string Kalampangan = "62.71.04.1002";

    public RegistryDbContext Db => db;

    public async Task<Sentra> SentraAsync(string name, string kelurahanCode, string[] categories, SentraStatus status = SentraStatus.Aktif,
        string? products = null, string? contact = null, bool publishContact = false, DateOnly? foundedOn = null, string? description = null)
    {
        var codes = categories.ToList();
        var sentra = new Sentra
        {
            Name = name,
            Slug = Slug.From(name),
            KelurahanId = await db.Kelurahan.Where(k => k.Code == kelurahanCode).Select(k => k.Id).SingleAsync(),
            Status = status,
            Products = products,
            PublicContact = contact,
            PublishContact = publishContact,
            FoundedOn = foundedOn,
            Description = description,
            Categories = await db.ProductCategories.Where(c => codes.Contains(c.Code)).ToListAsync(),
            CreatedAt = DateTime.UtcNow,
            UpdatedAt = DateTime.UtcNow,
        };
        db.Sentra.Add(sentra);
        await db.SaveChangesAsync();
        return sentra;
    }

    public async Task<IndustrialUnit> UnitAsync(string businessName, string kelurahanCode, string category, Sentra? memberOf = null,
        bool consent = true, UnitStatus status = UnitStatus.Aktif, bool leftSentra = false, string? products = null, Action<IndustrialUnit>? details = null)
    {
        var unit = new IndustrialUnit
        {
            BusinessName = businessName,
            OwnerName = "Pemilik " + businessName,
            MainProducts = products,
            CategoryId = await db.ProductCategories.Where(c => c.Code == category).Select(c => c.Id).SingleAsync(),
            KelurahanId = await db.Kelurahan.Where(k => k.Code == kelurahanCode).Select(k => k.Id).SingleAsync(),
            Status = status,
            ClosedOn = status == UnitStatus.Tutup ? new DateOnly(2025, 1, 1) : null,
            PublicConsent = consent,
            PublicConsentOn = consent ? new DateOnly(2026, 1, 5) : null,
            RegisteredOn = new DateOnly(2024, 3, 1),
            CreatedAt = DateTime.UtcNow,
            UpdatedAt = DateTime.UtcNow,
        };
        details?.Invoke(unit);
        db.IndustrialUnits.Add(unit);
        if (memberOf is not null)
        {
            db.Memberships.Add(new Membership
            {
                Sentra = memberOf,
                Unit = unit,
                JoinedOn = new DateOnly(2024, 4, 1),
                LeftOn = leftSentra ? new DateOnly(2025, 6, 1) : null,
            });
        }

        await db.SaveChangesAsync();
        return unit;
    }

    /// <summary>Several units at once, members of a sentra when given.</summary>
    public async Task UnitsAsync(int count, string kelurahanCode, string category, Sentra? memberOf = null, bool consent = true)
    {
        for (var i = 1; i <= count; i++)
        {
            await UnitAsync($"Usaha {category} {kelurahanCode} {memberOf?.Slug} {i}", kelurahanCode, category, memberOf, consent);
        }
    }

    public ValueTask DisposeAsync() => db.DisposeAsync();
}
