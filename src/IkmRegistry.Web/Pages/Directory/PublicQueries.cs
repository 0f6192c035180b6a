namespace IkmRegistry.Web.Pages.Directory;

// The public directory and the open data read only through these queries. Each one selects into a record made
// for the public, field by field, so that a private column added to an entity later cannot leak by accident.

public sealed record PublicCategory(string Code, string NameId, string NameEn)
{
    public string Name => Localization.IsEnglish ? NameEn : NameId;
}

public sealed record PublicSentra(
    string Slug,
    string Name,
    string KelurahanCode,
    string KelurahanName,
    string KelurahanSlug,
    string KecamatanCode,
    string KecamatanName,
    IReadOnlyList<PublicCategory> Categories,
    string? Products,
    int MemberUnits,
    int? FoundedYear,
    string? Contact,
    string? Description,
    double Latitude,
    double Longitude);

/// <summary>A member business whose owner agreed to be listed: its name and products (and its page's address), nothing else.</summary>
public sealed record PublicMemberBusiness(int Id, string BusinessName, string? Products)
{
    public string Slug => PublicQueries.BusinessSlug(Id, BusinessName);
}

/// <summary>
/// A business whose owner agreed to be listed, as its public page shows it: name, products, category, area, its sentra,
/// and its phone only when the owner also agreed to publish a contact. Never the owner, NIK, NIB, address or figures.
/// </summary>
public sealed record PublicBusiness(
    int Id,
    string BusinessName,
    string? Products,
    PublicCategory Category,
    string KelurahanName,
    string KelurahanSlug,
    string KecamatanName,
    string? SentraName,
    string? SentraSlug,
    string? Phone)
{
    public string Slug => PublicQueries.BusinessSlug(Id, BusinessName);

    public ContactLinks? Contact => ContactLinks.From(Phone);
}

public sealed record PublicKelurahan(
    string Code,
    string Name,
    string Slug,
    string KecamatanCode,
    string KecamatanName,
    double Latitude,
    double Longitude,
    int ActiveSentra,
    int EffectiveSentra)
{
    public bool HasSentra => ActiveSentra > 0;

    /// <summary>An Aktif sentra here has at least five active members (effective coverage).</summary>
    public bool HasEffectiveSentra => EffectiveSentra > 0;
}

public sealed record PublicUnitCount(string KelurahanCode, string KecamatanCode, string CategoryCode, int ActiveUnits);

public static class PublicQueries
{
    /// <summary>The sentra the public sees: status Aktif.</summary>
    public static IQueryable<Sentra> ActiveSentra(this RegistryDbContext db) =>
        db.Sentra.Where(s => s.Status == SentraStatus.Aktif);

    /// <summary>
    /// One row per sentra, in one SQL query. Members are active memberships of active units (consent does not
    /// matter for a count); the contact is read from the database only when the sentra chose to publish it.
    /// </summary>
    public static IQueryable<PublicSentra> SelectPublic(this IQueryable<Sentra> sentra) =>
        sentra.Select(s => new PublicSentra(
            s.Slug,
            s.Name,
            s.Kelurahan.Code,
            s.Kelurahan.Name,
            s.Kelurahan.Slug,
            s.Kelurahan.Kecamatan.Code,
            s.Kelurahan.Kecamatan.Name,
            s.Categories.OrderBy(c => c.SortOrder).Select(c => new PublicCategory(c.Code, c.NameId, c.NameEn)).ToList(),
            s.Products,
            s.Memberships.Count(m => m.LeftOn == null && m.Unit.Status == UnitStatus.Aktif),
            s.FoundedOn.HasValue ? s.FoundedOn.Value.Year : null,
            s.PublishContact ? s.PublicContact : null,
            s.Description,
            s.Kelurahan.Latitude,
            s.Kelurahan.Longitude));

    /// <summary>The directory's order: by kelurahan, then by name (one sentra per kelurahan is the city's aim).</summary>
    public static IQueryable<Sentra> InDirectoryOrder(this IQueryable<Sentra> sentra) =>
        sentra.OrderBy(s => s.Kelurahan.Name).ThenBy(s => s.Name).ThenBy(s => s.Id);

    public static Task<PublicSentra?> SentraBySlugAsync(this RegistryDbContext db, string slug, CancellationToken cancellationToken) =>
        db.ActiveSentra().Where(s => s.Slug == slug).SelectPublic().AsNoTracking().SingleOrDefaultAsync(cancellationToken);

