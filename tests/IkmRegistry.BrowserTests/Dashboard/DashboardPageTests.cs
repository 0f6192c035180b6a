namespace IkmRegistry.BrowserTests.Dashboard;

public class DashboardPageTests(BrowserApp app) : BrowserTest(app, withDemoData: true)
{
    private const string TumbangRungan = "62.71.01.1004";

    private async Task<IPage> SignInAsync(int width = 1280, int height = 900) =>
        await App.SignInAsync(await App.CreateUserAsync(Roles.Official), width, height);

    [Fact]
    public async Task An_official_sees_23_of_30_then_24_of_30_after_a_sentra_is_activated_in_a_kelurahan_without_one()
    {
        var page = await SignInAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Dasbor" }).ClickAsync();

        var coverage = page.Locator("[data-figure=coverage]");
        await Assertions.Expect(coverage).ToContainTextAsync("23 dari 30 kelurahan sudah memiliki sentra IKM aktif (76,7 %)");
        var candidates = page.Locator("table[data-table=calon-sentra] tbody tr");
        await Assertions.Expect(candidates).ToHaveCountAsync(7);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Di mana sentra berikutnya dapat dibentuk" })).ToBeVisibleAsync();
        // The map draws one area per kelurahan without any tile server, each with its name, and the charts are drawn.
        await Assertions.Expect(page.Locator("#peta path.leaflet-interactive")).ToHaveCountAsync(30);
        await Assertions.Expect(page.Locator("#peta .area-label-text")).ToHaveCountAsync(30);
        await Assertions.Expect(page.Locator(".leaflet-tile")).ToHaveCountAsync(0);
        Assert.Equal(8, await page.EvaluateAsync<int>("Array.from(document.querySelectorAll('canvas[data-chart]')).filter(c => Chart.getChart(c)).length"));
        await page.AssertNoSeriousViolationsAsync();

        // Staff form a sentra in Tumbang Rungan and activate it (through the database until the staff pages are merged).
        await using (var db = App.NewDbContext())
        {
            var kelurahan = await db.Kelurahan.SingleAsync(k => k.Code == TumbangRungan);
            var sentra = new Sentra
            {
                Name = "Sentra IKM Pangan Tumbang Rungan", Slug = "sentra-ikm-pangan-tumbang-rungan", KelurahanId = kelurahan.Id,
                FoundedOn = new DateOnly(2026, 11, 27), CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow,
            };
            db.Sentra.Add(sentra);
            await db.SaveChangesAsync();
            sentra.Status = SentraStatus.Aktif;
            await db.SaveChangesAsync();
        }

        await page.ReloadAsync();

        await Assertions.Expect(coverage).ToContainTextAsync("24 dari 30 kelurahan sudah memiliki sentra IKM aktif (80,0 %)");
        await Assertions.Expect(candidates).ToHaveCountAsync(6);
        await Assertions.Expect(page.Locator("table[data-table=calon-sentra]")).Not.ToContainTextAsync("Tumbang Rungan");
        await page.AssertNoSeriousViolationsAsync();
    }

    [Fact]
    public async Task An_official_drills_down_from_the_city_to_a_kecamatan_and_a_kelurahan_with_the_keyboard()
    {
        var page = await SignInAsync();
        await page.GotoAsync("/Dashboard");

        var kecamatan = page.Locator("table[data-table=kecamatan]").GetByRole(AriaRole.Link, new() { Name = "Rakumpit" });
        await kecamatan.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Kecamatan Rakumpit", Exact = false })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-figure=coverage]")).ToContainTextAsync("4 dari 7");
        await Assertions.Expect(page.Locator("#peta path.leaflet-interactive")).ToHaveCountAsync(7);
        await page.AssertNoSeriousViolationsAsync();

        var kelurahan = page.Locator("table[data-table=calon-sentra]").GetByRole(AriaRole.Link, new() { Name = "Bukit Sua" });
        await kelurahan.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Kelurahan Bukit Sua", Exact = false })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-figure=coverage]")).ToContainTextAsync("0 dari 1");
        await Assertions.Expect(page.Locator("table[data-table=unit] tbody tr").First).ToBeVisibleAsync();
        await page.AssertNoSeriousViolationsAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Kota Palangka Raya" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Dashboard$"));
    }

    [Theory]
    [InlineData("/Dashboard")]
    [InlineData("/Dashboard/Kecamatan/62.71.01")]
    [InlineData("/Dashboard/Kelurahan/62.71.01.1001")]
    public async Task On_a_phone_nothing_scrolls_sideways_and_axe_finds_nothing_serious(string url)
    {
        var page = await SignInAsync(390, 844);
        await page.GotoAsync(url);
        await Assertions.Expect(page.Locator("[data-figure=coverage]")).ToBeVisibleAsync();

        var overflow = await page.EvaluateAsync<bool>("document.documentElement.scrollWidth > document.documentElement.clientWidth");
        Assert.False(overflow, $"{url} scrolls sideways on a phone-sized screen");
        await page.AssertNoSeriousViolationsAsync();
    }
}
