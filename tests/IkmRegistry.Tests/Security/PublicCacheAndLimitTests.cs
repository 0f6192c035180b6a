namespace IkmRegistry.Tests.Security;

/// <summary>
/// The output cache cannot be used as a lever: parameters a page does not know share its cached answer, the home page
/// is cached, and every anonymous client has a global request limit (issue 18.10).
/// </summary>
public class PublicCacheAndLimitTests(RegistryApp app) : RegistryTest(app)
{
    // The output cache sets Age on an answer it serves from its store.
    private static async Task<bool> FromCacheAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return response.Headers.Age is not null;
    }

    [Theory]
    [InlineData("/Directory", "/Directory?x=1", "/Directory?utm_source=2&y=3")]
    [InlineData("/Directory/Overview", "/Directory/Overview?x=1", "/Directory/Overview?x=2&y=3")]
    [InlineData("/", "/?x=1", "/?tebakan=12345")]
    public async Task Unknown_query_parameters_are_answered_from_the_cached_page(string page, string unknown, string another)
    {
        await Seed.SentraAsync(App);
        using var client = App.CreateClient();

        Assert.False(await FromCacheAsync(client, page));
        Assert.True(await FromCacheAsync(client, page));
        Assert.True(await FromCacheAsync(client, unknown));
        Assert.True(await FromCacheAsync(client, another));
    }

    [Fact]
    public async Task A_parameter_the_page_knows_still_gets_its_own_answer()
    {
        await Seed.SentraAsync(App);
        using var client = App.CreateClient();

        Assert.False(await FromCacheAsync(client, "/Directory"));
        Assert.False(await FromCacheAsync(client, "/Directory?q=amplang"));
        Assert.True(await FromCacheAsync(client, "/Directory?q=amplang&x=1"));
        Assert.False(await FromCacheAsync(client, "/Directory?kecamatan=62.71.01"));
    }

    [Fact]
    public async Task An_anonymous_client_past_the_global_limit_gets_429_while_a_signed_in_user_does_not()
    {
        await using var limited = App.WithWebHostBuilder(b => b
            .UseSetting("RateLimiting:AnonymousPerClient:PermitLimit", "5")
            .UseSetting("RateLimiting:AnonymousPerClient:WindowSeconds", "60"));
        // Signed in first: the sign-in pages themselves are anonymous requests from the same (test) client address.
        using var staff = new Browser(limited);
        await staff.SignInAsync(await App.CreateUserAsync(Roles.Staff));

        using var anonymous = limited.CreateClient();
        var served = 0;
        HttpStatusCode status;
        do
        {
            using var response = await anonymous.GetAsync($"/Directory/Overview?x={served}");
            status = response.StatusCode;
            if (status == HttpStatusCode.OK)
            {
                served++;
            }
            else
            {
                Assert.NotNull(response.Headers.RetryAfter);
            }
        }
        while (status == HttpStatusCode.OK && served < 20);

        Assert.Equal(HttpStatusCode.TooManyRequests, status);
        Assert.InRange(served, 1, 5);
        using var health = await anonymous.GetAsync("/health/live");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);

        for (var i = 0; i < 8; i++)
        {
            using var page = await staff.Client.GetAsync("/Registry/Units");
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        }
    }
}
