using Microsoft.AspNetCore.Mvc.Rendering;

namespace IkmRegistry.Web.Pages.Registry.Units;

/// <summary>The unit list: filters and search live in the URL, so a list can be bookmarked and shared.</summary>
[RedirectFormerQueryWords]
public class IndexModel(RegistryDbContext db, Lookups lookups) : PageModel
{
    public const int PageSize = 25;

    [BindProperty(SupportsGet = true)] public UnitFilter Filter { get; set; } = new();
    [BindProperty(SupportsGet = true, Name = QueryWords.Page)] public int PageNumber { get; set; } = 1;

    public List<Row> Rows { get; private set; } = [];
    public Paging Paging { get; private set; } = new(1, PageSize, 0);
    public List<SelectListItem> KecamatanOptions { get; private set; } = [];
    public List<SelectListItem> KelurahanOptions { get; private set; } = [];
    public List<SelectListItem> CategoryOptions { get; private set; } = [];
    public List<SelectListItem> SentraOptions { get; private set; } = [];

    public sealed record Row(int Id, string BusinessName, string? MainProducts, string OwnerName, string? Nib, string Kelurahan, string Kecamatan, string Category, UnitStatus Status, DateOnly RegisteredOn);

    /// <summary>The export link's query: the list's filters and order as they are now, without the page number.</summary>
    public Dictionary<string, string> ExportRoute(string format)
    {
        var route = new Dictionary<string, string> { ["format"] = format };
        foreach (var (key, value) in Request.Query)
        {
            if (key is not (QueryWords.Page or "format" or "handler") && !string.IsNullOrEmpty(value))
            {
                route[key] = value.ToString();
            }
        }

        return route;
    }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var words = UnitSearch.WordsOf(Filter.Q);
        var search = words.Length > 0 ? await UnitSearch.FindAsync(db, words, cancellationToken) : null;
        var query = Filter.Where(db.IndustrialUnits.AsNoTracking(), search);
        var english = Infrastructure.Localization.IsEnglish;
        IQueryable<Row> Page(int skip, int take) => Filter.Order(query).Skip(skip).Take(take)
            .Select(u => new Row(u.Id, u.BusinessName, u.MainProducts, u.OwnerName, u.Nib, u.Kelurahan.Name, u.Kelurahan.Kecamatan.Name,
                english ? u.Category.NameEn : u.Category.NameId, u.Status, u.RegisteredOn));

        if (search is not null && (search.Ids is null || search.More))
        {
            // A common term is not counted: with many matches the count costs more than the page. The list walks its
            // sort index and stops after one row more than a page, which tells whether there is a next one.
            var page = Paging.Clamp(PageNumber);
            var skip = (page - 1) * PageSize;
            var rows = await Page(skip, PageSize + 1).ToListAsync(cancellationToken);
            var more = rows.Count > PageSize || (search.More && skip + rows.Count >= UnitSearch.Cap);
            Rows = rows.Count > PageSize ? rows[..PageSize] : rows;
            Paging = new Paging(page, PageSize, skip + Rows.Count, Capped: more);
        }
        else
        {
            // Without a search term, or with at most UnitSearch.Cap matches (found by id), the count is cheap and exact.
            Paging = new Paging(Paging.Clamp(PageNumber), PageSize, await query.CountAsync(cancellationToken));
            Rows = await Page(Paging.Skip, PageSize).ToListAsync(cancellationToken);
        }

        KecamatanOptions = await Lookups.KecamatanAsync(db, cancellationToken);
        KelurahanOptions = await lookups.KelurahanAsync(db, cancellationToken: cancellationToken);
        CategoryOptions = await lookups.CategoriesAsync(db, cancellationToken);
        SentraOptions = await db.Sentra.AsNoTracking().OrderBy(s => s.Name).Select(s => new SelectListItem(s.Name, s.Id.ToString())).ToListAsync(cancellationToken);
    }
}
