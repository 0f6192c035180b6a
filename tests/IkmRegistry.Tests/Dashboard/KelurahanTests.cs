using static IkmRegistry.Tests.Dashboard.DashboardPage;

namespace IkmRegistry.Tests.Dashboard;

public class KelurahanTests(RegistryApp app) : RegistryTest(app)
{
    [Fact]
    public async Task A_kelurahan_shows_its_sentra_members_and_its_units_page_by_page_without_personal_data()
    {
        await EdgeCases.ArrangeAsync(App);
        using var browser = await SignedInAsync(App);
        var kecamatan = await browser.GetAsync("/Dashboard/Kecamatan/62.71.01");
        var link = kecamatan.QuerySelectorAll<IHtmlAnchorElement>("table[data-table=kelurahan] a").Single(a => a.TextContent.Trim() == "Pahandut");

        var page = await browser.GetAsync(link.PathName);

        Assert.Equal("/Dashboard/Kelurahan/62.71.01.1001", browser.LastUrl!.AbsolutePath);
        Assert.Contains("1 dari 1 kelurahan sudah memiliki sentra IKM aktif (100,0 %)", Figure(page, "coverage"));
        const string Where = "FROM industrial_unit u JOIN kelurahan k ON k.id = u.kelurahan_id WHERE k.code = '62.71.01.1001'";
        Assert.Equal(IdNumber(await App.ScalarAsync($"SELECT count(*) {Where} AND u.status = 'Aktif'")), Figure(page, "units"));
        var members = await App.ScalarAsync("""
            SELECT count(*) FROM membership m JOIN industrial_unit u ON u.id = m.unit_id JOIN sentra s ON s.id = m.sentra_id JOIN kelurahan k ON k.id = s.kelurahan_id
             WHERE k.code = '62.71.01.1001' AND s.status = 'Aktif' AND m.left_on IS NULL AND u.status = 'Aktif'
            """);
        var sentra = Assert.Single(Rows(page, "anggota-sentra"));
        Assert.Equal(IdNumber(members), sentra[3]);
        Assert.Empty(Rows(page, "calon-sentra"));

        // Units: every status, 50 a page; business names and categories, never owner, NIK or phone.
        var total = await App.ScalarAsync($"SELECT count(*) {Where}");
        var units = Rows(page, "unit");
        Assert.Equal(50, units.Count);
        var firstName = await App.GroupsAsync($"SELECT u.business_name, 0 {Where} ORDER BY u.status, u.business_name, u.id LIMIT 1");
        Assert.Equal(firstName.Keys.Single(), units[0][0]);
        Assert.Contains($"{IdNumber(total)} unit (semua status)", page.Body!.TextContent);
        var owners = await App.GroupsAsync($"SELECT u.owner_name, 0 {Where} AND u.owner_name <> ''");
        var niks = await App.GroupsAsync($"SELECT u.nik, 0 {Where} AND u.nik IS NOT NULL");
        Assert.DoesNotContain(owners.Keys, o => page.Body.TextContent.Contains(o, StringComparison.Ordinal));
        Assert.DoesNotContain(niks.Keys, n => page.Body.InnerHtml.Contains(n, StringComparison.Ordinal));

        var last = (int)Math.Ceiling(total / 50.0);
        var lastPage = await browser.GetAsync($"/Dashboard/Kelurahan/62.71.01.1001?halaman={last}");
        Assert.Equal(total - ((last - 1) * 50), Rows(lastPage, "unit").Count);
    }

    [Fact]
    public async Task A_kelurahan_without_a_sentra_shows_how_close_it_is_to_forming_one()
    {
        await EdgeCases.ArrangeAsync(App);
        using var browser = await SignedInAsync(App);

        var page = await browser.GetAsync("/Dashboard/Kelurahan/62.71.01.1004");

        Assert.Contains("0 dari 1 kelurahan sudah memiliki sentra IKM aktif (0,0 %)", Figure(page, "coverage"));
        var row = Assert.Single(Rows(page, "calon-sentra"));
        Assert.Equal("Tumbang Rungan", row[1]);
        // The largest group of similar products (KBLI group and category) among the active units in no sentra.
        var largest = await App.ScalarAsync("""
            SELECT coalesce(max(n), 0) FROM (SELECT count(*) AS n FROM industrial_unit u JOIN kelurahan k ON k.id = u.kelurahan_id
             WHERE k.code = '62.71.01.1004' AND u.status = 'Aktif'
               AND NOT EXISTS (SELECT 1 FROM membership m WHERE m.unit_id = u.id AND m.left_on IS NULL)
             GROUP BY left(u.kbli_code, 3), u.category_id) c
            """);
        Assert.Equal(IdNumber(largest), row[5]);
        Assert.Equal(largest >= 5 ? "Ya" : "Tidak", row[6]);
        Assert.Empty(Rows(page, "anggota-sentra"));
    }

    [Fact]
    public async Task A_kelurahan_with_a_sentra_but_no_units_shows_zero_units_and_an_empty_list()
    {
        await EdgeCases.ArrangeAsync(App);
        using var browser = await SignedInAsync(App);

        var page = await browser.GetAsync($"/Dashboard/Kelurahan/{EdgeCases.NewKelurahan}");

        Assert.Equal("0", Figure(page, "units"));
        Assert.Equal(["Sentra IKM Uji Tanpa Unit", "Kelurahan Uji", "2026", "0", "Tidak"], Assert.Single(Rows(page, "anggota-sentra")));
        Assert.Empty(Rows(page, "unit"));
    }

    [Fact]
    public async Task A_retired_kelurahan_still_shows_its_units_and_says_it_is_not_counted_in_coverage()
    {
        await EdgeCases.ArrangeAsync(App);
        using var browser = await SignedInAsync(App);

        var page = await browser.GetAsync($"/Dashboard/Kelurahan/{EdgeCases.RetiredKelurahan}");

        Assert.Equal(HttpStatusCode.OK, browser.LastStatus);
        Assert.Contains("sudah tidak berlaku", page.QuerySelector(".alert")!.TextContent);
        var units = await App.ScalarAsync($"SELECT count(*) FROM industrial_unit u JOIN kelurahan k ON k.id = u.kelurahan_id WHERE k.code = '{EdgeCases.RetiredKelurahan}' AND u.status = 'Aktif'");
        Assert.True(units > 0);
        Assert.Equal(IdNumber(units), Figure(page, "units"));
    }

    [Fact]
    public async Task An_unknown_kelurahan_is_not_found()
    {
        using var browser = await SignedInAsync(App);
        await browser.GetAsync("/Dashboard/Kelurahan/62.71.01.9999");

        Assert.Equal(HttpStatusCode.NotFound, browser.LastStatus);
    }
}
