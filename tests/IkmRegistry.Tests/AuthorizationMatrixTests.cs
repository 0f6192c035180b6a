using System.Reflection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;

namespace IkmRegistry.Tests;

/// <summary>
/// Every page and every POST handler, for anonymous visitors, officials, staff and admins, against the access
/// the page is meant to have. A new page that is not in <see cref="Expected"/> fails the test until someone
/// decides who may open it.
/// </summary>
public class AuthorizationMatrixTests(RegistryApp app) : RegistryTest(app)
{
    public enum Access { Public, SignedIn, Read, Edit, Admin, SecondStep }

    private enum Outcome { Allowed, SignIn, Denied }

    private static Access Expected(string page) => page switch
    {
        "/Index" or "/Error" or "/Language" or "/Account/Login" or "/Account/AccessDenied" => Access.Public,
        _ when page.StartsWith("/Directory", StringComparison.Ordinal) => Access.Public,
        "/Account/ChangePassword" or "/Account/Logout" or "/Account/TwoFactor/Index" or "/Account/TwoFactor/Setup" => Access.SignedIn,
        // Open to anyone, but without a password accepted just before it sends back to the sign-in page.
        "/Account/LoginTwoFactor" => Access.SecondStep,
        "/Registry/Units/Create" or "/Registry/Units/Edit" or "/Registry/Sentra/Create" or "/Registry/Sentra/Edit" or "/Registry/Sentra/Status" or "/Registry/Formation/Edit" => Access.Edit,
        // The invitation list's xlsx holds owners and phones: staff only.
        "/Registry/Formation/InvitationExport" => Access.Edit,
        _ when page.StartsWith("/Registry/Import/", StringComparison.Ordinal) => Access.Edit,
        // Officials export too, without the private columns (checked in the export tests).
        "/Registry/Units/Export" or "/Registry/Sentra/Export" => Access.Read,
        _ when page.StartsWith("/Registry/", StringComparison.Ordinal) || page.StartsWith("/Dashboard", StringComparison.Ordinal) => Access.Read,
        _ when page.StartsWith("/Admin/", StringComparison.Ordinal) => Access.Admin,
        _ => throw new InvalidOperationException($"{page} is not in the authorization matrix: decide who may open it and add it to Expected()."),
    };

    private static bool Allows(Access access, string? role, bool write) => access switch
    {
        Access.Public => true,
        Access.SignedIn => role is not null,
        // In /Registry and /Dashboard officials read; every change needs staff or admin.
        Access.Read => write ? role is Roles.Staff or Roles.Admin : role is not null,
        Access.Edit => role is Roles.Staff or Roles.Admin,
        _ => role is Roles.Admin,
    };

    private List<(string Page, string Url)> Pages()
    {
        var endpoints = App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>();
        return [.. endpoints
            .Select(e => (Page: e.Metadata.GetMetadata<PageActionDescriptor>()?.ViewEnginePath, Pattern: e.RoutePattern.RawText))
            .Where(e => e.Page is not null)
            .GroupBy(e => e.Page!)
            .Select(g => (g.Key, "/" + Fill(g.OrderBy(e => e.Pattern!.Length).First().Pattern!)))];
    }

    // Any value will do: authorization runs before the page looks the record up, so a 404 means "let through".
    private static string Fill(string pattern) => System.Text.RegularExpressions.Regex.Replace(pattern, @"\{(\w+)(:int)?\??\}", m => m.Groups[2].Success ? "1" : "x");

