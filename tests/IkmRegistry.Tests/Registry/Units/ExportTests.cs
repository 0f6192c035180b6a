using System.Text.Json;
using IkmRegistry.Web.Pages.Registry;
using MiniExcelLibs;
using static IkmRegistry.Tests.Registry.ExportFiles;

namespace IkmRegistry.Tests.Registry.Units;

public class ExportTests(RegistryApp app) : RegistryTest(app)
{
    private const string Marker = "PENANDA-RAHASIA";

    private Task<Browser> SignedInAsync(string role) => App.SignedInAsync(role);

    /// <summary>A unit with every field filled, each private text field carrying the marker.</summary>
    private Task<IndustrialUnit> FullUnitAsync(string name = "Amplang Lengkap", string? nib = "9120000000007") => Seed.UnitAsync(App, name, nib: nib, configure: u =>
    {
        u.OwnerName = $"{Marker} Pemilik";
        u.Nik = "6271014508850003";
        u.Address = $"{Marker} Jalan Tjilik Riwut";
        u.Phone = "+6281234567890";
        u.KbliCode = "10792";
        u.KbliEdition = KbliEdition.Kbli2020;
        u.WorkersMale = 3;
        u.WorkersFemale = 4;
        u.InvestmentValue = 987654321.5m;
        u.ProductionValuePerYear = 123456789m;
        u.ProductionCapacity = 2500.25m;
        u.ProductionCapacityUnit = $"{Marker} kg";
        u.YearStarted = 2015;
        u.LegalForm = LegalForm.UsahaDagang;
        u.PublicConsent = true;
        u.PublicConsentOn = new DateOnly(2025, 4, 2);
        u.DataSource = "Pendataan 2025";
    });

