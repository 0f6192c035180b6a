using IkmRegistry.Tests.Infrastructure;
using IkmRegistry.Web.Domain;
using static IkmRegistry.Tests.Dashboard.DashboardPage;

namespace IkmRegistry.Tests.Registry.Units;

public class IndexTests(RegistryApp app) : RegistryTest(app)
{
    private async Task<Browser> OfficialAsync()
    {
        var browser = new Browser(App);
        await browser.SignInAsync(await App.CreateUserAsync(Roles.Official));
        return browser;
    }

    private static List<string> Names(IDocument page) =>
        [.. page.QuerySelectorAll("main table tbody tr td:first-child a").Select(a => a.TextContent)];

    [Fact]
    public async Task Search_finds_units_by_name_owner_NIB_or_products_tolerating_case_and_small_typos()
    {
        await Seed.UnitAsync(App, "Amplang Ikan Pipih Bu Sari", nib: "9120000000001");
        await Seed.UnitAsync(App, "Mebel Ulin Pak Darto", category: "kayu", configure: u => { u.OwnerName = "Darto Sugiarto"; u.MainProducts = "lemari, meja"; });
        await Seed.UnitAsync(App, "Batik Benang Bintik Isen Mulang", category: "sandang", configure: u => u.MainProducts = "kain batik");
        using var browser = await OfficialAsync();

        Assert.Equal(["Amplang Ikan Pipih Bu Sari"], Names(await browser.GetAsync("/Registry/Units?q=AMPLANG")));
        Assert.Equal(["Amplang Ikan Pipih Bu Sari"], Names(await browser.GetAsync("/Registry/Units?q=amplag")));
        Assert.Equal(["Mebel Ulin Pak Darto"], Names(await browser.GetAsync("/Registry/Units?q=sugiarto")));
        Assert.Equal(["Mebel Ulin Pak Darto"], Names(await browser.GetAsync("/Registry/Units?q=darto%20sugiato")));
        Assert.Equal(["Mebel Ulin Pak Darto"], Names(await browser.GetAsync("/Registry/Units?q=lemari")));
        Assert.Equal(["Amplang Ikan Pipih Bu Sari"], Names(await browser.GetAsync("/Registry/Units?q=9120000000001")));
        Assert.Empty(Names(await browser.GetAsync("/Registry/Units?q=%25")));
    }

    [Fact]
    public async Task A_search_pages_forward_without_counting_its_matches_and_a_list_without_one_counts_exactly()
    {
        var unit = await Seed.UnitAsync(App, "Amplang 0000");
        var columns = await App.TextAsync("""
            SELECT string_agg(column_name, ', ' ORDER BY ordinal_position) FROM information_schema.columns
             WHERE table_schema = 'public' AND table_name = 'industrial_unit' AND column_name NOT IN ('id', 'business_name')
            """);
        await App.ExecuteAsync($"""
            INSERT INTO industrial_unit (id, business_name, {columns})
            SELECT {unit.Id} + n, 'Amplang ' || lpad(n::text, 4, '0'), {columns} FROM industrial_unit, generate_series(1, 1000) n WHERE id = {unit.Id}
            """);
        using var browser = await OfficialAsync();

        var all = await browser.GetAsync("/Registry/Units?q=amplang");
        var last = await browser.GetAsync("/Registry/Units?q=amplang&hal=40");
        var unsearched = await browser.GetAsync("/Registry/Units?status=Aktif");

        Assert.Contains("lebih dari 25 data", all.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(all.QuerySelector("a.page-link[href*='hal=2']"));
        Assert.Contains("lebih dari 1.000 data", last.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Halaman 41 dari 41 · 1.001 data", (await browser.GetAsync("/Registry/Units?q=amplang&hal=41")).QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(["Amplang 0000", "Amplang 0001"], Names(all)[..2]);
        Assert.Equal("Amplang 0999", Names(last)[^1]);
        // Without a search term the count is cheap (btree indexes) and stays exact.
        Assert.Contains("Halaman 1 dari 41 · 1.001 data", unsearched.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Filters_live_in_the_URL_and_combine()
    {
        await Seed.UnitAsync(App, "Amplang Pahandut", "62.71.01.1001", nib: "9120000000001");
        await Seed.UnitAsync(App, "Kerupuk Pahandut", "62.71.01.1001");
        await Seed.UnitAsync(App, "Mebel Menteng", "62.71.03.1002", category: "kayu");
        await Seed.UnitAsync(App, "Tutup Menteng", "62.71.03.1002", configure: u => u.Status = UnitStatus.Tutup);
        var sentra = await Seed.SentraAsync(App, members: 1);
        using var browser = await OfficialAsync();
        await using var db = App.NewDbContext();
        var menteng = db.Kelurahan.Single(k => k.Code == "62.71.03.1002").Id;
        var pahandutKecamatan = db.Kecamatan.Single(k => k.Code == "62.71.01").Id;
        var kayu = db.ProductCategories.Single(c => c.Code == "kayu").Id;

        Assert.Equal(["Mebel Menteng", "Tutup Menteng"], Names(await browser.GetAsync($"/Registry/Units?kelurahan={menteng}")));
        Assert.Equal(["Mebel Menteng"], Names(await browser.GetAsync($"/Registry/Units?kelurahan={menteng}&status=Aktif")));
        Assert.Equal(["Mebel Menteng"], Names(await browser.GetAsync($"/Registry/Units?category={kayu}")));
        Assert.Equal(["Amplang Pahandut"], Names(await browser.GetAsync("/Registry/Units?nib=ada")));
        Assert.Equal(["Kerupuk Anggota 1"], Names(await browser.GetAsync($"/Registry/Units?sentra={sentra.Id}")));
        Assert.Equal(["Amplang Pahandut", "Kerupuk Anggota 1", "Kerupuk Pahandut"], Names(await browser.GetAsync($"/Registry/Units?kecamatan={pahandutKecamatan}")));

        // The filter form shows what the URL asked for.
        var page = await browser.GetAsync($"/Registry/Units?kelurahan={menteng}&status=Tutup");
        Assert.Equal(menteng.ToString(), page.QuerySelector<IHtmlSelectElement>("#kelurahan")!.Value);
        Assert.Equal("Tutup", page.QuerySelector<IHtmlSelectElement>("#status")!.Value);
    }

    [Fact]
    public async Task The_list_pages_on_the_server_and_page_links_keep_the_filters()
    {
        await using (var db = App.NewDbContext())
        {
            await IkmRegistry.Web.Data.DemoData.LoadAsync(db);
        }

        using var browser = await OfficialAsync();
        var page = await browser.GetAsync("/Registry/Units?status=Aktif&sort=terbaru");

        Assert.Equal(25, Names(page).Count);
        Assert.Contains("4.133 data", page.QuerySelector("main")!.TextContent);
        var next = page.QuerySelectorAll<IHtmlAnchorElement>(".pagination a").First(a => a.TextContent == "2");
        Assert.Contains("status=Aktif", next.Search);
        Assert.Contains("sort=terbaru", next.Search);
        var second = await browser.GetAsync(next.PathName + next.Search);
        Assert.Empty(Names(page).Intersect(Names(second)));
    }
}
