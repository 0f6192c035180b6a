using IkmRegistry.BrowserTests.Infrastructure;
using IkmRegistry.Tests.Infrastructure;
using IkmRegistry.Web.Domain;
using IkmRegistry.Web.Pages.Registry;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
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

        await page.GetByLabel("Berkas xlsx atau CSV", new() { Exact = false }).SetInputFilesAsync(filled);
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
}
