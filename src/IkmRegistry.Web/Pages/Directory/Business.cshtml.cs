using IkmRegistry.Web.Photos;
using Microsoft.AspNetCore.OutputCaching;

namespace IkmRegistry.Web.Pages.Directory;

/// <summary>
/// One business whose owner agreed to be listed: name, products, category, area, sentra, and its phone as WhatsApp and
/// tel: links only with the contact consent. An address from before a rename answers 301 to the current one.
/// </summary>
[OutputCache(PolicyName = PublicPageCache.Policy)]
public class BusinessModel(RegistryDbContext db) : PageModel
{
    public PublicBusiness Business { get; private set; } = null!;
    public List<PublicPhoto> Photos { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        if (PublicQueries.BusinessId(slug) is not { } id || await db.BusinessAsync(id, cancellationToken) is not { } business)
        {
            return NotFound();
        }

        if (business.Slug != slug)
        {
            return RedirectToPagePermanent("/Directory/Business", new { slug = business.Slug });
        }

        Business = business;
        Photos = await db.BusinessPhotosAsync(id, cancellationToken);
        return Page();
    }
}
