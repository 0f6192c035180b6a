using IkmRegistry.Web.Data;
using IkmRegistry.Web.Domain;
using IkmRegistry.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.RateLimiting;

namespace IkmRegistry.Web.Pages.Directory;

/// <summary>Products across the city: who makes a product, in a sentra or not, grouped by product and kelurahan (<see cref="ProductSearch"/>).</summary>
[EnableRateLimiting(PublicAccess.DirectorySearchRateLimit)]
[OutputCache(PolicyName = PublicPageCache.Policy)]
public class ProductsModel(RegistryDbContext db) : PageModel
{
    /// <summary>A product word, e.g. amplang.</summary>
    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    /// <summary>Code of a product category, e.g. pangan.</summary>
    [BindProperty(SupportsGet = true, Name = "kategori")]
    public string? Category { get; set; }

    /// <summary>Slug of a kelurahan, e.g. pahandut-seberang.</summary>
    [BindProperty(SupportsGet = true, Name = "kelurahan")]
    public string? Kelurahan { get; set; }

    public List<ProductGroup> Groups { get; private set; } = [];
    public int BusinessCount { get; private set; }
    public List<PublicKelurahan> KelurahanOptions { get; private set; } = [];
    public List<PublicCategory> CategoryOptions { get; private set; } = [];
    public bool Searched { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        KelurahanOptions = await db.KelurahanAsync(cancellationToken);
        CategoryOptions = await db.CategoriesAsync(cancellationToken);
        // What is typed or tampered in the address goes into SQL parameters: no control characters, no endless text.
        Query = Identifiers.Clean(Query) is { } q ? Identifiers.SearchTerm(q) : null;
        (Category, Kelurahan) = (Identifiers.Clean(Category), Identifiers.Clean(Kelurahan));
        var filter = new ProductSearch.Filter(Query, Category, Kelurahan);
        if (filter.IsEmpty)
        {
            return;
        }

        Searched = true;
        var hits = await ProductSearch.HitsAsync(db, filter, cancellationToken);
        BusinessCount = hits.Where(h => !h.IsSentra).Select(h => h.Slug).Distinct().Count();
        Groups = ProductSearch.Group(hits);
    }
}
