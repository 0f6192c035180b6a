using static IkmRegistry.Tests.Dashboard.DashboardPage;

namespace IkmRegistry.Tests.Pages.Directory;

/// <summary>
/// The public directory pages are output-cached for anonymous visitors under the registry version: a change shows
/// at the very next request, the language and the signed-in state never leak from one visitor to another.
/// </summary>
public class OutputCacheTests(RegistryApp app) : RegistryTest(app)
{
    private static List<string> Names(IDocument page) => [.. page.QuerySelectorAll("main h2, main h3").Select(h => h.TextContent.Trim())];

    [Fact]
    public async Task A_new_sentra_and_a_renamed_one_show_in_the_directory_at_the_very_next_request()
    {
        int renamed;
        await using (var data = new DirectoryData(App.NewDbContext()))
        {
            renamed = (await data.SentraAsync("Sentra IKM Amplang Pahandut", DirectoryData.Pahandut, ["pangan"])).Id;
        }

        using var browser = new Browser(App);
        var before = await browser.GetAsync("/Directory");
        Assert.Contains(Names(before), n => n.Contains("Sentra IKM Amplang Pahandut", StringComparison.Ordinal));

        await using (var data = new DirectoryData(App.NewDbContext()))
        {
            await data.SentraAsync("Sentra IKM Rotan Marang", DirectoryData.Marang, ["kerajinan"]);
        }

        Assert.Contains(Names(await browser.GetAsync("/Directory")), n => n.Contains("Sentra IKM Rotan Marang", StringComparison.Ordinal));

        // Written around EF, as an import would.
        await App.ExecuteAsync($"UPDATE sentra SET name = 'Sentra IKM Amplang Sungai Kahayan' WHERE id = {renamed}");

        var after = Names(await browser.GetAsync("/Directory"));
        Assert.Contains(after, n => n.Contains("Sentra IKM Amplang Sungai Kahayan", StringComparison.Ordinal));
        Assert.DoesNotContain(after, n => n.Contains("Sentra IKM Amplang Pahandut", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_sentra_page_shows_a_new_member_and_an_ended_membership_at_the_very_next_request()
    {
        await using (var data = new DirectoryData(App.NewDbContext()))
        {
            var sentra = await data.SentraAsync("Sentra IKM Amplang Pahandut", DirectoryData.Pahandut, ["pangan"]);
            await data.UnitsAsync(3, DirectoryData.Pahandut, "pangan", sentra);
        }

        using var browser = new Browser(App);
        const string url = "/Directory/Sentra/sentra-ikm-amplang-pahandut";
        Assert.Equal("3", Members(await browser.GetAsync(url)));
        Assert.Equal("3", Members(await browser.GetAsync(url)));

        await using (var data = new DirectoryData(App.NewDbContext()))
        {
            await data.UnitAsync("Amplang Bu Tini", DirectoryData.Pahandut, "pangan", await data.Db.Sentra.SingleAsync());
        }

        Assert.Equal("4", Members(await browser.GetAsync(url)));

        await App.ExecuteAsync("UPDATE membership SET left_on = DATE '2026-11-01' WHERE id = (SELECT min(id) FROM membership)");

        Assert.Equal("3", Members(await browser.GetAsync(url)));

        await App.ExecuteAsync($"UPDATE sentra SET status = '{SentraStatus.TidakAktif}'");

        await browser.GetAsync(url);
        Assert.Equal(System.Net.HttpStatusCode.Gone, browser.LastStatus);
    }

    [Fact]
    public async Task Each_language_gets_its_own_copy_of_a_page()
    {
        using var indonesian = new Browser(App);
        using var english = new Browser(App);
        var home = await english.GetAsync("/");
        var form = home.QuerySelector<IHtmlFormElement>("form.language-switch")!;
        await english.SubmitAsync(form, submitter: form.QuerySelectorAll<IHtmlButtonElement>("button").Single(b => b.Value == "en-GB"));

        Assert.Equal("id", (await indonesian.GetAsync("/Directory")).DocumentElement.GetAttribute("lang"));
        Assert.Equal("en", (await english.GetAsync("/Directory")).DocumentElement.GetAttribute("lang"));
        Assert.Equal("id", (await indonesian.GetAsync("/Directory")).DocumentElement.GetAttribute("lang"));
    }

    [Fact]
    public async Task A_signed_in_page_is_never_served_to_a_visitor_and_a_visitors_page_never_to_a_user()
    {
        using var visitor = new Browser(App);
        using var user = await SignedInAsync(App);

        var before = await visitor.GetAsync("/Directory");
        var signedIn = await user.GetAsync("/Directory");
        var after = await visitor.GetAsync("/Directory");

        Assert.Null(before.QuerySelector("form[action='/Account/Logout']"));
        Assert.NotNull(signedIn.QuerySelector("form[action='/Account/Logout']"));
        Assert.Null(after.QuerySelector("form[action='/Account/Logout']"));
        Assert.NotNull(after.QuerySelector("a[href='/Account/Login']"));
    }

    [Fact]
    public async Task A_visitors_directory_page_carries_no_token_and_sets_no_cookie()
    {
        using var visitor = new Browser(App);
        using var response = await visitor.Client.GetAsync("/Directory");
        var html = await response.Content.ReadAsStringAsync();

        Assert.False(response.Headers.Contains("Set-Cookie"));
        Assert.DoesNotContain("__RequestVerificationToken", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_language_switch_refuses_a_post_from_another_site()
    {
        using var visitor = new Browser(App);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/Language")
        {
            Content = new FormUrlEncodedContent([new("culture", "en-GB"), new("returnUrl", "/")]),
        };
        request.Headers.Add("Origin", "https://evil.example");

        using var response = await visitor.Client.SendAsync(request);

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
    }

    private static string Members(IDocument page) => page.QuerySelector("[data-field=members]")!.TextContent.Trim();
}
