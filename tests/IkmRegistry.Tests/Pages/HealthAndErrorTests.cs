using System.Diagnostics;

namespace IkmRegistry.Tests.Pages;

public class HealthAndErrorTests(RegistryApp app) : RegistryTest(app)
{
    [Fact]
    public async Task Health_endpoints_answer_when_the_database_is_up()
    {
        using var client = App.CreateClient();
        using var live = await client.GetAsync("/health/live");
        using var ready = await client.GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Healthy", await ready.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_unknown_address_gets_an_Indonesian_404_page()
    {
        using var browser = new Browser(App);
        var page = await browser.GetAsync("/tidak-ada");

        Assert.Equal(HttpStatusCode.NotFound, browser.LastStatus);
        Assert.Contains("Halaman tidak ditemukan", page.QuerySelector("h1")!.TextContent);
    }

    [Fact]
    public async Task Without_a_database_pages_answer_a_friendly_503_and_readiness_fails()
    {
        await using var unreachable = new UnreachableDatabaseApp();
        using var browser = new Browser(unreachable);

        var page = await browser.GetAsync("/");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, browser.LastStatus);
        Assert.Contains("Layanan sementara tidak tersedia", page.QuerySelector("h1")!.TextContent);
        Assert.DoesNotContain("Exception", page.Body!.TextContent);
        Assert.DoesNotContain("Npgsql", page.Body!.TextContent);

        using var ready = await browser.Client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        using var live = await browser.Client.GetAsync("/health/live");
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
    }

    [Fact]
    public async Task Starting_without_a_reachable_database_prints_one_clear_line_and_exits_with_code_2()
    {
        var (exitCode, error, output) = await AppProcess.RunAsync(["--urls", "http://127.0.0.1:0"], new Dictionary<string, string>
        {
            ["ConnectionStrings__Registry"] = "Host=127.0.0.1;Port=1;Database=ikm;Username=postgres;Timeout=3",
        });

        // README: "If PostgreSQL cannot be reached at start, the app prints one line saying so and exits with code 2."
        Assert.Equal(2, exitCode);
        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var line = Assert.Single(lines);
        Assert.StartsWith("PostgreSQL tidak dapat dihubungi di 127.0.0.1:1/ikm", line);
        Assert.DoesNotContain("Listening", output);
    }

    private sealed class UnreachableDatabaseApp : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Testing");
            builder.UseSetting("Startup:PrepareDatabase", "false");
            builder.UseSetting("ConnectionStrings:Registry", "Host=127.0.0.1;Port=1;Database=ikm;Username=postgres;Timeout=2");
            builder.UseSetting("Serilog:MinimumLevel:Default", "Fatal");
        }
    }
}
