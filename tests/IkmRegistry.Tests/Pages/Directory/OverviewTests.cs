namespace IkmRegistry.Tests.Pages.Directory;

public class OverviewTests(RegistryApp app) : RegistryTest(app)
{
    [Fact]
    public async Task The_overview_shows_23_of_30_kelurahan_covered_with_the_demo_data_as_an_independent_count_says()
    {
        await App.LoadDemoDataAsync();

        List<string> coveredCodes;
        await using (var db = App.NewDbContext())
        {
            coveredCodes = await db.Database.SqlQuery<string>($"""
                SELECT DISTINCT k.code AS "Value" FROM kelurahan k JOIN sentra s ON s.kelurahan_id = k.id
                WHERE s.status = 'Aktif' AND k.retired_on IS NULL
                """).ToListAsync();
        }

        using var browser = new Browser(App);
        var page = await browser.GetAsync("/Directory/Overview");

        Assert.Equal(23, coveredCodes.Count);
        Assert.Equal("76,7 %", page.QuerySelector("[data-figure=coverage-percent]")!.TextContent.Trim());
        Assert.Equal("23 dari 30 kelurahan", page.QuerySelector("[data-figure=coverage]")!.TextContent.Trim());
        Assert.Contains("7 kelurahan masih perlu membentuk sentra.", page.QuerySelector("[data-figure=uncovered]")!.TextContent);

        var rows = page.QuerySelectorAll("table.coverage-table tr[data-kelurahan]").ToList();
        Assert.Equal(30, rows.Count);
        Assert.Equal(coveredCodes.Order(StringComparer.Ordinal),
            rows.Where(r => r.GetAttribute("data-has-sentra") == "true").Select(r => r.GetAttribute("data-kelurahan")!).Order(StringComparer.Ordinal));
        Assert.Equal(DemoData.KelurahanWithoutSentra.Order(StringComparer.Ordinal),
            rows.Where(r => r.GetAttribute("data-has-sentra") == "false").Select(r => r.GetAttribute("data-kelurahan")!).Order(StringComparer.Ordinal));

        using var map = System.Text.Json.JsonDocument.Parse(page.QuerySelector("[data-area-map]")!.GetAttribute("data-area-map")!);
        var kinds = map.RootElement.GetProperty("areas").EnumerateArray().Select(p => p.GetProperty("status").GetString()).ToList();
        Assert.Equal(23, kinds.Count(k => k == "covered"));
        Assert.Equal(7, kinds.Count(k => k == "uncovered"));
    }

    [Fact]
    public async Task A_retired_kelurahan_and_an_inactive_sentra_do_not_count()
    {
        await using (var data = new DirectoryData(App.NewDbContext()))
        {
            await data.SentraAsync("Sentra IKM Aktif Pahandut", DirectoryData.Pahandut, ["pangan"]);
            await data.SentraAsync("Sentra IKM Belum Aktif Marang", DirectoryData.Marang, ["pangan"], Web.Domain.SentraStatus.DalamPembentukan);
            var retired = await data.Db.Kelurahan.SingleAsync(k => k.Code == DirectoryData.Kalampangan);
            retired.RetiredOn = new DateOnly(2026, 1, 1);
            await data.Db.SaveChangesAsync();
        }

        using var browser = new Browser(App);
        var page = await browser.GetAsync("/Directory/Overview");

        Assert.Equal("1 dari 29 kelurahan", page.QuerySelector("[data-figure=coverage]")!.TextContent.Trim());
        Assert.Equal("3,4 %", page.QuerySelector("[data-figure=coverage-percent]")!.TextContent.Trim());
    }

    [Fact]
    public async Task In_English_the_figure_uses_English_number_format()
    {
        await App.LoadDemoDataAsync();

        using var browser = new Browser(App);
        var page = await browser.GetAsync("/Directory/Overview");
        var form = page.QuerySelector<IHtmlFormElement>("form.language-switch")!;
        page = await browser.SubmitAsync(form, submitter: form.QuerySelectorAll<IHtmlButtonElement>("button").Single(b => b.Value == "en-GB"));

        Assert.Equal("/Directory/Overview", browser.LastUrl!.AbsolutePath);
        Assert.Equal("76.7 %", page.QuerySelector("[data-figure=coverage-percent]")!.TextContent.Trim());
        Assert.Equal("23 of 30 kelurahan", page.QuerySelector("[data-figure=coverage]")!.TextContent.Trim());
        Assert.Equal("IKM centres per kelurahan", page.QuerySelector("h1")!.TextContent.Trim());
    }
}
