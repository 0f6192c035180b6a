using static IkmRegistry.Tests.Dashboard.DashboardPage;

namespace IkmRegistry.Tests.Dashboard;

public class IndexTests(RegistryApp app) : RegistryTest(app)
{
    // Active units in active kelurahan: the base of every area figure.
    private const string ActiveUnits = """
        industrial_unit u JOIN kelurahan k ON k.id = u.kelurahan_id WHERE u.status = 'Aktif' AND k.retired_on IS NULL
        """;

    [Theory]
    [InlineData("/Dashboard")]
    [InlineData("/Dashboard/Kecamatan/62.71.01")]
    [InlineData("/Dashboard/Kelurahan/62.71.01.1001")]
    [InlineData("/Dashboard/Export?tabel=kecamatan&format=csv")]
    public async Task Anonymous_visitors_are_sent_to_sign_in(string url)
    {
        using var browser = new Browser(App);
        await browser.GetAsync(url);

        Assert.Equal("/Account/Login", browser.LastUrl!.AbsolutePath);
    }

    [Theory]
    [InlineData(Roles.Official)]
    [InlineData(Roles.Staff)]
    [InlineData(Roles.Admin)]
    public async Task Officials_staff_and_admins_open_the_dashboard_from_the_menu(string role)
    {
        using var browser = await SignedInAsync(App, role);
        var home = await browser.GetAsync("/");
        var link = home.QuerySelectorAll<IHtmlAnchorElement>("nav a").Single(a => a.TextContent.Trim() == "Dasbor");

        var page = await browser.GetAsync(link.PathName);

        Assert.Equal(System.Net.HttpStatusCode.OK, browser.LastStatus);
        Assert.Equal("/Dashboard", browser.LastUrl!.AbsolutePath);
        Assert.Contains("Dasbor cakupan sentra IKM", page.QuerySelector("h1")!.TextContent);
    }

    [Fact]
    public async Task With_the_demo_data_the_city_shows_23_of_30_and_ranks_the_7_kelurahan_without_a_sentra()
    {
        await App.LoadDemoDataAsync();

        using var browser = await SignedInAsync(App);
        var page = await browser.GetAsync("/Dashboard");

        Assert.Contains("23 dari 30 kelurahan sudah memiliki sentra IKM aktif (76,7 %)", Figure(page, "coverage"));
        Assert.Equal("23 / 30", Figure(page, "covered"));
        Assert.Equal("23", Figure(page, "sentra"));
        Assert.Equal("4.133", Figure(page, "units"));
        var candidates = Rows(page, "calon-sentra");
        Assert.Equal(
            ["Bukit Sua", "Danau Tundai", "Habaring Hurung", "Kanarakan", "Mungku Baru", "Petuk Barunai", "Tumbang Rungan"],
            candidates.Select(r => r[1]).Order(StringComparer.Ordinal));
        Assert.Equal(["1", "2", "3", "4", "5", "6", "7"], candidates.Select(r => r[0]));
        // The list is the page's first table: it is what officials act on.
        Assert.Equal("calon-sentra", page.QuerySelector("table[data-table]")!.GetAttribute("data-table"));
    }

