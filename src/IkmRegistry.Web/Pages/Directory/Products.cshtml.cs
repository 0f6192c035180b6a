using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.RateLimiting;

namespace IkmRegistry.Web.Pages.Directory;

/// <summary>Products across the city: who makes a product, in a sentra or not, grouped by product and kelurahan (<see cref="ProductSearch"/>).</summary>
[EnableRateLimiting(PublicAccess.DirectorySearchRateLimit)]
[OutputCache(PolicyName = PublicPageCache.Policy)]
public class ProductsModel(RegistryDbContext db, PublicOptionsQuery options) : PublicSearchPageModel
{
    /// <summary>A product word, e.g. amplang.</summary>
    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    /// <summary>One product exactly as listed; with a kelurahan, the page of that product's makers there.</summary>
    [BindProperty(SupportsGet = true, Name = "produk")]
    public string? Product { get; set; }

    public List<ProductGroup> Groups { get; private set; } = [];
    public bool MoreProducts { get; private set; }
    public bool IsPlace { get; private set; }

    /// <summary>On the page of one product in one kelurahan: the number of pages of its businesses.</summary>
    public int PageCount { get; private set; }

    public bool Searched { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        // Kept in memory per registry version: reading them cost the database more than the search.
        (KelurahanOptions, CategoryOptions) = await options.ReadAsync(cancellationToken);
        // What is typed or tampered in the address goes into SQL parameters: no control characters, no endless text.
        Query = Identifiers.Clean(Query) is { } q ? Identifiers.SearchTerm(q) : null;
        (Category, Kelurahan) = (Identifiers.Clean(Category), Identifiers.Clean(Kelurahan));
        Product = Identifiers.Clean(Product) is { } product && product.Length <= ProductSearch.ProductMaxLength ? product : null;
        PageNumber = Math.Clamp(PageNumber, 1, ProductSearch.MaxPage);
        var filter = new ProductSearch.Filter(Query, Category, Kelurahan, Product, PageNumber);
        if (filter.IsEmpty)
        {
            return;
        }

        Searched = true;
        IsPlace = filter.IsPlace;
        (Groups, MoreProducts) = await ProductSearch.SearchAsync(db, filter, cancellationToken);
        if (IsPlace)
        {
            var businesses = Groups.SelectMany(g => g.Places).Sum(p => p.BusinessCount);
            PageCount = Math.Max(1, (businesses + ProductSearch.PageSize - 1) / ProductSearch.PageSize);
        }
    }
}
