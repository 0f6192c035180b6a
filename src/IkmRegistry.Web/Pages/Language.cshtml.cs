using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Localization;

namespace IkmRegistry.Web.Pages;

/// <summary>
/// The language switch in the layout posts here; the choice lives in a cookie for a year. Signed-in users post the
/// form's antiforgery token. Anonymous pages carry no token, so that the public directory can be output-cached
/// (a token belongs to one visitor): their post is accepted when the browser says it comes from this site
/// (Origin, as every current browser sends on a form POST). A post with neither is refused.
/// </summary>
[IgnoreAntiforgeryToken]
public class LanguageModel(IAntiforgery antiforgery, TimeProvider clock) : PageModel
{
    public IActionResult OnGet() => RedirectToPage("/Index");

    public async Task<IActionResult> OnPostAsync(string culture, string? returnUrl)
    {
        if (!FromThisSite() && !await antiforgery.IsRequestValidAsync(HttpContext))
        {
            return BadRequest();
        }

        if (Localization.Cultures.Any(c => c.Name == culture))
        {
            Response.Cookies.Append(
                CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                new CookieOptions { Expires = clock.GetUtcNow().AddYears(1), IsEssential = true, HttpOnly = true, SameSite = SameSiteMode.Lax });
        }

        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl : "/");
    }

    private bool FromThisSite() =>
        Uri.TryCreate(Request.Headers.Origin.ToString(), UriKind.Absolute, out var origin)
        && string.Equals(origin.Authority, Request.Host.Value, StringComparison.OrdinalIgnoreCase);
}
