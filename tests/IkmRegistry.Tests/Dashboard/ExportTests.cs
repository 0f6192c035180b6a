using System.Text;
using MiniExcelLibs;
using static IkmRegistry.Tests.Dashboard.DashboardPage;

namespace IkmRegistry.Tests.Dashboard;

public class ExportTests(RegistryApp app) : RegistryTest(app)
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await EdgeCases.ArrangeAsync(App);
    }

    private static async Task<List<IDictionary<string, object?>>> ReadXlsxAsync(HttpResponseMessage response)
    {
        using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        return [.. (await stream.QueryAsync(useHeaderRow: true)).Cast<IDictionary<string, object?>>()];
    }

    [Fact]
    public async Task The_kecamatan_table_exports_to_xlsx_with_Indonesian_headers_and_numeric_cells_equal_to_the_database()
    {
        using var browser = await SignedInAsync(App);
        var page = await browser.GetAsync("/Dashboard");
        var href = page.QuerySelector("#tabel-kecamatan a[data-export=xlsx]")!.GetAttribute("href")!;

        using var response = await browser.Client.GetAsync(href);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType!.MediaType);
        Assert.StartsWith("kecamatan-kota-", response.Content.Headers.ContentDisposition!.FileNameStar ?? response.Content.Headers.ContentDisposition.FileName, StringComparison.Ordinal);
        var rows = await ReadXlsxAsync(response);
        Assert.Equal(
            ["Kecamatan", "Kelurahan aktif", "Kelurahan dengan sentra aktif", "Cakupan (%)", "Kelurahan tanpa sentra", "Unit aktif", "Tenaga kerja"],
            rows[0].Keys);
        Assert.Equal(6, rows.Count);
        var pahandut = rows.Single(r => (string?)r["Kecamatan"] == "Pahandut");
        var expected = await App.GroupsAsync("""
            SELECT 'x', count(*), count(*) FILTER (WHERE EXISTS (SELECT 1 FROM sentra s WHERE s.kelurahan_id = k.id AND s.status = 'Aktif')),
                   (SELECT count(*) FROM industrial_unit u JOIN kelurahan k2 ON k2.id = u.kelurahan_id JOIN kecamatan c2 ON c2.id = k2.kecamatan_id
                     WHERE c2.code = '62.71.01' AND k2.retired_on IS NULL AND u.status = 'Aktif')
              FROM kelurahan k JOIN kecamatan c ON c.id = k.kecamatan_id WHERE c.code = '62.71.01' AND k.retired_on IS NULL
            """);
        // Numbers come back as numbers (numeric cells), not as text.
        Assert.Equal((double)expected["x"][0], Assert.IsType<double>(pahandut["Kelurahan aktif"]));
        Assert.Equal((double)expected["x"][1], Assert.IsType<double>(pahandut["Kelurahan dengan sentra aktif"]));
        Assert.Equal((double)expected["x"][2], Assert.IsType<double>(pahandut["Unit aktif"]));
        Assert.Equal(Math.Round(100.0 * expected["x"][1] / expected["x"][0], 1), Assert.IsType<double>(pahandut["Cakupan (%)"]), 3);
        Assert.Equal("Panarung, Tumbang Rungan", pahandut["Kelurahan tanpa sentra"]);
        var total = rows[^1];
        Assert.Equal("Jumlah", total["Kecamatan"]);
        Assert.Equal(30.0, total["Kelurahan aktif"]);
        Assert.Equal(22.0, total["Kelurahan dengan sentra aktif"]);
    }

    [Fact]
    public async Task The_csv_export_is_UTF8_with_BOM_semicolons_and_decimal_commas()
    {
        using var browser = await SignedInAsync(App);

        using var response = await browser.Client.GetAsync("/Dashboard/Export?tabel=kecamatan&format=csv");

        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("Kecamatan;Kelurahan aktif;Kelurahan dengan sentra aktif;Cakupan (%);Kelurahan tanpa sentra;Unit aktif;Tenaga kerja", lines[0]);
        Assert.Equal(7, lines.Length);
        var units = await App.ScalarAsync("SELECT count(*) FROM industrial_unit u JOIN kelurahan k ON k.id = u.kelurahan_id WHERE k.retired_on IS NULL AND u.status = 'Aktif'");
        Assert.StartsWith($"\"Jumlah\";30;22;73,3;", lines[^1], StringComparison.Ordinal);
        Assert.Contains($";{units};", lines[^1], StringComparison.Ordinal);
        Assert.Contains("\"Pahandut\";5;3;60,0;\"Panarung, Tumbang Rungan\";", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Business_names_that_look_like_formulas_are_neutralised_in_xlsx_and_csv()
    {
        using var browser = await SignedInAsync(App);

        using var xlsx = await browser.Client.GetAsync("/Dashboard/Export?tabel=unit&kelurahan=62.71.02.1006&format=xlsx");
        using var csv = await browser.Client.GetAsync("/Dashboard/Export?tabel=unit&kelurahan=62.71.02.1006&format=csv");

        var rows = await ReadXlsxAsync(xlsx);
        Assert.Equal(["Nama usaha", "Kategori", "Tenaga kerja", "Status", "Tanggal terdaftar", "NIB"], rows[0].Keys);
        Assert.Contains(rows, r => (string?)r["Nama usaha"] == "'=HYPERLINK(\"http://evil.example\")");
        Assert.DoesNotContain(rows, r => ((string?)r["Nama usaha"])?.StartsWith('=') == true);
        Assert.Equal(await App.ScalarAsync("SELECT count(*) FROM industrial_unit u JOIN kelurahan k ON k.id = u.kelurahan_id WHERE k.code = '62.71.02.1006'"), rows.Count);
        var text = Encoding.UTF8.GetString(await csv.Content.ReadAsByteArrayAsync());
        Assert.Contains("\n\"'=HYPERLINK(\"\"http://evil.example\"\")\";\"Pangan\";3;\"Aktif\";", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\n=", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\n\"=", text, StringComparison.Ordinal);
        // The possible-duplicates table names the units that share a NIK, never the NIK.
        using var duplicates = await browser.Client.GetAsync("/Dashboard/Export?tabel=kemungkinan-duplikat&format=csv");
        var duplicateText = await duplicates.Content.ReadAsStringAsync();
        Assert.Contains("\"NIK pemilik sama\";;\"'=HYPERLINK(\"\"http://evil.example\"\") · Usaha Satu Uji\";2", duplicateText, StringComparison.Ordinal);
        Assert.DoesNotContain(EdgeCases.SharedNik, duplicateText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_export_is_audited_with_the_user_and_the_table_only()
    {
        var email = await App.CreateUserAsync(Roles.Official);
        using var browser = new Browser(App);
        await browser.SignInAsync(email);

        using var response = await browser.Client.GetAsync("/Dashboard/Export?tabel=kategori&kecamatan=62.71.03&format=xlsx");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var db = App.NewDbContext();
        var userId = await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
        var entry = await db.AuditEntries.SingleAsync(a => a.Action == AuditAction.Export);
        Assert.Equal(userId, entry.UserId);
        Assert.Equal("DashboardTable", entry.EntityType);
        Assert.Equal("kategori:62.71.03:xlsx", entry.EntityId);
        Assert.Null(entry.Changes);
    }

    [Fact]
    public async Task Every_table_on_the_city_page_exports_with_the_headers_it_shows()
    {
        using var browser = await SignedInAsync(App);
        var page = await browser.GetAsync("/Dashboard");

        foreach (var table in page.QuerySelectorAll("table[data-table]"))
        {
            var key = table.GetAttribute("data-table")!;
            using var response = await browser.Client.GetAsync($"/Dashboard/Export?tabel={key}&format=xlsx");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var rows = await ReadXlsxAsync(response);
            Assert.Equal(Headers(page, key), rows[0].Keys);
            Assert.Equal(Rows(page, key).Count + Total(page, key).Length switch { 0 => 0, _ => 1 }, rows.Count);
        }
    }

    [Fact]
    public async Task A_user_reading_in_English_sees_English_headers_but_exports_in_Indonesian()
    {
        using var browser = await SignedInAsync(App);
        var page = await browser.GetAsync("/Dashboard");
        var form = page.QuerySelector<IHtmlFormElement>("form.language-switch")!;
        page = await browser.SubmitAsync(form, submitter: form.QuerySelectorAll<IHtmlButtonElement>("button").Single(b => b.Value == "en-GB"));
        Assert.Equal("Active kelurahan", Headers(page, "kecamatan")[1]);
        Assert.Contains("22 of 30 kelurahan have an active IKM centre (73.3 %)", Figure(page, "coverage"));

        using var response = await browser.Client.GetAsync("/Dashboard/Export?tabel=kecamatan&format=csv");

        var lines = (await response.Content.ReadAsStringAsync()).Split("\r\n");
        Assert.StartsWith("Kecamatan;Kelurahan aktif;", lines[0].TrimStart('\uFEFF'), StringComparison.Ordinal);
        Assert.StartsWith("\"Jumlah\";30;22;73,3;", lines[^2], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/Dashboard/Export?tabel=tidak-ada&format=csv")]
    [InlineData("/Dashboard/Export?tabel=kecamatan&format=pdf")]
    [InlineData("/Dashboard/Export?tabel=unit&format=csv")]
    [InlineData("/Dashboard/Export?tabel=kecamatan&format=csv&kelurahan=62.71.99.9999")]
    public async Task An_unknown_table_format_or_area_is_not_found(string url)
    {
        using var browser = await SignedInAsync(App);
        using var response = await browser.Client.GetAsync(url);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
