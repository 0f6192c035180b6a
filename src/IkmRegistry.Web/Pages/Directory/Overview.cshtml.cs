using IkmRegistry.Web.Pages.Dashboard;
using Microsoft.AspNetCore.OutputCaching;

namespace IkmRegistry.Web.Pages.Directory;

/// <summary>The city for the public: how many active kelurahan have an active sentra, on a map and in a table.</summary>
[OutputCache(PolicyName = PublicPageCache.Policy)]
public class OverviewModel(RegistryDbContext db, PublicOptionsQuery options, IStringLocalizer<SharedResource> localizer) : PageModel
{
    public IReadOnlyList<PublicKelurahan> Kelurahan { get; private set; } = [];
    public Dictionary<string, int> UnitsByKelurahan { get; private set; } = [];
    public int Covered => Kelurahan.Count(k => k.HasSentra);
    public double CoveragePercent => Kelurahan.Count == 0 ? 0 : 100.0 * Covered / Kelurahan.Count;
    public int Effective => Kelurahan.Count(k => k.HasEffectiveSentra);
    public double EffectivePercent => Kelurahan.Count == 0 ? 0 : 100.0 * Effective / Kelurahan.Count;
    public AreaMap Map { get; private set; } = null!;

    /// <summary>What colours each kelurahan on the map (also written in the table).</summary>
    public Dictionary<string, AreaStatus> Status { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Kelurahan = (await options.ReadAsync(cancellationToken)).Kelurahan;
        UnitsByKelurahan = (await db.UnitCountsAsync(cancellationToken))
            .GroupBy(c => c.KelurahanCode)
            .ToDictionary(g => g.Key, g => g.Sum(c => c.ActiveUnits));
        var states = await AreaMap.StatesAsync(db, cancellationToken);
        Status = states.ToDictionary(s => s.Code, s => s.Status);
        Map = AreaMap.Create(localizer["Kota Palangka Raya"], states, _ => true, s => Url.Page("/Directory/Kelurahan", new { slug = s.Slug }),
            s => localizer[AreaMap.StatusText(s)], UnitsByKelurahan);
    }
}
