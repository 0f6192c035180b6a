namespace IkmRegistry.Web.Pages.Directory;

/// <summary>
/// What the public directory (/Directory) and the product search (/Directory/Products) share: the same query words for
/// the kelurahan, the category and the page, and the option lists of their search forms (<see cref="PublicOptionsQuery"/>).
/// The output cache varies by these bound names too (<see cref="PublicPageCache"/>).
/// </summary>
public abstract class PublicSearchPageModel : PageModel
{
    /// <summary>Slug of a kelurahan, e.g. pahandut-seberang.</summary>
    [BindProperty(SupportsGet = true, Name = "kelurahan")]
    public string? Kelurahan { get; set; }

    /// <summary>Code of a product category, e.g. pangan.</summary>
    [BindProperty(SupportsGet = true, Name = "kategori")]
    public string? Category { get; set; }

    /// <summary>The page of results, from 1.</summary>
    [BindProperty(SupportsGet = true, Name = "halaman")]
    public int PageNumber { get; set; } = 1;

    public IReadOnlyList<PublicKelurahan> KelurahanOptions { get; protected set; } = [];
    public IReadOnlyList<PublicCategory> CategoryOptions { get; protected set; } = [];
}
