namespace IkmRegistry.Web.Pages.Dashboard;

/// <summary>One kecamatan: the same figures as the city's, for its kelurahan.</summary>
public class KecamatanModel(RegistryDbContext db, CoverageQuery query, IStringLocalizer<SharedResource> localizer) : PageModel
{
    public string Code { get; private set; } = "";
    public string Name { get; private set; } = "";
    public CoverageReport Report { get; private set; } = null!;
    public AreaMap Map { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken cancellationToken)
    {
        var kecamatan = await db.Kecamatan.AsNoTracking().Where(k => k.Code == code).Select(k => new { k.Id, k.Code, k.Name }).SingleOrDefaultAsync(cancellationToken);
        if (kecamatan is null)
        {
            return NotFound();
        }

        (Code, Name) = (kecamatan.Code, kecamatan.Name);
        Report = new CoverageReport(await query.LoadAsync(new CoverageScope(KecamatanId: kecamatan.Id), cancellationToken), localizer);
        var states = (await AreaMap.StatesAsync(db, cancellationToken)).Where(s => s.KecamatanCode == kecamatan.Code);
        Map = AreaMap.Create(localizer["Kecamatan {0}", kecamatan.Name], states, _ => true,
            s => CoverageReport.KelurahanHref(s.Code), s => localizer[AreaMap.StatusText(s)], Report.UnitsByKelurahanCode());
        return Page();
    }
}
