namespace IkmRegistry.Web.Pages.Dashboard;

/// <summary>
/// The formal coverage report, made for printing on A4 (and saving as PDF from the browser): letterhead, title, the
/// figures of a frozen snapshot (<c>?data=yyyy-MM-dd</c>, with its SHA-256) or of today, a generated narrative,
/// coverage against target, the pipeline, the map, the tables by kecamatan and category and the signature block.
/// No data-quality or duplicate lists.
/// </summary>
public class ReportModel(RegistryDbContext db, IStringLocalizer<SharedResource> localizer, IConfiguration configuration, TimeProvider clock) : PageModel
{
    public SnapshotContent.Figures Figures { get; private set; } = null!;

    /// <summary>The frozen snapshot cited, or null for today's figures.</summary>
    public CoverageSnapshot? Snapshot { get; private set; }

    public IReadOnlyList<TargetQuery.Row> Targets { get; private set; } = [];
    public IReadOnlyList<FormationQuery.Row> Pipeline { get; private set; } = [];
    public AreaMap Map { get; private set; } = null!;
    public IReadOnlyList<string> Uncovered { get; private set; } = [];
    public IReadOnlyDictionary<string, string> CategoryNamesEn { get; private set; } = new Dictionary<string, string>();
    public DateOnly Today { get; private set; }
    public string SignatoryName => configuration["Report:SignatoryName"] ?? "";
    public string SignatoryNip => configuration["Report:SignatoryNip"] ?? "";

    public async Task<IActionResult> OnGetAsync([FromQuery(Name = "data")] string? asOf, CancellationToken cancellationToken)
    {
        Today = Wib.Today(clock);
        if (!string.IsNullOrEmpty(asOf))
        {
            if (!Parsing.TryDate(asOf, out var date))
            {
                return NotFound();
            }

            Snapshot = await db.CoverageSnapshots.AsNoTracking().FirstOrDefaultAsync(s => s.AsOf == date, cancellationToken);
            if (Snapshot is null)
            {
                return NotFound();
            }

            Figures = SnapshotContent.Read(Snapshot.Content);
        }
        else
        {
            Figures = await SnapshotContent.ComputeAsync(db, Today, cancellationToken);
        }

        Targets = await TargetQuery.RowsAsync(db, Today, cancellationToken);
        Pipeline = await FormationQuery.PipelineAsync(db, Today, cancellationToken);
        CategoryNamesEn = await db.ProductCategories.AsNoTracking().ToDictionaryAsync(c => c.Code, c => c.NameEn, cancellationToken);

        // The map colours what the report's figures say: covered on the report's date, else today's formation stage.
        var covered = Figures.CoveredKelurahan.ToHashSet(StringComparer.Ordinal);
        var states = (await AreaMap.StatesAsync(db, cancellationToken))
            .Select(s => s with { Status = covered.Contains(s.Code) ? AreaStatus.Covered : s.Status == AreaStatus.Covered ? AreaStatus.Uncovered : s.Status })
            .ToList();
        Map = AreaMap.Create(localizer["Kota Palangka Raya"], states, _ => true, _ => null, s => localizer[AreaMap.StatusText(s)]);
        Uncovered = [.. states.Where(s => s.Status != AreaStatus.Covered).Select(s => s.Name).Order(StringComparer.Ordinal)];
        return Page();
    }
}
