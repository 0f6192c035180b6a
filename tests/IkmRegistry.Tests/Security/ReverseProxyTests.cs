using System.Net.Sockets;
using System.Xml.Linq;

namespace IkmRegistry.Tests.Security;

/// <summary>
/// Behind the TLS proxy production needs (issue 18.3): forwarded headers believed only from the known proxy, so each
/// client has its own rate-limit bucket and cannot pick another; a wrong Host gets 400; absolute links use the
/// configured public address (ASVS 14.5, 12.1.1, 5.1). scripts/test-proxy.sh checks the same behind Debian's nginx.
/// </summary>
public class ReverseProxyTests(RegistryApp app) : RegistryTest(app)
{
    /// <summary>The app on a real loopback port (TestServer has no client address), with a small anonymous limit.</summary>
    private static (WebApplicationFactory<Program> Server, HttpClient Client) Listening(WebApplicationFactory<Program> app, params (string Key, string Value)[] settings)
    {
        var port = FreePort();
        var server = app.WithWebHostBuilder(b =>
        {
            b.UseSetting("RateLimiting:AnonymousPerClient:PermitLimit", "3");
            b.UseSetting("RateLimiting:AnonymousPerClient:WindowSeconds", "60");
            foreach (var (key, value) in settings)
            {
                b.UseSetting(key, value);
            }
        });
        server.UseKestrel(options => options.Listen(IPAddress.Loopback, port));
        server.StartServer();
        return (server, new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") });
    }

    private static async Task<HttpStatusCode> GetAsync(HttpClient client, string forwardedFor)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/Directory");
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }

    [Fact]
    public async Task Behind_the_known_proxy_each_client_has_its_own_bucket_and_a_forged_address_does_not_change_it()
    {
        var (server, client) = Listening(App);
        await using var _ = server;
        using var __ = client;

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, await GetAsync(client, "203.0.113.1"));
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, await GetAsync(client, "203.0.113.1"));
        // The proxy appends the address it saw: what the client put in front of it does not make a new bucket.
        Assert.Equal(HttpStatusCode.TooManyRequests, await GetAsync(client, "198.51.100.7, 203.0.113.1"));
        Assert.Equal(HttpStatusCode.OK, await GetAsync(client, "203.0.113.2"));
    }

    [Fact]
    public async Task Forwarded_headers_from_an_address_that_is_not_a_known_proxy_are_ignored()
    {
        var (server, client) = Listening(App, ("ReverseProxy:KnownProxies:0", "10.9.9.9"));
        await using var _ = server;
        using var __ = client;

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, await GetAsync(client, $"203.0.113.{i + 1}"));
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, await GetAsync(client, "203.0.113.99"));
    }

    [Fact]
    public async Task A_Host_header_that_is_not_allowed_gets_400()
    {
        using var client = App.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/sitemap.xml");
        request.Headers.Host = "penyerang.example";
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Sitemap_and_api_links_use_the_public_base_url_whatever_the_Host_header()
    {
        await Seed.SentraAsync(App, "Sentra Tautan Publik", members: 1);
        await using var site = App.WithWebHostBuilder(b => b
            .UseSetting("ReverseProxy:PublicBaseUrl", "https://ikm.palangkaraya.go.id")
            .UseSetting("AllowedHosts", "*"));
        using var client = site.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/sitemap.xml");
        request.Headers.Host = "penyerang.example";
        using var response = await client.SendAsync(request);

        var locations = XDocument.Parse(await response.Content.ReadAsStringAsync()).Descendants().Where(e => e.Name.LocalName == "loc").Select(e => e.Value).ToList();
        Assert.NotEmpty(locations);
        Assert.All(locations, url => Assert.StartsWith("https://ikm.palangkaraya.go.id/", url, StringComparison.Ordinal));

        using var api = new HttpRequestMessage(HttpMethod.Get, "/api/v1/sentra");
        api.Headers.Host = "penyerang.example";
        using var answer = await client.SendAsync(api);
        var body = await answer.Content.ReadAsStringAsync();
        Assert.Contains("https://ikm.palangkaraya.go.id/", body, StringComparison.Ordinal);
        Assert.DoesNotContain("penyerang.example", body, StringComparison.Ordinal);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
