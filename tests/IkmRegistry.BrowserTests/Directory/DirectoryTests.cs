using System.Text.RegularExpressions;

namespace IkmRegistry.BrowserTests.Directory;

public partial class DirectoryTests(BrowserApp app) : BrowserTest(app, withDemoData: true)
{
    [GeneratedRegex("kecamatan=62\\.71\\.05")]
    private static partial Regex RakumpitInUrl();

    [Fact]
    public async Task An_anonymous_visitor_filters_the_directory_opens_a_sentra_sees_its_map_and_reads_it_in_English()
    {
        int rakumpitSentra;
        await using (var db = App.NewDbContext())
        {
            rakumpitSentra = await db.Sentra.CountAsync(s => s.Status == SentraStatus.Aktif && s.Kelurahan.Kecamatan.Code == "62.71.05");
        }

        var page = await App.NewPageAsync();
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Link, new() { Name = "Direktori Sentra", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Direktori Sentra IKM", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".sentra-entry")).ToHaveCountAsync(10);
        await page.AssertNoSeriousViolationsAsync();

        await page.GetByLabel("Kecamatan", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Rakumpit" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Tampilkan" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(RakumpitInUrl());
        await Assertions.Expect(page.Locator(".sentra-entry")).ToHaveCountAsync(rakumpitSentra);
        await Assertions.Expect(page.GetByLabel("Kecamatan", new() { Exact = true })).ToHaveValueAsync("62.71.05");
        // Once a kecamatan is chosen, the kelurahan list offers only its 7 kelurahan (and "all").
        await Assertions.Expect(page.Locator("#kelurahan option:enabled")).ToHaveCountAsync(8);
        await page.AssertNoSeriousViolationsAsync();

        // Search from the keyboard: type, then Enter submits the form.
        var search = page.GetByLabel("Nama atau produk");
        await search.FillAsync("Gaung Baru");
        await search.PressAsync("Enter");
        await Assertions.Expect(page.Locator(".sentra-entry")).ToHaveCountAsync(1);

        var link = page.Locator(".sentra-entry .card-title a");
        var name = (await link.TextContentAsync())!.Trim();
        await link.ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = name, Level = 1 })).ToBeVisibleAsync();
        Assert.Matches("/Directory/Sentra/[a-z0-9-]+$", page.Url);

        // The map draws without any tile server: the sentra's marker and its label on a plain background.
        await Assertions.Expect(page.Locator(".directory-map.leaflet-container")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("path.map-point-sentra")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator(".leaflet-tooltip", new() { HasText = name })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".leaflet-tile")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Usaha anggota" })).ToBeVisibleAsync();
        await page.AssertNoSeriousViolationsAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "English" }).ClickAsync();
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Member businesses" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = name, Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("path.map-point-sentra")).ToHaveCountAsync(1);
        await page.AssertNoSeriousViolationsAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "IKM Centre Directory" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "City overview: centres per kelurahan" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-figure=coverage-percent]")).ToHaveTextAsync("76.7 %");
        await Assertions.Expect(page.Locator("path.area-uncovered")).ToHaveCountAsync(7);
        await page.AssertNoSeriousViolationsAsync();
    }

    [Fact]
    public async Task On_a_phone_the_directory_pages_do_not_scroll_sideways()
    {
        string slug;
        await using (var db = App.NewDbContext())
        {
            slug = await db.Sentra.OrderByDescending(s => s.Name.Length).Select(s => s.Slug).FirstAsync();
        }

        var page = await App.NewPageAsync(390, 844);
        foreach (var url in new[] { "/Directory", $"/Directory/Sentra/{slug}", "/Directory/Kelurahan/tumbang-rungan", "/Directory/Overview", "/Directory/OpenData" })
        {
            await page.GotoAsync(url);
            var overflow = await page.EvaluateAsync<bool>("document.documentElement.scrollWidth > document.documentElement.clientWidth");
            Assert.False(overflow, $"{url} scrolls sideways on a phone-sized screen");
            await page.AssertNoSeriousViolationsAsync();
        }
    }

    [Fact]
    public async Task Without_JavaScript_the_filters_and_the_sentra_page_still_work()
    {
        await using var context = await App.Chromium.NewContextAsync(new BrowserNewContextOptions { BaseURL = App.BaseUrl, JavaScriptEnabled = false });
        var page = await context.NewPageAsync();

        await page.GotoAsync("/Directory");
        await page.GetByRole(AriaRole.Combobox, new() { Name = "Kategori produk" }).SelectOptionAsync(new SelectOptionValue { Value = "pangan" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Tampilkan" }).ClickAsync();
        Assert.Contains("kategori=pangan", page.Url);
        await page.Locator(".sentra-entry .card-title a").First.ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Usaha anggota" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("Peta tampil bila JavaScript aktif.")).ToBeVisibleAsync();
    }
}
