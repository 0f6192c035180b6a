using System.Text.Json;
using static IkmRegistry.Tests.Dashboard.DashboardPage;

namespace IkmRegistry.Tests.Dashboard;

/// <summary>Issue 14 (h): the kelurahan drawn as areas from the boundary file, coloured by status, joined to the registry's kelurahan.</summary>
public class AreaMapTests(RegistryApp app) : RegistryTest(app)
{
    private const string Kanarakan = "62.71.02.1006";
    private const string Kalampangan = "62.71.04.1002";

    private async Task ArrangeKanarakanAtSosialisasiAsync()
    {
        await using var db = App.NewDbContext();
        await App.LoadDemoDataAsync();
        var kanarakan = await db.Kelurahan.SingleAsync(k => k.Code == Kanarakan);
        db.Formations.Add(new Web.Domain.Formation
        {
            KelurahanId = kanarakan.Id,
            Steps =
            [
                new FormationStep { Stage = FormationStage.IdentifikasiPotensi, ReachedOn = new DateOnly(2026, 8, 1) },
                new FormationStep { Stage = FormationStage.Sosialisasi, ReachedOn = new DateOnly(2026, 9, 15) },
                new FormationStep { Stage = FormationStage.PembentukanPengurus, TargetOn = new DateOnly(2026, 12, 15) },
            ],
        });
        await db.SaveChangesAsync();
    }

    private static List<JsonElement> Areas(IDocument page, out string attribution)
    {
        var element = page.QuerySelector("[data-area-map]") ?? throw new InvalidOperationException(page.Body!.TextContent[..Math.Min(3000, page.Body.TextContent.Length)]);
        using var map = JsonDocument.Parse(element.GetAttribute("data-area-map")!);
        attribution = map.RootElement.GetProperty("attribution").GetString()!;
        return [.. map.RootElement.GetProperty("areas").EnumerateArray().Select(a => a.Clone())];
    }

    private static string Code(JsonElement area) => area.GetProperty("code").GetString()!;

    private static string Status(JsonElement area) => area.GetProperty("status").GetString()!;

    [Fact]
    public async Task The_dashboard_map_draws_30_kelurahan_areas_coloured_covered_by_stage_or_uncovered_with_the_MIT_attribution()
    {
        await ArrangeKanarakanAtSosialisasiAsync();
        var covered = (await App.GroupsAsync("""
            SELECT k.code, 1 FROM kelurahan k WHERE k.retired_on IS NULL AND EXISTS (SELECT 1 FROM sentra s WHERE s.kelurahan_id = k.id AND s.status = 'Aktif')
            """)).Keys.Order(StringComparer.Ordinal).ToList();

        using var browser = await SignedInAsync(App);
        var page = await browser.GetAsync("/Dashboard");
        var areas = Areas(page, out var attribution);

        Assert.Equal(30, areas.Count);
        Assert.All(areas, a => Assert.Equal("Polygon", a.GetProperty("geometry").GetProperty("type").GetString()));
        Assert.Equal(covered, areas.Where(a => Status(a) == "covered").Select(Code).Order(StringComparer.Ordinal));
        Assert.Equal("stage-2", Status(areas.Single(a => Code(a) == Kanarakan)));
        Assert.Equal(6, areas.Count(a => Status(a) == "uncovered"));
        Assert.Contains("cahyadsn/wilayah_boundaries", attribution, StringComparison.Ordinal);
        Assert.Contains("MIT", attribution, StringComparison.Ordinal);
        // The attribution is also printed under the map, and the legend's table says in text what the colours say.
        Assert.Contains("MIT", page.QuerySelector(".area-map-attribution")!.TextContent, StringComparison.Ordinal);
        var legend = page.QuerySelectorAll("table[data-map-table=status] tbody tr")
            .ToDictionary(r => r.GetAttribute("data-status")!, r => r.QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToArray());
        Assert.Equal("23", legend["covered"][0]);
        Assert.Equal(["1", "Kanarakan"], legend["stage-2"]);
        Assert.Equal("6", legend["uncovered"][0]);
    }

    [Fact]
    public async Task A_retired_kelurahan_has_no_area_on_the_dashboard_the_kecamatan_page_or_the_public_overview()
    {
        await using (var db = App.NewDbContext())
        {
            await App.LoadDemoDataAsync();
            var retired = await db.Kelurahan.SingleAsync(k => k.Code == Kalampangan);
            retired.RetiredOn = new DateOnly(2026, 1, 1);
            await db.SaveChangesAsync();
        }

        using var browser = await SignedInAsync(App);
        var city = Areas(await browser.GetAsync("/Dashboard"), out _);
        var kecamatan = Areas(await browser.GetAsync("/Dashboard/Kecamatan/62.71.04"), out _);
        using var anonymous = new Browser(App);
        var overview = Areas(await anonymous.GetAsync("/Directory/Overview"), out _);

        Assert.Equal(29, city.Count);
        Assert.DoesNotContain(city, a => Code(a) == Kalampangan);
        Assert.Equal(["62.71.04.1001", "62.71.04.1003", "62.71.04.1004", "62.71.04.1005", "62.71.04.1006"], kecamatan.Select(Code).Order(StringComparer.Ordinal));
        Assert.Equal(29, overview.Count);
        Assert.DoesNotContain(overview, a => Code(a) == Kalampangan);
    }

    [Fact]
    public async Task A_kelurahan_page_draws_its_kecamatan_with_only_itself_in_focus()
    {
        await ArrangeKanarakanAtSosialisasiAsync();
        using var browser = await SignedInAsync(App);

        var areas = Areas(await browser.GetAsync($"/Dashboard/Kelurahan/{Kanarakan}"), out _);

        Assert.Equal(7, areas.Count);
        Assert.Equal([Kanarakan], areas.Where(a => a.GetProperty("focus").GetBoolean()).Select(Code));
    }

    [Fact]
    public async Task The_public_overview_shows_a_formation_stage_as_soon_as_it_is_recorded()
    {
        await App.LoadDemoDataAsync();

        using var anonymous = new Browser(App);
        var before = await anonymous.GetAsync("/Directory/Overview");
        Assert.Equal("uncovered", Status(Areas(before, out _).Single(a => Code(a) == Kanarakan)));

        await using (var db = App.NewDbContext())
        {
            var kanarakan = await db.Kelurahan.SingleAsync(k => k.Code == Kanarakan);
            db.Formations.Add(new Web.Domain.Formation
            {
                KelurahanId = kanarakan.Id,
                Steps = [new FormationStep { Stage = FormationStage.IdentifikasiPotensi, ReachedOn = new DateOnly(2026, 8, 1) }],
            });
            await db.SaveChangesAsync();
        }

        // The page is cached under the registry version: recording a stage must change it.
        var after = await anonymous.GetAsync("/Directory/Overview");
        Assert.Equal("stage-1", Status(Areas(after, out _).Single(a => Code(a) == Kanarakan)));
        Assert.Contains("Pembentukan: Identifikasi potensi", after.QuerySelector($"tr[data-kelurahan='{Kanarakan}']")!.TextContent, StringComparison.Ordinal);
    }
}
