using IkmRegistry.Web.Data;
using IkmRegistry.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;

namespace IkmRegistry.Web.Pages.Directory;

/// <summary>The city for the public: how many active kelurahan have an active sentra, on a map and in a table.</summary>
[OutputCache(PolicyName = PublicPageCache.Policy)]
public class OverviewModel(RegistryDbContext db, IConfiguration configuration) : PageModel
{
    public List<PublicKelurahan> Kelurahan { get; private set; } = [];
    public Dictionary<string, int> UnitsByKelurahan { get; private set; } = [];
    public int Covered => Kelurahan.Count(k => k.HasSentra);
    public double CoveragePercent => Kelurahan.Count == 0 ? 0 : 100.0 * Covered / Kelurahan.Count;
    public int Effective => Kelurahan.Count(k => k.HasEffectiveSentra);
    public double EffectivePercent => Kelurahan.Count == 0 ? 0 : 100.0 * Effective / Kelurahan.Count;
    public MapData Map { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Kelurahan = await db.KelurahanAsync(cancellationToken);
        UnitsByKelurahan = (await db.UnitCountsAsync(cancellationToken))
            .GroupBy(c => c.KelurahanCode)
            .ToDictionary(g => g.Key, g => g.Sum(c => c.ActiveUnits));
        Map = MapData.ForCity(Kelurahan, configuration, Url);
    }
}