    private static async Task<List<IDictionary<string, object?>>> XlsxAsync(HttpResponseMessage response, string? sheet = null)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(SheetExport.XlsxContentType, response.Content.Headers.ContentType!.MediaType);
        return await SheetRowsAsync(await response.Content.ReadAsByteArrayAsync(), sheet);
    }

    private static List<string> XlsxHeaders(byte[] file)
    {
        using var stream = new MemoryStream(file);
        return [.. ((IDictionary<string, object?>)stream.Query().First()).Values.Select(v => (string)v!)];
    }

    [Fact]
    public async Task The_export_links_on_the_list_carry_its_filters_and_the_export_holds_only_the_filtered_units()
    {
        await Seed.UnitAsync(App, "Amplang Pahandut", "62.71.01.1001", nib: "9120000000001");
        await Seed.UnitAsync(App, "Kerupuk Pahandut", "62.71.01.1001");
        await Seed.UnitAsync(App, "Mebel Menteng", "62.71.03.1002", category: "kayu");
        await Seed.UnitAsync(App, "Tutup Menteng", "62.71.03.1002", configure: u => u.Status = UnitStatus.Tutup);
        await using var db = App.NewDbContext();
        var menteng = db.Kelurahan.Single(k => k.Code == "62.71.03.1002").Id;
        using var browser = await SignedInAsync(Roles.Official);

        var list = await browser.GetAsync($"/Registry/Units?kelurahan={menteng}&status=Aktif&halaman=1");
        var xlsxHref = list.QuerySelector("a[data-export=xlsx]")!.GetAttribute("href")!;
        var csvHref = list.QuerySelector("a[data-export=csv]")!.GetAttribute("href")!;

        Assert.Contains($"kelurahan={menteng}", xlsxHref, StringComparison.Ordinal);
        Assert.Contains("status=Aktif", xlsxHref, StringComparison.Ordinal);
        Assert.DoesNotContain("halaman=", xlsxHref, StringComparison.Ordinal);
        using var xlsx = await browser.Client.GetAsync(xlsxHref);
        var rows = await XlsxAsync(xlsx);
        Assert.Equal(["Mebel Menteng"], rows.Select(r => (string?)r[UnitSheet.BusinessName]));
        using var csv = await browser.Client.GetAsync(csvHref);
        var lines = await CsvLinesAsync(csv);
        Assert.Equal(2, lines.Length);
        Assert.Contains(";\"Mebel Menteng\";", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("unit-usaha-", xlsx.Content.Headers.ContentDisposition!.FileNameStar, StringComparison.Ordinal);
        Assert.EndsWith(".xlsx", xlsx.Content.Headers.ContentDisposition.FileNameStar, StringComparison.Ordinal);

        using var search = await browser.Client.GetAsync("/Registry/Units/Export?format=xlsx&q=pahandut&nib=ada");
        Assert.Equal(["Amplang Pahandut"], (await XlsxAsync(search)).Select(r => (string?)r[UnitSheet.BusinessName]));
    }

    [Fact]
    public async Task Staff_get_every_column_of_the_unit_sheet_with_numbers_dates_and_identifiers_typed()
    {
        var unit = await FullUnitAsync();
        var sentra = await Seed.SentraAsync(App);
        await using (var db = App.NewDbContext())
        {
            db.Memberships.Add(new Membership { SentraId = sentra.Id, UnitId = unit.Id, JoinedOn = new DateOnly(2024, 1, 1) });
            await db.SaveChangesAsync();
        }

        using var browser = await SignedInAsync(Roles.Staff);

        using var response = await browser.Client.GetAsync("/Registry/Units/Export?format=xlsx");

        var file = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(UnitSheet.Columns, XlsxHeaders(file));
        using var stream = new MemoryStream(file);
        var row = (IDictionary<string, object?>)(await stream.QueryAsync(useHeaderRow: true)).Single();
        Assert.Equal((double)unit.Id, Assert.IsType<double>(row[UnitSheet.Id]));
        Assert.Equal("9120000000007", Assert.IsType<string>(row[UnitSheet.Nib]));
        Assert.Equal("6271014508850003", Assert.IsType<string>(row[UnitSheet.Nik]));
        Assert.Equal($"{Marker} Pemilik", row[UnitSheet.OwnerName]);
        Assert.Equal("62.71.01.1001", row[UnitSheet.KelurahanCode]);
        Assert.Equal("Pahandut", row[UnitSheet.Kelurahan]);
        Assert.Equal("Pahandut", row[UnitSheet.Kecamatan]);
        Assert.Equal("Pangan", row[UnitSheet.Category]);
        Assert.Equal("10792", Assert.IsType<string>(row[UnitSheet.Kbli]));
        Assert.Equal(2020.0, row[UnitSheet.KbliEdition]);
        Assert.Equal("081234567890", row[UnitSheet.Phone]);
        Assert.Equal(3.0, Assert.IsType<double>(row[UnitSheet.WorkersMale]));
        Assert.Equal(4.0, Assert.IsType<double>(row[UnitSheet.WorkersFemale]));
        Assert.Equal(987654321.5, Assert.IsType<double>(row[UnitSheet.Investment]));
        Assert.Equal(123456789.0, Assert.IsType<double>(row[UnitSheet.ProductionValue]));
        Assert.Equal(2500.25, Assert.IsType<double>(row[UnitSheet.Capacity]));
        Assert.Equal(2015.0, row[UnitSheet.YearStarted]);
        Assert.Equal("Usaha Dagang (UD)", row[UnitSheet.LegalForm]);
        Assert.Equal("Aktif", row[UnitSheet.Status]);
        Assert.Null(row[UnitSheet.ClosedOn]);
        Assert.Equal("Ya", row[UnitSheet.PublicConsent]);
        Assert.Equal(new DateTime(2025, 4, 2), Assert.IsType<DateTime>(row[UnitSheet.PublicConsentOn]));
        Assert.Equal(new DateTime(2025, 3, 14), Assert.IsType<DateTime>(row[UnitSheet.RegisteredOn]));
        Assert.Equal("Pendataan 2025", row[UnitSheet.DataSource]);
        Assert.Equal(sentra.Slug, row[UnitSheet.Sentra]);

        using var csv = await browser.Client.GetAsync("/Registry/Units/Export?format=csv");
        var lines = await CsvLinesAsync(csv);
        Assert.Equal(string.Join(';', UnitSheet.Columns), lines[0]);
        var fields = lines[1].Split(';').Select(f => f.Trim('"')).ToArray();
        Assert.Equal(UnitSheet.Columns.Length, fields.Length);
        string Field(string column) => fields[Array.IndexOf(UnitSheet.Columns, column)];
        Assert.Equal("6271014508850003", Field(UnitSheet.Nik));
        Assert.Equal("987654321,5", Field(UnitSheet.Investment));
        Assert.Equal("2500,25", Field(UnitSheet.Capacity));
        Assert.Equal("123456789", Field(UnitSheet.ProductionValue));
        Assert.Equal("14/03/2025", Field(UnitSheet.RegisteredOn));
        Assert.Equal("02/04/2025", Field(UnitSheet.PublicConsentOn));
        Assert.Equal("081234567890", Field(UnitSheet.Phone));
        Assert.Equal("2020", Field(UnitSheet.KbliEdition));
    }

    [Fact]
    public async Task Officials_get_no_private_columns_and_no_private_values_in_either_format()
    {
        await FullUnitAsync();
        using var browser = await SignedInAsync(Roles.Official);
        var expected = UnitSheet.Columns.Where(c => !UnitSheet.PrivateColumns.Contains(c)).ToList();

        using var xlsx = await browser.Client.GetAsync("/Registry/Units/Export?format=xlsx");
        using var csv = await browser.Client.GetAsync("/Registry/Units/Export?format=csv");

        var file = await xlsx.Content.ReadAsByteArrayAsync();
        Assert.Equal(expected, XlsxHeaders(file));
        Assert.DoesNotContain(UnitSheet.Nik, XlsxHeaders(file));
        using (var stream = new MemoryStream(file))
        {
            var values = (await stream.QueryAsync()).Cast<IDictionary<string, object?>>().SelectMany(r => r.Values).Select(v => v?.ToString() ?? "").ToList();
            Assert.DoesNotContain(values, v => v.Contains(Marker, StringComparison.Ordinal) || v.Contains("6271014508850003", StringComparison.Ordinal)
                || v.Contains("0812", StringComparison.Ordinal) || v.Contains("987654321", StringComparison.Ordinal) || v.Contains("123456789", StringComparison.Ordinal));
            Assert.Contains("Amplang Lengkap", values);
        }

        var text = string.Join("\n", await CsvLinesAsync(csv));
        Assert.StartsWith(string.Join(';', expected) + "\n", text, StringComparison.Ordinal);
        foreach (var secret in new[] { Marker, "6271014508850003", "0812", "+62", "987654321", "123456789", "2500" })
        {
            Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Business_names_that_look_like_formulas_are_neutralised_in_xlsx_and_csv()
    {
        await Seed.UnitAsync(App, "=1+2");
        await Seed.UnitAsync(App, "@SUM(A1)", configure: u => u.MainProducts = "-kerupuk; +amplang");
        using var browser = await SignedInAsync(Roles.Staff);

        using var xlsx = await browser.Client.GetAsync("/Registry/Units/Export?format=xlsx");
        using var csv = await browser.Client.GetAsync("/Registry/Units/Export?format=csv");

        var rows = await XlsxAsync(xlsx);
        Assert.Equal(["'=1+2", "'@SUM(A1)"], rows.Select(r => (string?)r[UnitSheet.BusinessName]).Order(StringComparer.Ordinal));
        Assert.Contains(rows, r => (string?)r[UnitSheet.MainProducts] == "'-kerupuk; +amplang");
        Assert.All(rows.SelectMany(r => r.Values).OfType<string>(), v => Assert.False(v.Length > 0 && v[0] is '=' or '+' or '-' or '@', v));
        var lines = await CsvLinesAsync(csv);
        Assert.Contains(lines, l => l.Contains(";\"'=1+2\";", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains(";\"'@SUM(A1)\";", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains(";\"'-kerupuk; +amplang\";", StringComparison.Ordinal));
        Assert.DoesNotContain(lines.SelectMany(l => l.Split(';')), f => f.TrimStart('"').Length > 0 && f.TrimStart('"')[0] is '=' or '+' or '@');
        Assert.Equal("=1+2", UnitSheet.Restore("'=1+2"));
    }

    [Fact]
    public async Task Each_export_writes_one_audit_entry_with_the_user_filters_and_row_count()
    {
        await Seed.UnitAsync(App, "Amplang Satu");
        await Seed.UnitAsync(App, "Amplang Dua");
        await Seed.UnitAsync(App, "Kerupuk Tiga", "62.71.03.1002");
        var email = await App.CreateUserAsync(Roles.Official);
        using var browser = new Browser(App);
        await browser.SignInAsync(email);
        await using var db = App.NewDbContext();
        var pahandut = db.Kelurahan.Single(k => k.Code == "62.71.01.1001").Id;

        using (var response = await browser.Client.GetAsync($"/Registry/Units/Export?format=csv&kelurahan={pahandut}&q=Sari%20Wulandari"))
        {
            Assert.Equal(2, (await CsvLinesAsync(response)).Length - 1);
        }

        using (var response = await browser.Client.GetAsync("/Registry/Units/Export?format=xlsx"))
        {
            Assert.Equal(3, (await XlsxAsync(response)).Count);
        }

        var userId = await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
        var entries = await db.AuditEntries.AsNoTracking().Where(a => a.Action == AuditAction.Export).OrderBy(a => a.Id).ToListAsync();
        Assert.Equal(2, entries.Count);
        Assert.All(entries, e => Assert.Equal(userId, e.UserId));
        Assert.All(entries, e => Assert.Equal("UnitExport", e.EntityType));
        Assert.Equal(["unit:csv", "unit:xlsx"], entries.Select(e => e.EntityId));
        var first = Changes(entries[0]);
        Assert.Equal($"q=…, kelurahan={pahandut}", first["Filters"].GetString());
        Assert.Equal(2, first["Rows"].GetInt32());
        Assert.Equal("Tidak", first["PrivateColumns"].GetString());
        Assert.Equal("Ya", first["Complete"].GetString());
        Assert.Equal(3, Changes(entries[1])["Rows"].GetInt32());
        Assert.DoesNotContain("Wulandari", entries[0].Changes, StringComparison.Ordinal);
        Assert.DoesNotContain("Amplang", entries[1].Changes, StringComparison.Ordinal);

        // The admin's audit page shows the entry readably.
        using var admin = await SignedInAsync(Roles.Admin);
        var audit = await admin.GetAsync("/Admin/Audit");
        Assert.Contains("daftar unit usaha", audit.Body!.TextContent, StringComparison.Ordinal);
    }

    private static Dictionary<string, JsonElement> Changes(AuditEntry entry) =>
        JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(entry.Changes!)!;

    [Fact]
    public async Task An_export_of_nothing_still_has_its_header_row_and_an_unknown_format_is_not_found()
    {
        using var browser = await SignedInAsync(Roles.Staff);

        using var xlsx = await browser.Client.GetAsync("/Registry/Units/Export?format=xlsx&q=tidak-ada-apa-apa");
        Assert.Equal(UnitSheet.Columns, XlsxHeaders(await xlsx.Content.ReadAsByteArrayAsync()));
        using var pdf = await browser.Client.GetAsync("/Registry/Units/Export?format=pdf");
        Assert.Equal(HttpStatusCode.NotFound, pdf.StatusCode);
        using var none = await browser.Client.GetAsync("/Registry/Units/Export");
        Assert.Equal(HttpStatusCode.NotFound, none.StatusCode);
    }
}
