namespace IkmRegistry.Web.Pages.Admin.Categories;

public class IndexModel(RegistryDbContext db) : PageModel
{
    public List<ProductCategory> Categories { get; private set; } = [];

    /// <summary>Divisions of category C that no category claims: their codes fall to "Lainnya".</summary>
    public List<int> Unclaimed { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Categories = await db.ProductCategories.AsNoTracking().OrderBy(c => c.SortOrder).ToListAsync(cancellationToken);
        var claimed = Categories.SelectMany(c => c.KbliDivisions).ToHashSet();
        Unclaimed = [.. Kbli.Divisions.Select(d => Kbli.Division(d.Code)!.Value).Where(d => !claimed.Contains(d))];
    }
}
