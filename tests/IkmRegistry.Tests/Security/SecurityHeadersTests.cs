using IkmRegistry.Web.Infrastructure;
using Microsoft.Extensions.Configuration;

namespace IkmRegistry.Tests.Security;

public class SecurityHeadersTests(RegistryApp app) : RegistryTest(app)
{
    private const string Policy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
        "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    private static void AssertHardened(HttpResponseMessage response, string what)
    {
        Assert.True(response.Headers.TryGetValues("Content-Security-Policy", out var csp), $"{what}: no Content-Security-Policy");
        Assert.Equal(Policy, Assert.Single(csp));
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("strict-origin-when-cross-origin", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        var permissions = Assert.Single(response.Headers.GetValues("Permissions-Policy"));
        Assert.Contains("camera=()", permissions, StringComparison.Ordinal);
        Assert.Contains("microphone=()", permissions, StringComparison.Ordinal);
        Assert.Contains("geolocation=()", permissions, StringComparison.Ordinal);
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        // Testing runs over http: no HSTS there (it is added outside Development and Testing).
        Assert.False(response.Headers.Contains("Strict-Transport-Security"), what);
    }

    [Fact]
    public async Task Public_pages_static_files_the_API_and_error_pages_carry_the_security_headers()
    {
        await using var failing = App.WithWebHostBuilder(b => ThrowingEndpoint.AddTo(b));
        using var client = failing.CreateClient(new() { AllowAutoRedirect = false });

        foreach (var (url, status) in new[]
        {
            ("/", HttpStatusCode.OK),
            ("/Directory", HttpStatusCode.OK),
            ("/css/site.css", HttpStatusCode.OK),
            ("/api/v1/sentra", HttpStatusCode.OK),
            ("/tidak-ada", HttpStatusCode.NotFound),
            (ThrowingEndpoint.Path, HttpStatusCode.InternalServerError),
            ("/Registry/Units", HttpStatusCode.Redirect),
        })
        {
            using var response = await client.GetAsync(url);
            Assert.True(status == response.StatusCode, $"{url}: {response.StatusCode}");
            AssertHardened(response, url);
        }
    }

    [Fact]
    public async Task Pages_of_a_signed_in_user_carry_the_security_headers()
    {
        var email = await App.CreateUserAsync(Roles.Staff);
        using var browser = new Browser(App);
        await browser.SignInAsync(email);

        using var response = await browser.Client.GetAsync("/Registry/Units");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertHardened(response, "/Registry/Units");
    }

    [Fact]
    public async Task Outside_Testing_answers_over_HTTPS_carry_HSTS_with_subdomains()
    {
        await using var production = App.WithWebHostBuilder(b => b.UseEnvironment("Production").UseSetting("AllowedHosts", "ikm.palangkaraya.go.id"));
        using var client = production.CreateClient(new() { BaseAddress = new Uri("https://ikm.palangkaraya.go.id") });

        using var response = await client.GetAsync("/");
        var hsts = Assert.Single(response.Headers.GetValues("Strict-Transport-Security"));
        Assert.Contains("max-age=31536000", hsts, StringComparison.Ordinal);
        Assert.Contains("includeSubDomains", hsts, StringComparison.Ordinal);
    }

    [Fact]
    public void A_configured_map_tile_server_is_allowed_for_images_only()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Directory:Map:TileUrl"] = "https://{s}.tile.example.org/{z}/{x}/{y}.png" })
            .Build();

        var policy = SecurityHeaders.ContentSecurityPolicy(configuration);

        Assert.Contains("img-src 'self' data: https://*.tile.example.org;", policy, StringComparison.Ordinal);
        Assert.Contains("script-src 'self';", policy, StringComparison.Ordinal);
        Assert.Equal(1, policy.Split("example.org").Length - 1);
        Assert.Null(SecurityHeaders.TileSource("javascript:alert(1)"));
        Assert.Equal("https://tiles.example.org:8443", SecurityHeaders.TileSource("https://tiles.example.org:8443/{z}/{x}/{y}.png"));
    }
}
