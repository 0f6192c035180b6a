namespace IkmRegistry.Web.Pages.Registry.Formation;

/// <summary>The formation pipeline: officials read it, staff and admins open a kelurahan's formation to edit it.</summary>
public class IndexModel(RegistryDbContext db, TimeProvider clock) : PageModel
{
    public List<FormationQuery.Row> Rows { get; private set; } = [];

    public DateOnly Today { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Today = Wib.Today(clock);
        Rows = await FormationQuery.PipelineAsync(db, Today, cancellationToken);
    }
}
