using Microsoft.AspNetCore.OutputCaching;

namespace IkmRegistry.Web.Pages.Directory;

/// <summary>One kelurahan for the public: its sentra (or that it has none yet) and its active units by category.</summary>
[OutputCache(PolicyName = PublicPageCache.Policy)]
public class KelurahanModel(RegistryDbContext db, PublicOptionsQuery options, IConfiguration configuration) : PageModel
{
    public PublicKelurahan Kelurahan { get; private set; } = null!;
    public List<PublicSentra> Sentra { get; private set; } = [];

    /// <summary>Every category, with its number of active units here (aggregate counts only).</summary>
    public List<(PublicCategory Category, int Units)> UnitsByCategory { get; private set; } = [];
    public int TotalUnits => UnitsByCategory.Sum(c => c.Units);
    public MapData Map { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        // The kelurahan and categories as of the registry version, kept in memory as on the other public pages.
        var (all, categories) = await options.ReadAsync(cancellationToken);
        if (all.FirstOrDefault(k => k.Slug == slug) is not { } kelurahan)
        {
            return NotFound();
        }

        Kelurahan = kelurahan;
        Sentra = await db.ActiveSentra().Where(s => s.Kelurahan.Slug == slug).InDirectoryOrder().SelectPublic().AsNoTracking().ToListAsync(cancellationToken);
        var counts = (await db.UnitCountsAsync(cancellationToken))
            .Where(c => c.KelurahanCode == kelurahan.Code)
            .ToDictionary(c => c.CategoryCode, c => c.ActiveUnits);
        UnitsByCategory = [.. categories.Select(c => (c, counts.GetValueOrDefault(c.Code)))];
        Map = MapData.ForKelurahan(kelurahan, all, configuration, Url);
        return Page();
    }
}
