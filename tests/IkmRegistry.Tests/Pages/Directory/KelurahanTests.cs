namespace IkmRegistry.Tests.Pages.Directory;

public class KelurahanTests(RegistryApp app) : RegistryTest(app)
{
    private static string Count(IDocument page, string category) =>
        page.QuerySelector($"table.units-by-category tr[data-category={category}] td")!.TextContent.Trim();

    [Fact]
    public async Task A_kelurahan_page_shows_its_active_sentra_and_its_active_units_counted_by_category()
    {
        await using (var data = new DirectoryData(App.NewDbContext()))
        {
            var sentra = await data.SentraAsync("Sentra IKM Pangan Menteng", DirectoryData.Menteng, ["pangan"]);
            await data.SentraAsync("Sentra IKM Menteng Lama", DirectoryData.Menteng, ["kayu"], SentraStatus.TidakAktif);
            await data.UnitsAsync(4, DirectoryData.Menteng, "pangan", sentra);
            await data.UnitsAsync(2, DirectoryData.Menteng, "sandang", consent: false);
            await data.UnitAsync("Bengkel Tutup", DirectoryData.Menteng, "logam", status: UnitStatus.Tutup);
            await data.UnitsAsync(3, DirectoryData.Marang, "logam");
        }

        using var browser = new Browser(App);
        var page = await browser.GetAsync("/Directory/Kelurahan/menteng");

        Assert.Equal(HttpStatusCode.OK, browser.LastStatus);
        Assert.Equal("Kelurahan Menteng", page.QuerySelector("h1")!.TextContent.Trim());
        Assert.Equal("62.71.03.1002", page.QuerySelector("[data-field=code]")!.TextContent.Trim());
        Assert.Equal(["Sentra IKM Pangan Menteng"], page.QuerySelectorAll(".sentra-entry .card-title").Select(e => e.TextContent.Trim()));
        Assert.Null(page.QuerySelector("[data-field=no-sentra]"));
        Assert.Equal("4", Count(page, "pangan"));
        Assert.Equal("2", Count(page, "sandang"));
        Assert.Equal("0", Count(page, "logam"));
        Assert.Equal("0", Count(page, "kayu"));
        Assert.Equal("6", Count(page, "total"));
        Assert.Equal(6, page.QuerySelectorAll("table.units-by-category tbody tr").Length);
        Assert.DoesNotContain("Usaha", page.QuerySelector("main")!.TextContent);
    }

    [Fact]
    public async Task A_kelurahan_without_a_sentra_says_it_has_none_yet()
    {
        await using (var data = new DirectoryData(App.NewDbContext()))
        {
            await data.UnitsAsync(2, DirectoryData.Kalampangan, "pangan");
        }

        using var browser = new Browser(App);
        var page = await browser.GetAsync("/Directory/Kelurahan/kalampangan");

        Assert.Contains("belum memiliki sentra IKM aktif", page.QuerySelector("[data-field=no-sentra]")!.TextContent);
        Assert.Equal("2", Count(page, "pangan"));
    }

    [Fact]
    public async Task The_counts_match_an_independent_count_with_demo_data()
    {
        await App.LoadDemoDataAsync();

        Dictionary<string, int> expected;
        await using (var db = App.NewDbContext())
        {
            expected = await db.Database.SqlQuery<CategoryCount>($"""
                SELECT c.code AS "Code", count(*)::int AS "Units" FROM industrial_unit u
                JOIN kelurahan k ON k.id = u.kelurahan_id JOIN product_category c ON c.id = u.category_id
                WHERE k.slug = 'palangka' AND u.status = 'Aktif' GROUP BY c.code
                """).ToDictionaryAsync(r => r.Code, r => r.Units);
        }

        using var browser = new Browser(App);
        var page = await browser.GetAsync("/Directory/Kelurahan/palangka");
        foreach (var (code, units) in expected)
        {
            Assert.Equal(units.ToString("N0", new System.Globalization.CultureInfo("id-ID")), Count(page, code));
        }

        Assert.Equal(expected.Values.Sum().ToString("N0", new System.Globalization.CultureInfo("id-ID")), Count(page, "total"));
    }

    [Fact]
    public async Task An_unknown_kelurahan_is_not_found()
    {
        using var browser = new Browser(App);
        await browser.GetAsync("/Directory/Kelurahan/atlantis");
        Assert.Equal(HttpStatusCode.NotFound, browser.LastStatus);
    }

    private sealed record CategoryCount(string Code, int Units);
}