    [Fact]
    public async Task Coverage_per_kecamatan_and_for_the_city_matches_an_independent_count_with_the_edge_cases()
    {
        await EdgeCases.ArrangeAsync(App);
        var active = await App.ScalarAsync("SELECT count(*) FROM kelurahan WHERE retired_on IS NULL");
        var covered = await App.ScalarAsync("SELECT count(*) FROM kelurahan k WHERE k.retired_on IS NULL AND EXISTS (SELECT 1 FROM sentra s WHERE s.kelurahan_id = k.id AND s.status = 'Aktif')");
        var expected = await App.GroupsAsync($"""
            SELECT kc.name,
                   (SELECT count(*) FROM kelurahan k WHERE k.kecamatan_id = kc.id AND k.retired_on IS NULL),
                   (SELECT count(*) FROM kelurahan k WHERE k.kecamatan_id = kc.id AND k.retired_on IS NULL
                       AND EXISTS (SELECT 1 FROM sentra s WHERE s.kelurahan_id = k.id AND s.status = 'Aktif')),
                   (SELECT count(*) FROM {ActiveUnits} AND k.kecamatan_id = kc.id),
                   (SELECT coalesce(sum(coalesce(u.workers_male, 0) + coalesce(u.workers_female, 0)), 0) FROM {ActiveUnits} AND k.kecamatan_id = kc.id)
              FROM kecamatan kc
            """);

        using var browser = await SignedInAsync(App);
        var page = await browser.GetAsync("/Dashboard");

        // Retired Pahandut Seberang and inactive Panarung are out, the new kelurahan with a sentra but no units is in.
        Assert.Equal((30, 22), (active, covered));
        Assert.Contains($"22 dari 30 kelurahan sudah memiliki sentra IKM aktif (73,3 %)", Figure(page, "coverage"));
        Assert.Equal(IdNumber(await App.ScalarAsync($"SELECT count(*) FROM {ActiveUnits}")), Figure(page, "units"));
        var rows = Rows(page, "kecamatan");
        Assert.Equal(5, rows.Count);
        foreach (var row in rows)
        {
            var sql = expected[row[0]];
            Assert.Equal([sql[0], sql[1], sql[2], sql[3]], new[] { Number(row[1]), Number(row[2]), Number(row[5]), Number(row[6]) }.Select(n => (long)n));
            Assert.Equal(Math.Round(100.0 * sql[1] / sql[0], 1), Number(row[3]));
        }

        var pahandut = rows.Single(r => r[0] == "Pahandut");
        Assert.Equal("Panarung, Tumbang Rungan", pahandut[4]);
        var total = Total(page, "kecamatan");
        Assert.Equal(["30", "22", "73,3"], total[1..4]);
    }

