using IkmRegistry.Web.Data;
using IkmRegistry.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;

namespace IkmRegistry.Web.Pages.Directory;

/// <summary>One active sentra for the public: what it makes, where it is, and the members that agreed to be listed.</summary>
[OutputCache(PolicyName = PublicPageCache.Policy)]
public class SentraModel(RegistryDbContext db, IConfiguration configuration) : PageModel
{
    public PublicSentra Sentra { get; private set; } = null!;
    public List<PublicMemberBusiness> Members { get; private set; } = [];
    public MapData Map { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        if (await db.SentraBySlugAsync(slug, cancellationToken) is not { } sentra)
        {
            return NotFound();
        }

        Sentra = sentra;
        Members = await db.ConsentedMembersAsync(slug, cancellationToken);
        var kelurahan = await db.KelurahanAsync(cancellationToken);
        Map = MapData.ForSentra(sentra, kelurahan, configuration, Url);
        return Page();
    }
}
