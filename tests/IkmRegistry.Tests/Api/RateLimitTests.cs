namespace IkmRegistry.Tests.Api;

public class RateLimitTests(RegistryApp app) : RegistryTest(app)
{
    private WebApplicationFactory<Program> WithLimits(int permits) => App.WithWebHostBuilder(builder => builder
        .UseSetting("RateLimiting:OpenData:PermitLimit", permits.ToString(System.Globalization.CultureInfo.InvariantCulture))
        .UseSetting("RateLimiting:OpenData:WindowSeconds", "120")
        .UseSetting("RateLimiting:DirectorySearch:PermitLimit", permits.ToString(System.Globalization.CultureInfo.InvariantCulture))
        .UseSetting("RateLimiting:DirectorySearch:WindowSeconds", "120"));

    [Fact]
    public async Task The_API_answers_429_with_Retry_After_once_a_client_passes_its_limit()
    {
        await using var limited = WithLimits(3);
        using var client = limited.CreateClient();

        for (var i = 0; i < 3; i++)
        {
            using var allowed = await client.GetAsync(i == 1 ? "/api/v1/kelurahan" : "/api/v1/sentra");
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }

        using var refused = await client.GetAsync("/api/v1/sentra.csv");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        var retryAfter = refused.Headers.RetryAfter!.Delta!.Value;
        Assert.InRange(retryAfter.TotalSeconds, 1, 120);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType!.MediaType);

        // Public pages other than the search are not counted against the API.
        using var home = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
    }

    [Fact]
    public async Task Directory_search_answers_429_with_Retry_After_once_a_client_passes_its_limit()
    {
        await using var limited = WithLimits(2);
        using var client = limited.CreateClient();

        using (var first = await client.GetAsync("/Directory?q=amplang"))
        using (var second = await client.GetAsync("/Directory?kategori=pangan"))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
            Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        }

        using var refused = await client.GetAsync("/Directory?q=rotan");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter?.Delta);
        Assert.Contains("Terlalu banyak permintaan", await refused.Content.ReadAsStringAsync());
    }
}
