namespace IkmRegistry.Tests.Pages;

public class HomeTests(RegistryApp app) : RegistryTest(app)
{
    private static string Figure(IDocument page, string name) => page.QuerySelector($"[data-figure={name}]")!.TextContent.Trim();

    [Fact]
    public async Task The_home_page_shows_the_database_counts_in_Indonesian_with_id_ID_numbers()
    {
        await App.LoadDemoDataAsync();

        using var browser = new Browser(App);
        var page = await browser.GetAsync("/");

        Assert.Equal("id", page.DocumentElement.GetAttribute("lang"));
        Assert.Equal("5", Figure(page, "kecamatan"));
        Assert.Equal("30", Figure(page, "kelurahan"));
        Assert.Equal("23", Figure(page, "sentra"));
        Assert.Equal("4.133", Figure(page, "units"));
        Assert.Contains("23 dari 30 kelurahan sudah memiliki sentra IKM (76,7 %)", Figure(page, "coverage"));
        Assert.Contains("Beranda", page.Title);
    }

    [Fact]
    public async Task The_home_page_counts_what_the_database_holds_without_demo_data()
    {
        using var browser = new Browser(App);
        var page = await browser.GetAsync("/");

        Assert.Equal("30", Figure(page, "kelurahan"));
        Assert.Equal("0", Figure(page, "sentra"));
        Assert.Equal("0", Figure(page, "units"));
    }

    [Fact]
    public async Task Switching_to_English_translates_the_page_and_formats_numbers_in_English()
    {
        await App.LoadDemoDataAsync();

        using var browser = new Browser(App);
        var page = await browser.GetAsync("/");
        var form = page.QuerySelector<IHtmlFormElement>("form.language-switch")!;
        var english = form.QuerySelectorAll<IHtmlButtonElement>("button").Single(b => b.Value == "en-GB");

        page = await browser.SubmitAsync(form, submitter: english);

        Assert.Equal("/", browser.LastUrl!.AbsolutePath);
        Assert.Equal("en", page.DocumentElement.GetAttribute("lang"));
        Assert.Equal("4,133", Figure(page, "units"));
        Assert.Contains("23 of 30 kelurahan already have an IKM centre (76.7 %)", Figure(page, "coverage"));
        Assert.Contains("Home", page.Title);

        // The choice sticks for the next page, and switching back restores Indonesian.
        page = await browser.GetAsync("/");
        Assert.Equal("4,133", Figure(page, "units"));
        form = page.QuerySelector<IHtmlFormElement>("form.language-switch")!;
        page = await browser.SubmitAsync(form, submitter: form.QuerySelectorAll<IHtmlButtonElement>("button").Single(b => b.Value == "id-ID"));
        Assert.Equal("4.133", Figure(page, "units"));
    }

    [Fact]
    public async Task The_language_switch_refuses_a_post_without_antiforgery_token()
    {
        using var browser = new Browser(App);
        using var content = new FormUrlEncodedContent([new("culture", "en-GB"), new("returnUrl", "/")]);
        using var response = await browser.Client.PostAsync("/Language", content);

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task The_language_switch_never_redirects_off_site()
    {
        using var browser = new Browser(App);
        var page = await browser.GetAsync("/");
        var form = page.QuerySelector<IHtmlFormElement>("form.language-switch")!;
        await browser.SubmitAsync(form, new Dictionary<string, string> { ["returnUrl"] = "https://evil.example/" },
            form.QuerySelectorAll<IHtmlButtonElement>("button").Single(b => b.Value == "en-GB"));

        Assert.Equal("localhost", browser.LastUrl!.Host);
    }
}
