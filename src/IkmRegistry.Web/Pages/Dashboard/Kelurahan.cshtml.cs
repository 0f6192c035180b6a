namespace IkmRegistry.Web.Pages.Dashboard;

/// <summary>One kelurahan: its figures, its sentra and, page by page, its units.</summary>
public class KelurahanModel(RegistryDbContext db, CoverageQuery query, IStringLocalizer<SharedResource> localizer) : PageModel
{
    public const int PageSize = 50;

    public string Code { get; private set; } = "";
    public string Name { get; private set; } = "";
    public string KecamatanCode { get; private set; } = "";
    public string KecamatanName { get; private set; } = "";
    public bool Retired { get; private set; }
    public CoverageReport Report { get; private set; } = null!;

    /// <summary>The kelurahan among its kecamatan's (context, in grey); null for a retired kelurahan (it has no area).</summary>
    public AreaMap? Map { get; private set; }
    public ReportTable Units { get; private set; } = null!;
    public int UnitTotal { get; private set; }
    public int CurrentPage { get; private set; } = 1;
    public int PageCount => Math.Max(1, (UnitTotal + PageSize - 1) / PageSize);

    public async Task<IActionResult> OnGetAsync(string code, [FromQuery(Name = "halaman")] int? page, CancellationToken cancellationToken)
    {
        var kelurahan = await db.Kelurahan.AsNoTracking().Where(k => k.Code == code)
            .Select(k => new { k.Id, k.Code, k.Name, k.RetiredOn, KecamatanCode = k.Kecamatan.Code, KecamatanName = k.Kecamatan.Name })
            .SingleOrDefaultAsync(cancellationToken);
        if (kelurahan is null)
        {
            return NotFound();
        }

        (Code, Name, KecamatanCode, KecamatanName, Retired) = (kelurahan.Code, kelurahan.Name, kelurahan.KecamatanCode, kelurahan.KecamatanName, kelurahan.RetiredOn is not null);
        Report = new CoverageReport(await query.LoadAsync(new CoverageScope(KelurahanId: kelurahan.Id), cancellationToken), localizer);
        if (!Retired)
        {
            var states = (await AreaMap.StatesAsync(db, cancellationToken)).Where(s => s.KecamatanCode == kelurahan.KecamatanCode);
            Map = AreaMap.Create(localizer["Kelurahan {0}", kelurahan.Name], states, s => s.Code == kelurahan.Code,
                s => CoverageReport.KelurahanHref(s.Code), s => localizer[AreaMap.StatusText(s)], Report.UnitsByKelurahanCode());
        }

        CurrentPage = Math.Max(1, page ?? 1);
        var (rows, total) = await query.UnitsAsync(kelurahan.Id, (CurrentPage - 1) * PageSize, PageSize, cancellationToken);
        UnitTotal = total;
        Units = UnitTable.Create(rows, localizer);
        return Page();
    }
}
