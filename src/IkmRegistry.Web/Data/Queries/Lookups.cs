using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace IkmRegistry.Web.Data.Queries;

/// <summary>
/// The option lists that registry forms and filters share: kelurahan grouped by kecamatan, categories. The last
/// lists read are kept, so that a form can be shown again while the database is unreachable. One per app (a
/// singleton service), and so one per database: the ids in the lists are that database's.
/// </summary>
public sealed class Lookups
{
    private readonly ConcurrentDictionary<string, List<SelectListItem>> _lastRead = new();

    private async Task<List<SelectListItem>> RememberedAsync(string key, Func<Task<List<SelectListItem>>> read)
    {
        key = key + "|" + CultureInfo.CurrentUICulture.Name;
        try
        {
            var items = await read();
            _lastRead[key] = items;
            return items;
        }
        catch (Exception e) when (ErrorHandling.IsDatabaseUnavailable(e) && Remembered(key) is { } remembered)
        {
            return [.. remembered.Select(i => new SelectListItem(i.Text, i.Value) { Group = i.Group })];
        }
    }

    /// <summary>The list read last under this key, else under the same kind of list (e.g. kelurahan including another retired one).</summary>
    private List<SelectListItem>? Remembered(string key)
    {
        if (_lastRead.TryGetValue(key, out var exact))
        {
            return exact;
        }

        var (kind, culture) = (key[..key.IndexOf('|', StringComparison.Ordinal)], key[(key.LastIndexOf('|') + 1)..]);
        return _lastRead.FirstOrDefault(p => p.Key.StartsWith(kind + "|", StringComparison.Ordinal) && p.Key.EndsWith("|" + culture, StringComparison.Ordinal)).Value;
    }

    public Task<List<SelectListItem>> KelurahanAsync(RegistryDbContext db, int? including = null, CancellationToken cancellationToken = default) =>
        RememberedAsync($"kelurahan|{including}", () => ReadKelurahanAsync(db, including, cancellationToken));

    private static async Task<List<SelectListItem>> ReadKelurahanAsync(RegistryDbContext db, int? including, CancellationToken cancellationToken)
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

    public Task<List<SelectListItem>> CategoriesAsync(RegistryDbContext db, CancellationToken cancellationToken = default) =>
        RememberedAsync("categories", () => ReadCategoriesAsync(db, cancellationToken));

    private static async Task<List<SelectListItem>> ReadCategoriesAsync(RegistryDbContext db, CancellationToken cancellationToken)
    {
        var english = Localization.IsEnglish;
        return await db.ProductCategories.AsNoTracking().OrderBy(c => c.SortOrder)
            .Select(c => new SelectListItem(english ? c.NameEn : c.NameId, c.Id.ToString())).ToListAsync(cancellationToken);
    }
}
