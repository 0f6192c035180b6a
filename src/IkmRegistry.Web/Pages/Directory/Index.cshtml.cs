using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.RateLimiting;

namespace IkmRegistry.Web.Pages.Directory;

/// <summary>The public sentra directory: active sentra, filtered by area and category and searched by name and products.</summary>
[EnableRateLimiting(PublicAccess.DirectorySearchRateLimit)]
[OutputCache(PolicyName = PublicPageCache.Policy)]
public class IndexModel(RegistryDbContext db, PublicOptionsQuery options) : PublicSearchPageModel
{
    public const int PageSize = 10;

    /// <summary>Search text, matched against the sentra's name and products.</summary>
    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    /// <summary>Kemendagri code of a kecamatan, e.g. 62.71.01.</summary>
    [BindProperty(SupportsGet = true, Name = "kecamatan")]
    public string? Kecamatan { get; set; }

    public List<PublicSentra> Results { get; private set; } = [];
    public int Total { get; private set; }
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);
    public bool IsFiltered => !string.IsNullOrWhiteSpace(Query) || !string.IsNullOrEmpty(Kecamatan) || !string.IsNullOrEmpty(Kelurahan) || !string.IsNullOrEmpty(Category);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        // What is typed or tampered in the address goes into SQL parameters: no control characters (PostgreSQL refuses NUL).
        (Query, Kecamatan, Kelurahan, Category) = (Domain.Identifiers.Clean(Query), Domain.Identifiers.Clean(Kecamatan), Domain.Identifiers.Clean(Kelurahan), Domain.Identifiers.Clean(Category));
        // The options as of the registry version (kept in memory), then one round trip: the count, the page number within it and the page's sentra.
        var lists = await options.ReadAsync(cancellationToken);
        var page = await PublicPageQueries.DirectoryAsync(db, Query, Kecamatan, Kelurahan, Category, PageNumber, PageSize, cancellationToken);
        (KelurahanOptions, CategoryOptions, Total, PageNumber, Results) = (lists.Kelurahan, lists.Categories, page.Total, page.Page, page.Results);
    }

    /// <summary>The current filters with another page number, for the paging links.</summary>
    public Dictionary<string, string> RouteFor(int page)
    {
        var values = new Dictionary<string, string>();
        void Add(string key, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                values[key] = value;
            }
        }

        Add("q", Query);
        Add("kecamatan", Kecamatan);
        Add("kelurahan", Kelurahan);
        Add("kategori", Category);
        if (page > 1)
        {
            values["halaman"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return values;
    }
}
