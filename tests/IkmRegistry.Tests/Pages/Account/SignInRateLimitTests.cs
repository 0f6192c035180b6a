using System.Globalization;

namespace IkmRegistry.Tests.Pages.Account;

public class SignInRateLimitTests(RegistryApp app) : RegistryTest(app)
{
    private WebApplicationFactory<Program> WithLimits(int perClient, int perAccount) => App.WithWebHostBuilder(builder => builder
        .UseSetting("RateLimiting:SignInPerClient:PermitLimit", perClient.ToString(CultureInfo.InvariantCulture))
        .UseSetting("RateLimiting:SignInPerClient:WindowSeconds", "300")
        .UseSetting("RateLimiting:SignInPerAccount:PermitLimit", perAccount.ToString(CultureInfo.InvariantCulture))
        .UseSetting("RateLimiting:SignInPerAccount:WindowSeconds", "900"));

    private static void AssertRefused(Browser browser, IDocument page)
    {
        Assert.Equal(HttpStatusCode.TooManyRequests, browser.LastStatus);
        Assert.Contains("Terlalu banyak percobaan masuk. Coba lagi dalam", page.QuerySelector(".alert-danger")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("", page.QuerySelector<IHtmlInputElement>("#Input_Password")!.Value);
    }

    [Fact]
    public async Task One_account_tried_too_often_answers_429_with_Retry_After_while_others_can_still_sign_in()
    {
        var target = await App.CreateUserAsync(Roles.Staff);
        var other = await App.CreateUserAsync(Roles.Staff);
        await using var limited = WithLimits(perClient: 100, perAccount: 3);
        using var browser = new Browser(limited);

        for (var i = 0; i < 3; i++)
        {
            await browser.SignInAsync(target, "tebakan-" + i);
            Assert.Equal(HttpStatusCode.OK, browser.LastStatus);
        }

        // Even the right password is refused until the window ends: the limit is counted before the password.
        var page = await browser.SignInAsync(target);
        AssertRefused(browser, page);

        using var raw = await RawSignInAsync(limited, target);
        Assert.Equal(HttpStatusCode.TooManyRequests, raw.StatusCode);
        Assert.InRange(raw.Headers.RetryAfter!.Delta!.Value.TotalSeconds, 1, 900);

        // The same letters in another case are the same account.
        await browser.SignInAsync(target.ToUpperInvariant());
        Assert.Equal(HttpStatusCode.TooManyRequests, browser.LastStatus);

        await browser.SignInAsync(other);
        Assert.Equal("/", browser.LastUrl!.AbsolutePath);
    }

    [Fact]
    public async Task One_client_trying_many_accounts_answers_429_with_Retry_After()
    {
        await using var limited = WithLimits(perClient: 3, perAccount: 100);
        using var browser = new Browser(limited);

        for (var i = 0; i < 3; i++)
        {
            await browser.SignInAsync($"tebak-{i}@dpkukmp.test", "kata-sandi-umum-2024");
            Assert.Equal(HttpStatusCode.OK, browser.LastStatus);
        }

        var page = await browser.SignInAsync("tebak-lagi@dpkukmp.test", "kata-sandi-umum-2024");
        AssertRefused(browser, page);

        using var raw = await RawSignInAsync(limited, "siapa@dpkukmp.test");
        Assert.Equal(HttpStatusCode.TooManyRequests, raw.StatusCode);
        Assert.InRange(raw.Headers.RetryAfter!.Delta!.Value.TotalSeconds, 1, 300);
    }

    /// <summary>The last attempt again, to read its headers.</summary>
    private static async Task<HttpResponseMessage> RawSignInAsync(WebApplicationFactory<Program> factory, string email)
    {
        using var browser = new Browser(factory);
        var token = await browser.AntiforgeryTokenAsync("/Account/Login");
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = "apa-saja-yang-panjang",
            ["__RequestVerificationToken"] = token,
        });
        return await browser.Client.PostAsync("/Account/Login", content);
    }
}
