using static IkmRegistry.Tests.Dashboard.DashboardPage;

namespace IkmRegistry.Tests.Dashboard;

public class KecamatanTests(RegistryApp app) : RegistryTest(app)
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await App.LoadDemoDataAsync();
    }

    [Fact]
    public async Task The_city_links_to_each_kecamatan_which_shows_the_same_figures_for_its_kelurahan()
    {
        using var browser = await SignedInAsync(App);
        var city = await browser.GetAsync("/Dashboard");
        var link = city.QuerySelectorAll<IHtmlAnchorElement>("table[data-table=kecamatan] a").Single(a => a.TextContent.Trim() == "Rakumpit");

        var page = await browser.GetAsync(link.PathName);

        Assert.Equal("/Dashboard/Kecamatan/62.71.05", browser.LastUrl!.AbsolutePath);
        Assert.Contains("Kecamatan Rakumpit", page.QuerySelector("h1")!.TextContent);
        Assert.Contains("4 dari 7 kelurahan sudah memiliki sentra IKM aktif (57,1 %)", Figure(page, "coverage"));
        Assert.Equal(["Bukit Sua", "Mungku Baru", "Petuk Barunai"], Rows(page, "calon-sentra").Select(r => r[1]).Order(StringComparer.Ordinal));
        var units = await App.ScalarAsync("SELECT count(*) FROM industrial_unit u JOIN kelurahan k ON k.id = u.kelurahan_id JOIN kecamatan kc ON kc.id = k.kecamatan_id WHERE kc.code = '62.71.05' AND u.status = 'Aktif'");
        Assert.Equal(IdNumber(units), Figure(page, "units"));
        Assert.Equal(7, Rows(page, "kelurahan").Count);
        Assert.Equal(IdNumber(units), Total(page, "kategori")[1]);
        // Its exports are scoped to the kecamatan too.
        Assert.Equal("/Dashboard/Export?tabel=kelurahan&kecamatan=62.71.05&format=csv",
            page.QuerySelector("#tabel-kelurahan a[data-export=csv]")!.GetAttribute("href"));
    }

    [Fact]
    public async Task An_unknown_kecamatan_is_not_found()
    {
        using var browser = await SignedInAsync(App);
        await browser.GetAsync("/Dashboard/Kecamatan/62.71.99");

        Assert.Equal(HttpStatusCode.NotFound, browser.LastStatus);
    }
}
