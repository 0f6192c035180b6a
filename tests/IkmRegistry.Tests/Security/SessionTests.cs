using System.Text.RegularExpressions;
using AngleSharp;
using Microsoft.Extensions.Time.Testing;

namespace IkmRegistry.Tests.Security;

/// <summary>
/// Cookies handled by hand (no cookie jar), so that a test can copy, keep and replay them as an attacker would.
/// </summary>
public partial class SessionTests(RegistryApp app) : RegistryTest(app)
{
    [GeneratedRegex("^ikm\\.auth=([^;]*)", RegexOptions.IgnoreCase)]
    private static partial Regex AuthCookie();

    private static HttpClient Client(WebApplicationFactory<Program> factory, string baseAddress = "http://localhost") =>
        factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false, BaseAddress = new Uri(baseAddress) });

    private static string CookiePair(string setCookie) => setCookie.Split(';')[0];

    /// <summary>Signs in through the form; returns every Set-Cookie of the answer and the session cookie ("ikm.auth=...").</summary>
    private static async Task<(IReadOnlyList<string> SetCookies, string Session)> SignInAsync(HttpClient client, string email, string? cookieBefore = null)
    {
        using var get = new HttpRequestMessage(HttpMethod.Get, "/Account/Login");
        if (cookieBefore is not null)
        {
            get.Headers.Add("Cookie", cookieBefore);
        }

        using var form = await client.SendAsync(get);
        var antiforgery = CookiePair(form.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("ikm.af=", StringComparison.Ordinal)));
        var document = await BrowsingContext.New(Configuration.Default).OpenAsync(r => r.Content(form.Content.ReadAsStream()));
        var token = document.QuerySelector<IHtmlInputElement>("main form input[name=__RequestVerificationToken]")!.Value;

        using var post = new HttpRequestMessage(HttpMethod.Post, "/Account/Login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Input.Email"] = email,
                ["Input.Password"] = RegistryApp.TestPassword,
                ["__RequestVerificationToken"] = token,
            }),
        };
        post.Headers.Add("Cookie", cookieBefore is null ? antiforgery : $"{antiforgery}; {cookieBefore}");
        using var answer = await client.SendAsync(post);
        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        var setCookies = answer.Headers.GetValues("Set-Cookie").ToList();
        return (setCookies, CookiePair(setCookies.Single(c => AuthCookie().IsMatch(c))));
    }

    private static async Task<HttpResponseMessage> GetAsync(HttpClient client, string url, string cookie)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("Cookie", cookie);
        return await client.SendAsync(request);
    }

    private static async Task<bool> IsSignedInAsync(HttpClient client, string cookie, Action<string>? renewed = null)
    {
        using var response = await GetAsync(client, "/Registry/Units", cookie);
        if (response.Headers.TryGetValues("Set-Cookie", out var set) && set.FirstOrDefault(c => AuthCookie().IsMatch(c)) is { } again
            && AuthCookie().Match(again).Groups[1].Value.Length > 0)
        {
            renewed?.Invoke(CookiePair(again));
        }

        return response.StatusCode == HttpStatusCode.OK;
    }

    private WebApplicationFactory<Program> WithClock(FakeTimeProvider clock) =>
        App.WithWebHostBuilder(b => b.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(clock)));

    /// <summary>An official signed in to an app whose clock the test moves; disposing it ends the app.</summary>
    private sealed record ClockedSession(FakeTimeProvider Clock, WebApplicationFactory<Program> Factory, HttpClient Client, string Session) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            Client.Dispose();
            await Factory.DisposeAsync();
        }
    }

    private async Task<ClockedSession> SignedInWithClockAsync()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var factory = WithClock(clock);
        var client = Client(factory);
        var (_, session) = await SignInAsync(client, await App.CreateUserAsync(Roles.Official));
        return new(clock, factory, client, session);
    }

    [Fact]
    public async Task The_session_cookies_are_HttpOnly_SameSite_and_Secure_over_HTTPS()
    {
        var email = await App.CreateUserAsync(Roles.Official);
        using var client = Client(App, "https://localhost");

        var (setCookies, _) = await SignInAsync(client, email);

        var auth = setCookies.Single(c => AuthCookie().IsMatch(c)).ToLowerInvariant();
        Assert.Contains("httponly", auth, StringComparison.Ordinal);
        Assert.Contains("samesite=lax", auth, StringComparison.Ordinal);
        Assert.Contains("secure", auth, StringComparison.Ordinal);
        Assert.DoesNotContain("expires=", auth, StringComparison.Ordinal);

        using var login = await client.GetAsync("/Account/Login");
        var antiforgery = login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("ikm.af=", StringComparison.Ordinal)).ToLowerInvariant();
        Assert.Contains("httponly", antiforgery, StringComparison.Ordinal);
        Assert.Contains("samesite=strict", antiforgery, StringComparison.Ordinal);
        Assert.Contains("secure", antiforgery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Outside_Development_and_Testing_every_cookie_is_Secure_including_the_language_choice()
    {
        var email = await App.CreateUserAsync(Roles.Official);
        await using var production = App.WithWebHostBuilder(b => b.UseEnvironment("Production").UseSetting("AllowedHosts", "ikm.palangkaraya.go.id"));
        using var client = Client(production, "https://ikm.palangkaraya.go.id");

        var (setCookies, _) = await SignInAsync(client, email);
        Assert.All(setCookies, c => Assert.Contains("secure", c.ToLowerInvariant(), StringComparison.Ordinal));

        // The language cookie, which the app appends itself, too.
        using var login = await client.GetAsync("/Account/Login");
        var antiforgery = CookiePair(login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("ikm.af=", StringComparison.Ordinal)));
        var document = await BrowsingContext.New(Configuration.Default).OpenAsync(r => r.Content(login.Content.ReadAsStream()));
        var token = document.QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value;
        using var choose = new HttpRequestMessage(HttpMethod.Post, "/Language")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["culture"] = "en-GB", ["__RequestVerificationToken"] = token }),
        };
        choose.Headers.Add("Cookie", antiforgery);
        using var chosen = await client.SendAsync(choose);
        var language = chosen.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(".AspNetCore.Culture=", StringComparison.Ordinal)).ToLowerInvariant();
        Assert.Contains("secure", language, StringComparison.Ordinal);
        Assert.Contains("httponly", language, StringComparison.Ordinal);
        Assert.Contains("samesite=lax", language, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Signing_in_issues_a_new_session_cookie_and_ignores_one_planted_before()
    {
        var email = await App.CreateUserAsync(Roles.Official);
        using var client = Client(App);

        var (_, first) = await SignInAsync(client, email);
        var (_, second) = await SignInAsync(client, email, cookieBefore: "ikm.auth=dipasang-oleh-penyerang");
        var (_, third) = await SignInAsync(client, email, cookieBefore: first);

        Assert.NotEqual(first, second);
        Assert.NotEqual(first, third);
        Assert.NotEqual(second, third);
        Assert.NotEqual("ikm.auth=dipasang-oleh-penyerang", second);
    }

    [Fact]
    public async Task After_sign_out_a_copy_of_the_old_cookie_no_longer_works()
    {
        await using var signedIn = await SignedInWithClockAsync();
        var (clock, client, session) = (signedIn.Clock, signedIn.Client, signedIn.Session);
        Assert.True(await IsSignedInAsync(client, session));

        // Sign out with the session's own antiforgery token.
        using var page = await GetAsync(client, "/Account/ChangePassword", session);
        var antiforgery = CookiePair(page.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("ikm.af=", StringComparison.Ordinal)));
        var document = await BrowsingContext.New(Configuration.Default).OpenAsync(r => r.Content(page.Content.ReadAsStream()));
        var token = document.QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value;
        using var logout = new HttpRequestMessage(HttpMethod.Post, "/Account/Logout")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }),
        };
        logout.Headers.Add("Cookie", $"{session}; {antiforgery}");
        using var signedOut = await client.SendAsync(logout);
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);

        // The copied cookie is checked against the renewed security stamp at the next validation (within a minute).
        clock.Advance(TimeSpan.FromMinutes(2));
        Assert.False(await IsSignedInAsync(client, session));
    }

    [Fact]
    public async Task A_session_ends_after_30_idle_minutes_and_lives_while_it_is_used()
    {
        await using var signedIn = await SignedInWithClockAsync();
        var (clock, client, session) = (signedIn.Clock, signedIn.Client, signedIn.Session);

        clock.Advance(TimeSpan.FromMinutes(20));
        Assert.True(await IsSignedInAsync(client, session, renewed => session = renewed));
        clock.Advance(TimeSpan.FromMinutes(20));
        Assert.True(await IsSignedInAsync(client, session, renewed => session = renewed));

        clock.Advance(TimeSpan.FromMinutes(31));
        Assert.False(await IsSignedInAsync(client, session));
    }

    [Fact]
    public async Task A_session_in_use_ends_12_hours_after_sign_in()
    {
        await using var signedIn = await SignedInWithClockAsync();
        var (clock, client, session) = (signedIn.Clock, signedIn.Client, signedIn.Session);

        var used = TimeSpan.Zero;
        while (used + TimeSpan.FromMinutes(25) <= TimeSpan.FromHours(12))
        {
            clock.Advance(TimeSpan.FromMinutes(25));
            used += TimeSpan.FromMinutes(25);
            Assert.True(await IsSignedInAsync(client, session, renewed => session = renewed), $"signed out after {used}");
        }

        // 25 more minutes: within the idle timeout, but past 12 hours since the sign-in.
        clock.Advance(TimeSpan.FromMinutes(25));
        Assert.False(await IsSignedInAsync(client, session, renewed => session = renewed));
    }
}
