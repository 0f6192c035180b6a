namespace IkmRegistry.Tests.Registry.Peta;

/// <summary>The kelurahan map of units (/Registry/Peta): staff see exact points, officials rounded ones and nothing personal.</summary>
public class MapTests(RegistryApp app) : RegistryTest(app)
{
    private const string Menteng = "62.71.03.1002";

    private Task<IndustrialUnit> UnitWithPositionAsync() =>
        Seed.UnitAsync(App, "Amplang Peta Menteng", Menteng, configure: u =>
        {
            u.Address = "Jl. Rumah Pemilik No. 7";
            (u.Latitude, u.Longitude, u.PositionAccuracy, u.PositionSource) = (-2.243521, 113.897443, 5, PositionSource.Geopoint);
        });

    [Fact]
    public async Task An_official_reaches_the_map_from_the_dashboards_kelurahan_page_and_sees_rounded_points_and_no_personal_field()
    {
        var unit = await UnitWithPositionAsync();
        using var browser = new Browser(App);
        await browser.SignInAsync(await App.CreateUserAsync(Roles.Official));

        var dashboard = await browser.GetAsync($"/Dashboard/Kelurahan/{Menteng}");
        var link = dashboard.QuerySelector<IHtmlAnchorElement>("#unit-map-link")!;
        Assert.Equal("Peta unit usaha", link.TextContent);
        var page = await browser.GetAsync(link.GetAttribute("href")!);

        Assert.Equal("Kelurahan Menteng", page.QuerySelector("#map-title")!.TextContent);
        Assert.NotNull(page.QuerySelector("#map-approximate"));
        Assert.Equal("Amplang Peta Menteng", page.QuerySelector("#point-list a")!.TextContent);
        var map = page.QuerySelector("#unit-map")!.GetAttribute("data-unit-map")!;
        Assert.Contains("\"lat\":-2.244,\"lng\":113.897,", map, StringComparison.Ordinal);
        var html = page.DocumentElement.OuterHtml;
        foreach (var personal in new[] { "2.243521", "113.897443", unit.OwnerName!, unit.Nik!, unit.Phone!, unit.Address! })
        {
            Assert.DoesNotContain(personal, html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Staff_see_the_exact_points()
    {
        await UnitWithPositionAsync();
        using var browser = new Browser(App);
        await browser.SignInAsync(await App.CreateUserAsync(Roles.Staff));

        var page = await browser.GetAsync($"/Registry/Peta?kelurahan={Menteng}");

        Assert.Null(page.QuerySelector("#map-approximate"));
        Assert.Contains("\"lat\":-2.243521,\"lng\":113.897443,", page.QuerySelector("#unit-map")!.GetAttribute("data-unit-map")!, StringComparison.Ordinal);
        Assert.Single(page.QuerySelectorAll("#point-list li"));
    }
}
