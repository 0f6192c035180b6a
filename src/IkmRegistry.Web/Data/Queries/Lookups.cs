using IkmRegistry.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace IkmRegistry.Web.Data.Queries;

/// <summary>The option lists that registry forms and filters share: kelurahan grouped by kecamatan, categories.</summary>
public static class Lookups
{
    public static async Task<List<SelectListItem>> KelurahanAsync(RegistryDbContext db, int? including = null, CancellationToken cancellationToken = default)
    {
        var rows = await db.Kelurahan.AsNoTracking()
            .Where(k => k.RetiredOn == null || k.Id == including)
            .OrderBy(k => k.Kecamatan.Name).ThenBy(k => k.Name)
            .Select(k => new { k.Id, k.Name, Kecamatan = k.Kecamatan.Name, Retired = k.RetiredOn != null })
            .ToListAsync(cancellationToken);
        var groups = rows.Select(r => r.Kecamatan).Distinct().ToDictionary(n => n, n => new SelectListGroup { Name = "Kec. " + n });
        return [.. rows.Select(r => new SelectListItem(r.Retired ? $"{r.Name} (tidak aktif)" : r.Name, r.Id.ToString()) { Group = groups[r.Kecamatan] })];
    }

    public static async Task<List<SelectListItem>> KecamatanAsync(RegistryDbContext db, CancellationToken cancellationToken = default) =>
        await db.Kecamatan.AsNoTracking().Where(k => k.RetiredOn == null).OrderBy(k => k.Name)
            .Select(k => new SelectListItem(k.Name, k.Id.ToString())).ToListAsync(cancellationToken);

    public static async Task<List<SelectListItem>> CategoriesAsync(RegistryDbContext db, CancellationToken cancellationToken = default)
    {
        var english = Localization.IsEnglish;
        return await db.ProductCategories.AsNoTracking().OrderBy(c => c.SortOrder)
            .Select(c => new SelectListItem(english ? c.NameEn : c.NameId, c.Id.ToString())).ToListAsync(cancellationToken);
    }
}
