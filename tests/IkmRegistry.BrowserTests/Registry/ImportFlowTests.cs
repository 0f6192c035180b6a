using IkmRegistry.Web.Pages.Registry;
using MiniExcelLibs;

namespace IkmRegistry.BrowserTests.Registry;

public class ImportFlowTests(BrowserApp app) : BrowserTest(app)
{
    [Fact]
    public async Task Staff_download_the_template_fill_it_upload_it_read_the_preview_confirm_and_find_the_units()
    {
        var page = await App.SignInAsync(await App.CreateUserAsync(Roles.Staff), 390, 844);

        await page.GotoAsync("/Registry/Units");
        await page.GetByRole(AriaRole.Link, new() { Name = "Impor dari lembar kerja" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Impor unit usaha", Level = 1 })).ToBeVisibleAsync();
        await page.AssertNoSeriousViolationsAsync();

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Templat xlsx" }).ClickAsync());
        var template = Path.Combine(Path.GetTempPath(), $"templat-{Guid.NewGuid():N}.xlsx");
        await download.SaveAsAsync(template);

        // Fill it as staff would: keep the headers, replace the example with three rows (one misspelt kelurahan, one wrong category).
        var headers = ((IDictionary<string, object>)(await MiniExcel.QueryAsync(template, useHeaderRow: true, sheetName: "Unit Usaha")).First()).Keys.ToList();
        Dictionary<string, object?> Row(string name, string kelurahan, string category) =>
            headers.ToDictionary(h => h, h => h switch
            {
                UnitSheet.BusinessName => name,
                UnitSheet.OwnerName => "Pemilik " + name,
                UnitSheet.Nik => "6271014508850003",
                UnitSheet.Kelurahan => kelurahan,
                UnitSheet.Category => category,
                UnitSheet.MainProducts => "kerupuk",
                UnitSheet.RegisteredOn => "20/11/2026",
                _ => (object?)null,
            });
        var filled = Path.Combine(Path.GetTempPath(), $"pendataan-{Guid.NewGuid():N}.xlsx");
        await MiniExcel.SaveAsAsync(filled, new[] { Row("Kerupuk Impor Satu", "Kelampangan", "Pangan"), Row("Kerupuk Impor Dua", "Menteng", "Pangan"), Row("Salah Kategori", "Menteng", "Otomotif") }, sheetName: "Unit Usaha");

        await page.GetByLabel("Berkas xlsx, CSV atau kiriman XML", new() { Exact = false }).SetInputFilesAsync(filled);
        await page.GetByRole(AriaRole.Button, new() { Name = "Unggah dan periksa" }).ClickAsync();

        // The page polls while the file is read in the background, then shows the preview.
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Pratinjau" })).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Assertions.Expect(page.Locator("#count-new")).ToHaveTextAsync("2");
        await Assertions.Expect(page.Locator("#count-error")).ToHaveTextAsync("1");
        await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = "Kategori \"Otomotif\" tidak dikenal", Exact = false })).ToBeVisibleAsync();
        await page.AssertNoSeriousViolationsAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Simpan 2 unit baru dan 0 pembaruan" }).ClickAsync();
        await Assertions.Expect(page.Locator(".alert-success")).ToContainTextAsync("2 unit baru", new() { Timeout = 60_000 });
        await page.AssertNoSeriousViolationsAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Lihat unit usaha" }).ClickAsync();
        await page.GetByLabel("Cari nama usaha, pemilik, NIB atau produk").FillAsync("Kerupuk Impor");
        await page.GetByLabel("Cari nama usaha, pemilik, NIB atau produk").PressAsync("Enter");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Kerupuk Impor Satu" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Kerupuk Impor Dua" })).ToBeVisibleAsync();

        await using var db = App.NewDbContext();
        Assert.Equal("Kalampangan", await db.IndustrialUnits.Where(u => u.BusinessName == "Kerupuk Impor Satu").Select(u => u.Kelurahan.Name).SingleAsync());
        File.Delete(template);
        File.Delete(filled);
    }

    /// <summary>One sheet per kecamatan, each as offices keep them: title rows, a header over two rows with TENAGA KERJA merged over L and P, KOMODITI, money as text, KBLI without category, owners without NIK, a JUMLAH row.</summary>
    private static object?[][] KecamatanSheet(string kecamatan, params (string Name, string Kelurahan, string Kbli, string Investment)[] units) =>
    [
        [$"DATA IKM KECAMATAN {kecamatan.ToUpperInvariant()} KOTA PALANGKA RAYA"],
        ["KEADAAN S/D 31 DESEMBER 2025"],
        ["NO", "NAMA PERUSAHAAN", "NAMA PEMILIK", "KELURAHAN", "KOMODITI", "KBLI", "TENAGA KERJA", null, "NILAI INVESTASI (Rp)"],
        [null, null, null, null, null, null, "L", "P", null],
        .. units.Select((u, i) => new object?[] { i + 1d, u.Name, "Pemilik " + u.Name, u.Kelurahan, "produk " + u.Name, u.Kbli, 1d, 2d, u.Investment }),
        ["JUMLAH", null, null, null, null, null, (double)units.Length, 2d * units.Length, null],
    ];

    [Fact]
    public async Task On_a_phone_staff_import_an_agency_workbook_of_two_kecamatan_sheets_choose_the_sheets_read_the_preview_and_find_the_units()
    {
        var file = Path.Combine(Path.GetTempPath(), $"data-ikm-{Guid.NewGuid():N}.xlsx");
        string[] merges = ["A3:A4", "B3:B4", "C3:C4", "D3:D4", "E3:E4", "F3:F4", "G3:H3", "I3:I4"];
        await File.WriteAllBytesAsync(file, new IkmRegistry.Tests.Registry.Import.AgencyWorkbook()
            .Sheet("Kec. Pahandut", KecamatanSheet("Pahandut", ("Amplang Agensi Satu", "Pahandut", "10750", "Rp 25.000.000"), ("Kerupuk Agensi Dua", "Pahandut Sebrang", "10792", "25 jt")), merges)
            .Sheet("Kec. Jekan Raya", KecamatanSheet("Jekan Raya", ("Rotan Agensi Tiga", "Menteng", "16291", "1,5 M")), merges)
            .ToBytes());
        var page = await App.SignInAsync(await App.CreateUserAsync(Roles.Staff), 390, 844);

        await page.GotoAsync("/Registry/Import");
        await page.GetByLabel("Berkas xlsx, CSV atau kiriman XML", new() { Exact = false }).SetInputFilesAsync(file);
        await page.GetByRole(AriaRole.Button, new() { Name = "Unggah dan periksa" }).ClickAsync();

        // Both sheets hold a table laid out the same way: both are offered, ticked.
        await Assertions.Expect(page.GetByText("Pilih lembar yang diimpor")).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Assertions.Expect(page.GetByRole(AriaRole.Checkbox, new() { Name = "Kec. Pahandut", Exact = false })).ToBeCheckedAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Checkbox, new() { Name = "Kec. Jekan Raya", Exact = false })).ToBeCheckedAsync();
        await page.AssertNoSeriousViolationsAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Baca lembar yang dipilih" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Pratinjau" })).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Assertions.Expect(page.Locator("#count-new")).ToHaveTextAsync("3");
        await Assertions.Expect(page.Locator("#count-error")).ToHaveTextAsync("0");
        // No NIB and no NIK: saved, as needing verification.
        await Assertions.Expect(page.Locator("#count-incomplete")).ToHaveTextAsync("3");
        await Assertions.Expect(page.GetByText("3 baris mendapat kategori dari kode KBLI-nya", new() { Exact = false })).ToBeVisibleAsync();
        await page.AssertNoSeriousViolationsAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Simpan 3 unit baru dan 0 pembaruan" }).ClickAsync();
        await Assertions.Expect(page.Locator(".alert-success")).ToContainTextAsync("3 unit baru", new() { Timeout = 60_000 });
        await page.AssertNoSeriousViolationsAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Lihat unit usaha" }).ClickAsync();
        await page.GetByLabel("Cari nama usaha, pemilik, NIB atau produk").FillAsync("Agensi");
        await page.GetByLabel("Cari nama usaha, pemilik, NIB atau produk").PressAsync("Enter");
        foreach (var name in new[] { "Amplang Agensi Satu", "Kerupuk Agensi Dua", "Rotan Agensi Tiga" })
        {
            await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = name })).ToBeVisibleAsync();
        }

        await using var db = App.NewDbContext();
        var units = await db.IndustrialUnits.OrderBy(u => u.BusinessName)
            .Select(u => new { u.BusinessName, Kelurahan = u.Kelurahan.Name, Category = u.Category.Code, u.InvestmentValue, u.WorkersMale, u.WorkersFemale }).ToListAsync();
        Assert.Equal(["Pahandut", "Pahandut Seberang", "Menteng"], units.Select(u => u.Kelurahan));
        Assert.Equal(["pangan", "pangan", "kerajinan"], units.Select(u => u.Category));
        Assert.Equal([25_000_000m, 25_000_000m, 1_500_000_000m], units.Select(u => u.InvestmentValue!.Value));
        Assert.All(units, u => Assert.Equal((1, 2), (u.WorkersMale, u.WorkersFemale)));
        File.Delete(file);
    }
}
