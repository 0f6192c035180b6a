using IkmRegistry.Web.Photos;
using Microsoft.AspNetCore.OutputCaching;

namespace IkmRegistry.Web.Pages.Directory;

/// <summary>One active sentra for the public: what it makes, where it is, and the members that agreed to be listed.</summary>
[OutputCache(PolicyName = PublicPageCache.Policy)]
public class SentraModel(RegistryDbContext db, PublicOptionsQuery options, IConfiguration configuration) : PageModel
{
    public PublicSentra Sentra { get; private set; } = null!;
    public List<PublicMemberBusiness> Members { get; private set; } = [];
    public MapData Map { get; private set; } = null!;
    public List<PublicPhoto> Photos { get; private set; } = [];

    /// <summary>The name of a sentra that is no longer active, for the 410 page (its address is not reused).</summary>
    public string? GoneName { get; private set; }

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        // One round trip for an active sentra: the sentra, its listed members and its photos (the map's kelurahan are kept per registry version).
        var page = await PublicPageQueries.SentraAsync(db, slug, cancellationToken);
        if (page.Sentra is not { } sentra)
        {
            // An address from before a rename leads to the current one; a sentra no longer active says so (410).
            if (await db.SentraFormerSlugs.Where(f => f.Slug == slug).Select(f => f.Sentra.Slug).FirstOrDefaultAsync(cancellationToken) is { } current)
            {
                return RedirectToPagePermanent("/Directory/Sentra", new { slug = current });
            }

            GoneName = await db.Sentra.Where(s => s.Slug == slug && s.Status == SentraStatus.TidakAktif).Select(s => s.Name).FirstOrDefaultAsync(cancellationToken);
            if (GoneName is null)
            {
                return NotFound();
            }

            Response.StatusCode = StatusCodes.Status410Gone;
            return Page();
        }

        (Sentra, Members, Photos) = (sentra, page.Members, page.Photos);
        Map = MapData.ForSentra(sentra, (await options.ReadAsync(cancellationToken)).Kelurahan, configuration, Url);
        return Page();
    }
}
