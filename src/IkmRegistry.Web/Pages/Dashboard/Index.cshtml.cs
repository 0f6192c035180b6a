using IkmRegistry.Web.Data.Queries;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace IkmRegistry.Web.Pages.Dashboard;

/// <summary>The city's coverage dashboard: how far Palangka Raya is from a sentra in every kelurahan.</summary>
public class IndexModel(CoverageQuery query, IStringLocalizer<SharedResource> localizer) : PageModel
{
    public CoverageReport Report { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Report = new CoverageReport(await query.LoadAsync(CoverageScope.City, cancellationToken), localizer);
}