    [Fact]
    public async Task Sentra_units_and_workers_per_kelurahan_match_an_independent_count()
    {
        await EdgeCases.ArrangeAsync(App);
        var expected = await App.GroupsAsync($"""
            SELECT k.name,
                   (SELECT count(*) FROM sentra s WHERE s.kelurahan_id = k.id AND s.status = 'Aktif'),
                   (SELECT count(*) FROM industrial_unit u WHERE u.kelurahan_id = k.id AND u.status = 'Aktif'),
                   (SELECT sum(u.workers_male) FROM industrial_unit u WHERE u.kelurahan_id = k.id AND u.status = 'Aktif'),
                   (SELECT sum(u.workers_female) FROM industrial_unit u WHERE u.kelurahan_id = k.id AND u.status = 'Aktif')
              FROM kelurahan k WHERE k.retired_on IS NULL
            """);

        using var browser = await SignedInAsync(App);
        var page = await browser.GetAsync("/Dashboard");

        var rows = Rows(page, "kelurahan");
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), rows.Select(r => r[0]).Order(StringComparer.Ordinal));
        Assert.DoesNotContain(rows, r => r[0] == "Pahandut Seberang");
        foreach (var row in rows)
        {
            var sql = expected[row[0]];
            Assert.Equal(sql, new[] { row[2], row[3], row[4], row[5] }.Select(c => (long)Number(c)));
            Assert.Equal(sql[2] + sql[3], (long)Number(row[6]));
        }

        Assert.Equal(["1", "0", "0", "0", "0"], rows.Single(r => r[0] == "Kelurahan Uji")[2..7]);
        Assert.Equal("0", rows.Single(r => r[0] == "Panarung")[2]);
        Assert.Equal(IdNumber(expected.Values.Sum(v => v[1])), Total(page, "kelurahan")[3]);
    }

    [Fact]
    public async Task Units_by_category_scale_gender_and_year_match_independent_counts()
    {
        await EdgeCases.ArrangeAsync(App);
        var categories = await App.GroupsAsync($"SELECT c.name_id, (SELECT count(*) FROM {ActiveUnits} AND u.category_id = c.id) FROM product_category c");
        var scales = await App.GroupsAsync($"""
            SELECT CASE
                     WHEN (u.workers_male IS NULL AND u.workers_female IS NULL) OR u.investment_value IS NULL THEN 'Tidak diketahui'
                     WHEN coalesce(u.workers_male, 0) + coalesce(u.workers_female, 0) <= 19 AND u.investment_value < 1000000000 THEN 'Kecil'
                     WHEN coalesce(u.workers_male, 0) + coalesce(u.workers_female, 0) <= 19 THEN 'Menengah'
                     WHEN u.investment_value <= 15000000000 THEN 'Menengah'
                     ELSE 'Besar' END, count(*)
              FROM {ActiveUnits} GROUP BY 1
            """);
        var gender = await App.GroupsAsync($"SELECT 'x', sum(u.workers_male), sum(u.workers_female) FROM {ActiveUnits}");
        var years = await App.GroupsAsync("SELECT extract(year FROM u.registered_on)::int, count(*) FROM industrial_unit u JOIN kelurahan k ON k.id = u.kelurahan_id WHERE k.retired_on IS NULL GROUP BY 1");

        using var browser = await SignedInAsync(App);
        var page = await browser.GetAsync("/Dashboard");

        var categoryRows = Rows(page, "kategori");
        Assert.Equal(6, categoryRows.Count);
        Assert.All(categoryRows, r => Assert.Equal(categories[r[0]][0], (long)Number(r[1])));
        var scaleRows = Rows(page, "skala");
        Assert.Equal(["Kecil", "Menengah", "Besar", "Tidak diketahui"], scaleRows.Select(r => r[0]));
        Assert.All(scaleRows, r => Assert.Equal(scales.GetValueOrDefault(r[0])?[0] ?? 0, (long)Number(r[1])));
        Assert.True(Number(scaleRows[3][1]) > 0, "the demo has units without figures");
        var genderRows = Rows(page, "tenaga-kerja");
        Assert.Equal(gender["x"][0], (long)Number(genderRows.Single(r => r[0] == "Laki-laki")[1]));
        Assert.Equal(gender["x"][1], (long)Number(genderRows.Single(r => r[0] == "Perempuan")[1]));
        var yearRows = Rows(page, "registrasi-per-tahun");
        Assert.Equal(years.Count, yearRows.Count);
        // A year reads 2024, not 2.024; closed units still count as registered.
        Assert.All(yearRows, r => Assert.Equal(years[r[0]][0], (long)Number(r[1])));
    }

    [Fact]
    public async Task Members_per_sentra_count_only_active_members_and_the_history_ends_at_todays_coverage()
    {
        await EdgeCases.ArrangeAsync(App);
        var members = await App.GroupsAsync("""
            SELECT s.name, count(m.id) FILTER (WHERE m.left_on IS NULL AND u.status = 'Aktif')
              FROM sentra s JOIN kelurahan k ON k.id = s.kelurahan_id
              LEFT JOIN membership m ON m.sentra_id = s.id LEFT JOIN industrial_unit u ON u.id = m.unit_id
             WHERE s.status = 'Aktif' AND k.retired_on IS NULL GROUP BY s.id, s.name
            """);
        var allMembers = await App.ScalarAsync("SELECT count(*) FROM membership m JOIN sentra s ON s.id = m.sentra_id JOIN kelurahan k ON k.id = s.kelurahan_id WHERE s.status = 'Aktif' AND k.retired_on IS NULL");

        using var browser = await SignedInAsync(App);
        var page = await browser.GetAsync("/Dashboard");

        var rows = Rows(page, "anggota-sentra");
        Assert.Equal(members.Keys.Order(StringComparer.Ordinal), rows.Select(r => r[0]).Order(StringComparer.Ordinal));
        Assert.All(rows, r => Assert.Equal(members[r[0]][0], (long)Number(r[3])));
        Assert.True(rows.Sum(r => Number(r[3])) < allMembers, "closed units and ended memberships are not counted");
        var empty = rows.Single(r => r[0] == "Sentra IKM Uji Tanpa Unit");
        Assert.Equal(["0", "Tidak"], empty[3..5]);
        Assert.DoesNotContain(rows, r => r[1] is "Panarung" or "Pahandut Seberang");

        // The history's last row (today, from the recorded events) reaches today's coverage.
        var years = Rows(page, "sentra-per-tahun");
        Assert.Equal(Figure(page, "covered").Split(" / ")[0], years[^1][2]);
    }

    [Fact]
    public async Task Data_quality_counts_missing_figures_small_sentra_and_possible_duplicates_without_showing_a_NIK()
    {
        await EdgeCases.ArrangeAsync(App);
        var quality = await App.GroupsAsync($"""
            SELECT 'x', count(*) FILTER (WHERE u.nib IS NULL), count(*) FILTER (WHERE u.kbli_code IS NULL),
                   count(*) FILTER (WHERE u.workers_male IS NULL AND u.workers_female IS NULL), count(*) FILTER (WHERE u.investment_value IS NULL)
              FROM {ActiveUnits}
            """);
        var smallSentra = await App.ScalarAsync("""
            SELECT count(*) FROM sentra s JOIN kelurahan k ON k.id = s.kelurahan_id
             WHERE s.status = 'Aktif' AND k.retired_on IS NULL
               AND (SELECT count(*) FROM membership m JOIN industrial_unit u ON u.id = m.unit_id
                     WHERE m.sentra_id = s.id AND m.left_on IS NULL AND u.status = 'Aktif') < 5
            """);
        var sameName = await App.ScalarAsync($"SELECT count(*) FROM (SELECT 1 FROM {ActiveUnits} GROUP BY u.kelurahan_id, regexp_replace(lower(u.business_name), '[^a-z0-9]', '', 'g') HAVING count(*) > 1) d");
        var inRetired = await App.ScalarAsync("SELECT count(*) FROM industrial_unit u JOIN kelurahan k ON k.id = u.kelurahan_id WHERE u.status = 'Aktif' AND k.retired_on IS NOT NULL");

        using var browser = await SignedInAsync(App);
        var page = await browser.GetAsync("/Dashboard");

        var rows = Rows(page, "kualitas-data").ToDictionary(r => r[0], r => (long)Number(r[1]));
        var q = quality["x"];
        Assert.Equal(q[0], rows["Unit aktif tanpa NIB"]);
        Assert.Equal(q[1], rows["Unit aktif tanpa kode KBLI"]);
        Assert.Equal(q[2], rows["Unit aktif tanpa angka tenaga kerja"]);
        Assert.Equal(q[3], rows["Unit aktif tanpa nilai investasi"]);
        Assert.Equal(smallSentra, rows["Sentra aktif dengan kurang dari 5 anggota aktif"]);
        Assert.True(smallSentra >= 1);
        Assert.Equal(sameName, rows["Kemungkinan duplikat: nama usaha sama di kelurahan yang sama (kelompok)"]);
        Assert.Equal(1, rows["Kemungkinan duplikat: NIK sama dengan nama usaha berbeda (kelompok)"]);
        Assert.Equal(inRetired, rows["Unit aktif di kelurahan yang sudah tidak berlaku"]);

        var duplicates = Rows(page, "kemungkinan-duplikat");
        Assert.Contains(duplicates, r => r[0] == "Nama usaha sama" && r[1] == "Tumbang Rungan" && r[3] == "2");
        var nik = duplicates.Single(r => r[0] == "NIK pemilik sama");
        Assert.Contains("Usaha Satu Uji", nik[2]);
        Assert.Equal("2", nik[3]);
        Assert.DoesNotContain(EdgeCases.SharedNik, page.Body!.InnerHtml);
        Assert.DoesNotContain("Pemilik Uji", page.Body!.InnerHtml);
    }

    [Fact]
    public async Task Every_table_has_a_chart_or_its_numbers_and_links_to_both_exports()
    {
        await EdgeCases.ArrangeAsync(App);
        using var browser = await SignedInAsync(App);
        var page = await browser.GetAsync("/Dashboard");

        var sections = page.QuerySelectorAll("section.report-table");
        Assert.True(sections.Length >= 11);
        foreach (var section in sections)
        {
            var key = section.Id!["tabel-".Length..];
            Assert.NotNull(section.QuerySelector($"table[data-table='{key}']"));
            Assert.Equal(
                [$"/Dashboard/Export?tabel={key}&format=xlsx", $"/Dashboard/Export?tabel={key}&format=csv"],
                section.QuerySelectorAll<IHtmlAnchorElement>("a[data-export]").Select(a => a.GetAttribute("href")));
            if (section.QuerySelector("canvas[data-chart]") is { } canvas)
            {
                Assert.Equal("img", canvas.GetAttribute("role"));
            }
        }

        Assert.Equal(8, page.QuerySelectorAll("canvas[data-chart]").Length);
        var map = page.QuerySelector("#peta [data-area-map]")!;
        Assert.Contains("\"code\":\"62.71.01.1004\"", map.GetAttribute("data-area-map"), StringComparison.Ordinal);
        // No tile server: the map is drawn from the boundaries only.
        Assert.DoesNotContain("tile", map.GetAttribute("data-area-map"), StringComparison.OrdinalIgnoreCase);
        // No inline script or style: the content-security policy will allow 'self' only.
        Assert.Empty(page.QuerySelectorAll("script:not([src])"));
        Assert.Empty(page.QuerySelectorAll("[style]"));
    }
}
