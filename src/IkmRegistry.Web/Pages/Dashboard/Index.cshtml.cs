namespace IkmRegistry.Web.Pages.Dashboard;

/// <summary>The city's coverage dashboard: how far Palangka Raya is from a sentra in every kelurahan.</summary>
public class IndexModel(CoverageQuery query, IStringLocalizer<SharedResource> localizer, RegistryDbContext db, TimeProvider clock) : PageModel
{
    public CoverageReport Report { get; private set; } = null!;

    /// <summary>The formation pipeline (Pages/Registry/Formation), shown in its own section.</summary>
    public IReadOnlyList<FormationQuery.Row> Pipeline { get; private set; } = [];

    /// <summary>Coverage against the yearly targets, with the projection from the pipeline.</summary>
    public IReadOnlyList<TargetQuery.Row> Targets { get; private set; } = [];

    /// <summary>The kelurahan as areas coloured by status.</summary>
    public AreaMap Map { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Report = new CoverageReport(await query.LoadAsync(CoverageScope.City, cancellationToken), localizer);
        Map = AreaMap.Create(localizer["Kota Palangka Raya"], await AreaMap.StatesAsync(db, cancellationToken), _ => true,
            s => CoverageReport.KelurahanHref(s.Code), s => localizer[AreaMap.StatusText(s)], Report.UnitsByKelurahanCode());
        Pipeline = await FormationQuery.PipelineAsync(db, Wib.Today(clock), cancellationToken);
        Targets = await TargetQuery.RowsAsync(db, Wib.Today(clock), cancellationToken);
    }
}
