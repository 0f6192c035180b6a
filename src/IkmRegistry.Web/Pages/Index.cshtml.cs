using Microsoft.AspNetCore.OutputCaching;

namespace IkmRegistry.Web.Pages;

// Five counts over the whole registry: cached for anonymous visitors like the directory (PublicPageCache).
[OutputCache(PolicyName = Infrastructure.PublicPageCache.Policy)]
public class IndexModel(RegistryDbContext db) : PageModel
{
    public Counts Figures { get; private set; } = new(0, 0, 0, 0, 0);

    public sealed record Counts(int Kecamatan, int Kelurahan, int Sentra, int Units, int CoveredKelurahan)
    {
        public double CoveragePercent => Kelurahan == 0 ? 0 : 100.0 * CoveredKelurahan / Kelurahan;
    }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var activeKelurahan = db.Kelurahan.Where(k => k.RetiredOn == null);
        Figures = new Counts(
            await db.Kecamatan.CountAsync(k => k.RetiredOn == null, cancellationToken),
            await activeKelurahan.CountAsync(cancellationToken),
            await db.Sentra.CountAsync(s => s.Status == SentraStatus.Aktif, cancellationToken),
            await db.IndustrialUnits.CountAsync(u => u.Status == UnitStatus.Aktif, cancellationToken),
            await activeKelurahan.CountAsync(k => db.Sentra.Any(s => s.KelurahanId == k.Id && s.Status == SentraStatus.Aktif), cancellationToken));
    }
}