    private static List<(string Page, string Handler)> PostHandlers(bool stateChangingOnly = false) =>
        [.. typeof(Program).Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(PageModel)) && t.Namespace!.StartsWith("IkmRegistry.Web.Pages", StringComparison.Ordinal))
            // The error page answers re-executed POSTs and changes nothing; it is the one page without a token check.
            .Where(t => !stateChangingOnly || t.GetCustomAttribute<Microsoft.AspNetCore.Mvc.IgnoreAntiforgeryTokenAttribute>() is null)
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
                .Where(m => m.Name.StartsWith("OnPost", StringComparison.Ordinal))
                .Select(m => (Page: t.Namespace!["IkmRegistry.Web.Pages".Length..].Replace('.', '/') + "/" + t.Name[..^"Model".Length],
                    Handler: m.Name["OnPost".Length..].Replace("Async", "", StringComparison.Ordinal))))
            .Distinct()
            // Signing out ends the session the later posts need.
            .OrderBy(h => h.Page == "/Account/Logout")];

    private static Outcome Classify(HttpStatusCode status, Uri? location) => status switch
    {
        HttpStatusCode.Redirect or HttpStatusCode.Found when location?.OriginalString.Contains("/Account/Login", StringComparison.Ordinal) == true => Outcome.SignIn,
        HttpStatusCode.Redirect or HttpStatusCode.Found when location?.OriginalString.Contains("/Account/AccessDenied", StringComparison.Ordinal) == true => Outcome.Denied,
        HttpStatusCode.Forbidden => Outcome.Denied,
        HttpStatusCode.Unauthorized => Outcome.SignIn,
        _ => Outcome.Allowed,
    };

    private static Outcome Want(Access access, string? role, bool write) =>
        access == Access.SecondStep ? Outcome.SignIn
        : Allows(access, role, write) ? Outcome.Allowed : role is null ? Outcome.SignIn : Outcome.Denied;

    [Fact]
    public async Task Every_page_and_handler_admits_exactly_the_roles_meant_for_it()
    {
        var pages = Pages();
        Assert.Contains(pages, p => p.Page == "/Registry/Units/Edit");
        var handlers = PostHandlers();
        Assert.Contains(handlers, h => h.Page == "/Registry/Sentra/Details" && h.Handler == "AddMember");
        var failures = new List<string>();

        foreach (var role in new string?[] { null, Roles.Official, Roles.Staff, Roles.Admin })
        {
            using var browser = new Browser(App, followRedirects: false);
            string? token = null;
            if (role is not null)
            {
                await browser.SignInAsync(await App.CreateUserAsync(role));
                token = await browser.AntiforgeryTokenAsync();
            }
            else
            {
                token = await browser.AntiforgeryTokenAsync("/Account/Login");
            }

            foreach (var (page, url) in pages)
            {
                var access = Expected(page);
                using var response = await browser.Client.GetAsync(url);
                // The access-denied page itself answers 403 while showing its message.
                var outcome = page == "/Account/AccessDenied" && response.StatusCode == HttpStatusCode.Forbidden
                    ? Outcome.Allowed : Classify(response.StatusCode, response.Headers.Location);
                if (outcome != Want(access, role, write: false))
                {
                    failures.Add($"GET {url} as {role ?? "anonymous"}: {outcome} ({(int)response.StatusCode}), expected {Want(access, role, false)}");
                }
            }

            foreach (var (page, handler) in handlers)
            {
                var access = Expected(page);
                var url = pages.Single(p => p.Page == page).Url + (handler.Length > 0 ? $"?handler={handler}" : "");
                using var content = new FormUrlEncodedContent([new("__RequestVerificationToken", token)]);
                using var response = await browser.Client.PostAsync(url, content);
                var outcome = Classify(response.StatusCode, response.Headers.Location);
                if (outcome != Want(access, role, write: true))
                {
                    failures.Add($"POST {url} as {role ?? "anonymous"}: {outcome} ({(int)response.StatusCode}), expected {Want(access, role, true)}");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task State_changing_handlers_refuse_a_request_without_an_antiforgery_token()
    {
        using var browser = new Browser(App, followRedirects: false);
        await browser.SignInAsync(await App.CreateUserAsync(Roles.Admin));
        var pages = Pages();

        var handlers = PostHandlers(stateChangingOnly: true);
        Assert.True(handlers.Count >= 15, $"Only {handlers.Count} handlers found");
        foreach (var (page, handler) in handlers)
        {
            var url = pages.Single(p => p.Page == page).Url + (handler.Length > 0 ? $"?handler={handler}" : "");
            using var content = new FormUrlEncodedContent([new("version", "1")]);
            using var response = await browser.Client.PostAsync(url, content);
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"POST {url} without a token answered {(int)response.StatusCode}");
        }
    }
}
