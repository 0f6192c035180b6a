namespace IkmRegistry.BrowserTests.Registry;

/// <summary>The officer's phone (issue 16): the unit form at 360 px, a position from the browser, and the unit on the kelurahan map.</summary>
public class PositionFlowTests(BrowserApp app) : BrowserTest(app)
{
    private static Task<bool> ScrollsSidewaysAsync(IPage page) =>
        page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth");

    [Fact]
    public async Task On_a_360_px_screen_staff_take_the_position_keep_it_through_a_failed_save_and_find_the_unit_on_the_kelurahan_map()
    {
        var page = await App.SignInAsync(await App.CreateUserAsync(Roles.Staff), 360, 740);
        // The phone stands in a workshop in Menteng.
        await page.Context.GrantPermissionsAsync(["geolocation"]);
        await page.Context.SetGeolocationAsync(new Geolocation { Latitude = -2.24352f, Longitude = 113.89744f, Accuracy = 6 });

        await page.GotoAsync("/Registry/Units/Create");
        Assert.False(await ScrollsSidewaysAsync(page), "The unit form scrolls sideways at 360 px");
        await page.AssertNoSeriousViolationsAsync();

        await page.Locator("[name='Input.BusinessName']").FillAsync("Amplang Posisi Menteng");
        await page.Locator("[name='Input.OwnerName']").FillAsync("Rina Posisi");
        await page.Locator("[name='Input.Nik']").FillAsync("12345");
        await page.Locator("[name='Input.KelurahanId']").SelectOptionAsync(new SelectOptionValue { Label = "Menteng" });
        await page.Locator("[name='Input.CategoryId']").SelectOptionAsync(new SelectOptionValue { Label = "Pangan" });
        await page.Locator("[name='Input.RegisteredOn']").FillAsync("2026-11-20");
        await page.GetByRole(AriaRole.Button, new() { Name = "Ambil posisi dari perangkat" }).ClickAsync();
        await Assertions.Expect(page.Locator("#position-status")).ToContainTextAsync("Posisi diambil");
        await Assertions.Expect(page.Locator("[name='Input.Latitude']")).ToHaveValueAsync("-2.243520");
        await Assertions.Expect(page.Locator("[name='Input.PositionSource']")).ToHaveValueAsync("Geopoint");

        // A wrong NIK: the save fails, and everything typed and taken is still there.
        await page.Locator("main form").GetByRole(AriaRole.Button, new() { Name = "Simpan" }).ClickAsync();
        await Assertions.Expect(page.Locator("#Nik-error")).ToContainTextAsync("NIK harus 16 digit angka.");
        await Assertions.Expect(page.Locator("[name='Input.Latitude']")).ToHaveValueAsync("-2.243520");
        await Assertions.Expect(page.Locator("[name='Input.Longitude']")).ToHaveValueAsync("113.897440");
        await Assertions.Expect(page.Locator("[name='Input.BusinessName']")).ToHaveValueAsync("Amplang Posisi Menteng");
        Assert.False(await ScrollsSidewaysAsync(page), "The unit form with its errors scrolls sideways at 360 px");

        await page.Locator("[name='Input.Nik']").FillAsync("6271034107900002");
        await page.Locator("main form").GetByRole(AriaRole.Button, new() { Name = "Simpan" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-field=latitude]")).ToContainTextAsync("-2,24352");

        await page.GotoAsync("/Registry/Units");
        await page.GetByRole(AriaRole.Link, new() { Name = "Peta per kelurahan" }).ClickAsync();
        await page.GetByLabel("Kelurahan", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Menteng (Kec. Jekan Raya)" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Tampilkan" }).ClickAsync();
        await Assertions.Expect(page.Locator("#point-list")).ToContainTextAsync("Amplang Posisi Menteng");
        await Assertions.Expect(page.Locator("#unit-map .unit-point")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#unit-map .unit-map-boundary")).ToHaveCountAsync(1);
        Assert.False(await ScrollsSidewaysAsync(page), "The map page scrolls sideways at 360 px");
        await page.AssertNoSeriousViolationsAsync();

        await using var db = App.NewDbContext();
        var unit = await db.IndustrialUnits.SingleAsync();
        Assert.Equal((PositionSource.Geopoint, PositionCheck.DalamKelurahan, 6d), (unit.PositionSource!.Value, unit.PositionCheck!.Value, unit.PositionAccuracy!.Value));
    }
}
