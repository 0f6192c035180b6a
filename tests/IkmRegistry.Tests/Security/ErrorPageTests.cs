namespace IkmRegistry.Tests.Security;

public class ErrorPageTests(RegistryApp app) : RegistryTest(app)
{
    [Fact]
    public async Task In_Production_an_exception_shows_an_Indonesian_page_without_stack_trace_or_exception_details()
    {
        await using var production = App.WithWebHostBuilder(b => ThrowingEndpoint.AddTo(b.UseEnvironment("Production")));
        using var browser = new Browser(production);

        var page = await browser.GetAsync(ThrowingEndpoint.Path);

        Assert.Equal(HttpStatusCode.InternalServerError, browser.LastStatus);
        Assert.Equal("id", page.DocumentElement.GetAttribute("lang"));
        Assert.False(string.IsNullOrWhiteSpace(page.QuerySelector("h1")?.TextContent));
        var html = page.DocumentElement.OuterHtml;
        foreach (var leak in new[] { ThrowingEndpoint.Message, "InvalidOperationException", "Exception", "ThrowingEndpoint", "   at ", "Stack", ".cs:line" })
        {
            Assert.DoesNotContain(leak, html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task In_Production_a_bad_request_gets_no_developer_details()
    {
        await using var production = App.WithWebHostBuilder(b => b.UseEnvironment("Production").UseSetting("AllowedHosts", "ikm.palangkaraya.go.id"));
        using var client = production.CreateClient(new() { BaseAddress = new Uri("https://ikm.palangkaraya.go.id") });

        // A form post without its antiforgery token: refused, with no detail of why.
        using var response = await client.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string> { ["Input.Email"] = "a@b.test" }));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain("Antiforgery", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Exception", body, StringComparison.Ordinal);
    }
}
