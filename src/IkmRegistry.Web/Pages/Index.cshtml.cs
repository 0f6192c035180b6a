using IkmRegistry.Web.Data;
using IkmRegistry.Web.Domain;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace IkmRegistry.Web.Pages;

public class IndexModel(RegistryDbContext db) : PageModel
{
    public Counts Figures { get; private set; } = new(0, 0, 0, 0, 0);

    public sealed record Counts(int Kecamatan, int Kelurahan, int Sentra, int Units, int CoveredKelurahan)
    {
        public double CoveragePercent => Kelurahan == 0 ? 0 : 100.0 * CoveredKelurahan / Kelurahan;
    }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        // One round trip: five counts over active areas, active sentra and active units.
        Figures = await db.Kecamatan.TagWith("Home page counts").Take(1).Select(_ => new Counts(
                db.Kecamatan.Count(k => k.RetiredOn == null),
                db.Kelurahan.Count(k => k.RetiredOn == null),
                db.Sentra.Count(s => s.Status == SentraStatus.Aktif),
                db.IndustrialUnits.Count(u => u.Status == UnitStatus.Aktif),
                db.Kelurahan.Count(k => k.RetiredOn == null && db.Sentra.Any(s => s.KelurahanId == k.Id && s.Status == SentraStatus.Aktif))))
            .FirstOrDefaultAsync(cancellationToken) ?? Figures;
    }
}
