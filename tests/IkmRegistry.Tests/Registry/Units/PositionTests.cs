namespace IkmRegistry.Tests.Registry.Units;

/// <summary>A unit's place on the map: optional, private, saved even when it lies outside its kelurahan, and then flagged.</summary>
public class PositionTests(RegistryApp app) : RegistryTest(app)
{
    private const string Menteng = "62.71.03.1002";

    private Task<Browser> StaffAsync() => App.SignedInAsync(Roles.Staff);

    private Task<Dictionary<string, string>> FormAsync(string latitude, string longitude) =>
        UnitForm.ValidAsync(App, kelurahan: Menteng, with: new Dictionary<string, string>
        {
            ["Input.Latitude"] = latitude,
            ["Input.Longitude"] = longitude,
            ["Input.PositionAccuracy"] = "7,5",
        });

    private static string[] Reasons(IDocument page) => [.. page.QuerySelectorAll("#data-issues [data-issue]").Select(i => i.GetAttribute("data-issue")!)];

    [Fact]
    public async Task A_position_typed_with_a_decimal_comma_inside_its_kelurahan_is_saved_typed_and_dated_without_a_flag()
    {
        using var browser = await StaffAsync();
        var page = await UnitForm.SubmitAsync(browser, await FormAsync("-2,24352", "113,89744"));

        Assert.StartsWith("/Registry/Units/Details/", browser.LastUrl!.AbsolutePath);
        Assert.Empty(Reasons(page));
        await using var db = App.NewDbContext();
        var unit = await db.IndustrialUnits.SingleAsync();
        Assert.Equal(-2.24352, unit.Latitude);
        Assert.Equal(113.89744, unit.Longitude);
        Assert.Equal(7.5, unit.PositionAccuracy);
        Assert.Equal(PositionSource.Diketik, unit.PositionSource);
        Assert.Equal(PositionCheck.DalamKelurahan, unit.PositionCheck);
        Assert.NotNull(unit.PositionTakenAt);
        Assert.Contains("113,89744", page.QuerySelector("[data-field=longitude]")!.TextContent);
    }

    [Fact]
    public async Task A_position_in_another_kelurahan_is_saved_and_flagged_and_moving_it_back_clears_the_flag()
    {
        using var browser = await StaffAsync();
        // Pahandut's centroid, for a unit registered in Menteng.
        var page = await UnitForm.SubmitAsync(browser, await FormAsync("-2.19975", "113.95033"));

        Assert.StartsWith("/Registry/Units/Details/", browser.LastUrl!.AbsolutePath);
        Assert.Equal(["posisi-luar-kelurahan"], Reasons(page));
        int id;
        await using (var db = App.NewDbContext())
        {
            var unit = await db.IndustrialUnits.SingleAsync();
            id = unit.Id;
            Assert.Equal(PositionCheck.LuarKelurahan, unit.PositionCheck);
            Assert.Equal(1, await db.IndustrialUnits.CountAsync(DataQuality.Has(DataIssue.PositionOutsideKelurahan)));
        }

        var edit = await browser.GetAsync($"/Registry/Units/Edit/{id}");
        page = await browser.SubmitAsync(edit.QuerySelector<IHtmlFormElement>("main form")!, new Dictionary<string, string>
        {
            ["Input.Latitude"] = "-2.24352",
            ["Input.Longitude"] = "113.89744",
        });
        Assert.Empty(Reasons(page));
        await using (var db = App.NewDbContext())
        {
            Assert.Equal(PositionCheck.DalamKelurahan, (await db.IndustrialUnits.SingleAsync()).PositionCheck);
        }
    }

    [Fact]
    public async Task A_position_outside_the_city_but_in_the_province_is_saved_and_flagged_outside_the_city()
    {
        using var browser = await StaffAsync();
        // Sampit, Kotawaringin Timur.
        var page = await UnitForm.SubmitAsync(browser, await FormAsync("-2.5316", "112.9511"));

        Assert.Equal(["posisi-luar-kota"], Reasons(page));
        await using var db = App.NewDbContext();
        Assert.Equal(1, await db.IndustrialUnits.CountAsync(DataQuality.InStatus(DataStatus.PerluVerifikasi)));
    }

    [Theory]
    [InlineData("0", "0", "Posisi 0, 0 bukan lokasi usaha")]
    [InlineData("5.5483", "95.3238", "di luar Provinsi Kalimantan Tengah")] // Banda Aceh
    [InlineData("-2.24352", "", "Isi lintang dan bujur bersama")]
    public async Task An_impossible_position_is_refused_beside_the_field_and_everything_typed_is_kept(string latitude, string longitude, string message)
    {
        using var browser = await StaffAsync();
        var page = await UnitForm.SubmitAsync(browser, await FormAsync(latitude, longitude));

        Assert.Equal("/Registry/Units/Create", browser.LastUrl!.AbsolutePath);
        Assert.Contains(message, page.QuerySelector("#Latitude-error")!.TextContent);
        Assert.Equal(latitude, page.QuerySelector<IHtmlInputElement>("[name='Input.Latitude']")!.Value);
        Assert.Equal("Kerupuk Haruan Bu Rina", page.QuerySelector<IHtmlInputElement>("[name='Input.BusinessName']")!.Value);
        Assert.Equal("7,5", page.QuerySelector<IHtmlInputElement>("[name='Input.PositionAccuracy']")!.Value);
        await using var db = App.NewDbContext();
        Assert.Equal(0, await db.IndustrialUnits.CountAsync());
    }

    [Fact]
    public void The_check_follows_the_boundaries_inside_outside_the_kelurahan_and_outside_the_city()
    {
        Assert.Null(UnitPosition.Check(Menteng, null, 113.9));
        Assert.Equal(PositionCheck.DalamKelurahan, UnitPosition.Check(Menteng, -2.24352, 113.89744));
        Assert.Equal(PositionCheck.LuarKelurahan, UnitPosition.Check(Menteng, -2.19975, 113.95033));
        Assert.Equal(PositionCheck.LuarKota, UnitPosition.Check(Menteng, -2.5316, 112.9511));
    }

    [Fact]
    public async Task Only_the_unit_form_lets_the_browser_give_the_sites_own_use_of_the_position()
    {
        using var browser = await StaffAsync();
        using var form = await browser.Client.GetAsync("/Registry/Units/Create");
        using var list = await browser.Client.GetAsync("/Registry/Units");
        using var home = await browser.Client.GetAsync("/");

        Assert.Contains("geolocation=(self)", Assert.Single(form.Headers.GetValues("Permissions-Policy")), StringComparison.Ordinal);
        Assert.Contains("geolocation=()", Assert.Single(list.Headers.GetValues("Permissions-Policy")), StringComparison.Ordinal);
        Assert.Contains("geolocation=()", Assert.Single(home.Headers.GetValues("Permissions-Policy")), StringComparison.Ordinal);
    }
}
