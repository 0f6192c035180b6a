namespace IkmRegistry.BrowserTests.Security;

public class ContentSecurityPolicyTests(BrowserApp app) : BrowserTest(app, withDemoData: true)
{
    [Fact]
    public async Task Public_and_staff_pages_run_in_Chromium_without_a_Content_Security_Policy_violation()
    {
        string slug;
        await using (var db = App.NewDbContext())
        {
            slug = await db.Sentra.OrderBy(s => s.Name).Select(s => s.Slug).FirstAsync();
        }

        var email = await App.CreateUserAsync(Roles.Staff);
        var page = await App.NewPageAsync();
        var violations = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                violations.Add($"{page.Url}: {message.Text}");
            }
        };
        await page.AddInitScriptAsync("document.addEventListener('securitypolicyviolation', e => console.error('Content Security Policy violation: ' + e.violatedDirective + ' ' + e.blockedURI));");

        foreach (var url in new[] { "/", "/Directory", $"/Directory/Sentra/{slug}", "/Directory/Overview" })
        {
            var response = await page.GotoAsync(url);
            Assert.Contains("script-src 'self'", (await response!.AllHeadersAsync())["content-security-policy"], StringComparison.Ordinal);
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        }

        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Kata sandi").FillAsync(Tests.Infrastructure.RegistryApp.TestPassword);
        await page.Locator("main form button[type=submit]").ClickAsync();
        // Staff have two-factor sign-in: the second step, under the same policy.
        await page.GetByLabel("Kode dari aplikasi autentikator").FillAsync(await Tests.Infrastructure.RegistryApp.AuthenticatorCodeAsync(App, email));
        await page.Locator("main form").First.Locator("button[type=submit]").ClickAsync();
        await BrowserApp.UntilUrlAsync(page, url => url == App.BaseUrl + "/");

        foreach (var url in new[] { "/Registry/Units", "/Registry/Units/Create" })
        {
            await page.GotoAsync(url);
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            Assert.EndsWith(url, page.Url, StringComparison.Ordinal);
        }

        // The menu on a phone uses Bootstrap's script: it must still work under the policy.
        await page.SetViewportSizeAsync(390, 844);
        await page.GetByRole(AriaRole.Button, new() { Name = "Buka menu" }).ClickAsync();
        await Assertions.Expect(page.Locator("header .navbar-collapse")).ToBeVisibleAsync();

        Assert.True(violations.Count == 0, string.Join('\n', violations));
    }
}