    /// <summary>The businesses the public may see: active, and the owner agreed to be listed.</summary>
    public static IQueryable<IndustrialUnit> ListedBusinesses(this RegistryDbContext db) =>
        db.IndustrialUnits.Where(u => u.Status == UnitStatus.Aktif && u.PublicConsent);

    /// <summary>
    /// A business's public address: its registry number, then its name ("4711-amplang-ibu-sari"). The number finds it,
    /// so an address from before a rename still leads to it (the page redirects to the current name).
    /// </summary>
    public static string BusinessSlug(int id, string name) =>
        Slug.From(name) is { Length: > 0 } slug ? $"{id}-{slug[..Math.Min(slug.Length, 120)]}" : id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The registry number at the start of a business address, or null.</summary>
    public static int? BusinessId(string? slug)
    {
        var digits = slug is null ? "" : new string(slug.TakeWhile(char.IsAsciiDigit).ToArray());
        return digits.Length is > 0 and <= 9 && (slug!.Length == digits.Length || slug[digits.Length] == '-')
            && int.TryParse(digits, System.Globalization.CultureInfo.InvariantCulture, out var id) ? id : null;
    }

    public static IQueryable<PublicBusiness> SelectPublic(this IQueryable<IndustrialUnit> units) =>
        units.Select(u => new PublicBusiness(
            u.Id,
            u.BusinessName,
            u.MainProducts,
            new PublicCategory(u.Category.Code, u.Category.NameId, u.Category.NameEn),
            u.Kelurahan.Name,
            u.Kelurahan.Slug,
            u.Kelurahan.Kecamatan.Name,
            u.Memberships.Where(m => m.LeftOn == null && m.Sentra.Status == SentraStatus.Aktif)
                .OrderByDescending(m => m.JoinedOn).ThenByDescending(m => m.Id).Select(m => m.Sentra.Name).FirstOrDefault(),
            u.Memberships.Where(m => m.LeftOn == null && m.Sentra.Status == SentraStatus.Aktif)
                .OrderByDescending(m => m.JoinedOn).ThenByDescending(m => m.Id).Select(m => m.Sentra.Slug).FirstOrDefault(),
            // The number is read from the database only with the second consent.
            u.PublicContactConsent ? u.Phone : null));

    public static Task<PublicBusiness?> BusinessAsync(this RegistryDbContext db, int id, CancellationToken cancellationToken) =>
        db.ListedBusinesses().Where(u => u.Id == id).SelectPublic().AsNoTracking().SingleOrDefaultAsync(cancellationToken);

    /// <summary>Active kelurahan with their number of active sentra, ordered by Kemendagri code.</summary>
    public static Task<List<PublicKelurahan>> KelurahanAsync(this RegistryDbContext db, CancellationToken cancellationToken) =>
        db.Kelurahan.Where(k => k.RetiredOn == null)
            .OrderBy(k => k.Code)
            .Select(k => new PublicKelurahan(
                k.Code,
                k.Name,
                k.Slug,
                k.Kecamatan.Code,
                k.Kecamatan.Name,
                k.Latitude,
                k.Longitude,
                db.Sentra.Count(s => s.KelurahanId == k.Id && s.Status == SentraStatus.Aktif),
                db.Sentra.Count(s => s.KelurahanId == k.Id && s.Status == SentraStatus.Aktif
                    && s.Memberships.Count(m => m.LeftOn == null && m.Unit.Status == UnitStatus.Aktif) >= Sentra.MinimumMembers)))
            .AsNoTracking()
            .ToListAsync(cancellationToken);

    public static Task<List<PublicCategory>> CategoriesAsync(this RegistryDbContext db, CancellationToken cancellationToken) =>
        db.ProductCategories.OrderBy(c => c.SortOrder)
            .Select(c => new PublicCategory(c.Code, c.NameId, c.NameEn))
            .AsNoTracking()
            .ToListAsync(cancellationToken);

    /// <summary>Active units counted by kelurahan and category, grouped in SQL; combinations without units are absent.</summary>
    public static Task<List<PublicUnitCount>> UnitCountsAsync(this RegistryDbContext db, CancellationToken cancellationToken) =>
        db.IndustrialUnits.Where(u => u.Status == UnitStatus.Aktif)
            .GroupBy(u => new { KelurahanCode = u.Kelurahan.Code, KecamatanCode = u.Kelurahan.Kecamatan.Code, CategoryCode = u.Category.Code })
            .Select(g => new PublicUnitCount(g.Key.KelurahanCode, g.Key.KecamatanCode, g.Key.CategoryCode, g.Count()))
            .AsNoTracking()
            .ToListAsync(cancellationToken);
}
