using static IkmRegistry.Tests.Dashboard.DashboardPage;

namespace IkmRegistry.Tests.Dashboard;

/// <summary>
/// The dashboards serve figures computed once per registry version: every kind of write, through EF or around it
/// (raw SQL, COPY, TRUNCATE), must show at the very next request, equal to an independent count.
/// </summary>
public class FreshnessTests(RegistryApp app) : RegistryTest(app)
{
    private const string Pahandut = "62.71.01.1001";
    private const string Other = "62.71.02.1006";

    private sealed record Headline(string Covered, string Sentra, string Units, string Workers, long Members);

    [Theory]
    [InlineData("a new unit")]
    [InlineData("a closed unit")]
    [InlineData("a sentra activated")]
    [InlineData("a membership ended")]
    [InlineData("a kelurahan retired")]
    [InlineData("a unit inserted by INSERT..SELECT")]
    [InlineData("a unit loaded by COPY")]
    [InlineData("memberships truncated")]
    public async Task A_change_is_on_the_dashboard_at_the_very_next_request(string change)
    {
        var unit = await Seed.UnitAsync(App, "Kerupuk Basah Pak Udin", Pahandut, configure: u => (u.WorkersMale, u.WorkersFemale) = (2, 3));
        var active = await Seed.SentraAsync(App, "Sentra IKM Pangan Pahandut", Pahandut, members: 2);
        var forming = await Seed.SentraAsync(App, "Sentra IKM Pangan Baru", Other, SentraStatus.DalamPembentukan);
        using var browser = await SignedInAsync(App);

        var before = await ShownAsync(browser);
        Assert.Equal(await CountedAsync(), before);
        Assert.Equal(before, await ShownAsync(browser));

        await MakeAsync(change, unit.Id, active.Id, forming.Id);

        var after = await ShownAsync(browser);
        Assert.NotEqual(before, after);
        Assert.Equal(await CountedAsync(), after);
    }

    [Fact]
    public async Task Loading_and_removing_the_demo_data_shows_at_the_very_next_request()
    {
        using var browser = await SignedInAsync(App);
        var empty = await ShownAsync(browser);

        // The generator itself (not App.LoadDemoDataAsync, which starts from a reset): loading is what is checked here.
        await using (var db = App.NewDbContext())
        {
            await DemoData.LoadAsync(db);
        }

        var loaded = await ShownAsync(browser);
        Assert.NotEqual(empty, loaded);
        Assert.Equal(await CountedAsync(), loaded);

        await using (var db = App.NewDbContext())
        {
            await DemoData.RemoveAsync(db);
        }

        Assert.Equal(await CountedAsync(), await ShownAsync(browser));
        Assert.Equal(empty, await ShownAsync(browser));
    }

    [Fact]
    public async Task A_kelurahan_page_shows_a_new_unit_at_the_very_next_request()
    {
        await Seed.UnitAsync(App, "Kerupuk Basah Pak Udin", Pahandut);
        using var browser = await SignedInAsync(App);
        var before = Figure(await browser.GetAsync($"/Dashboard/Kelurahan/{Pahandut}"), "units");

        await Seed.UnitAsync(App, "Amplang Bu Tini", Pahandut);

        Assert.Equal("1", before);
        Assert.Equal("2", Figure(await browser.GetAsync($"/Dashboard/Kelurahan/{Pahandut}"), "units"));
    }

    [Fact]
    public async Task The_page_lists_the_first_100_possible_duplicates_and_the_export_all_of_them()
    {
        var unit = await Seed.UnitAsync(App, "Amplang 000", Pahandut);
        var columns = await App.TextAsync("""
            SELECT string_agg(column_name, ', ' ORDER BY ordinal_position) FROM information_schema.columns
             WHERE table_schema = 'public' AND table_name = 'industrial_unit' AND column_name NOT IN ('id', 'business_name', 'nik')
            """);
        // 101 names, each twice: 101 groups of possible duplicates.
        await App.ExecuteAsync($"""
            INSERT INTO industrial_unit (id, business_name, nik, {columns})
            SELECT {unit.Id} + n, 'Amplang ' || lpad((n / 2)::text, 3, '0'), NULL, {columns}
              FROM industrial_unit, generate_series(1, 201) n WHERE id = {unit.Id}
            """);
        using var browser = await SignedInAsync(App);

        var page = await browser.GetAsync("/Dashboard");
        using var csv = await browser.Client.GetAsync("/Dashboard/Export?tabel=kemungkinan-duplikat&format=csv");
        var lines = (await csv.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(100, Rows(page, "kemungkinan-duplikat").Count);
        Assert.Equal("1", page.QuerySelector("[data-more-rows]")!.GetAttribute("data-more-rows"));
        Assert.Equal(1 + 101, lines.Length);
    }

    private static async Task<Headline> ShownAsync(Browser browser)
    {
        var page = await browser.GetAsync("/Dashboard");
        return new Headline(Figure(page, "covered"), Figure(page, "sentra"), Figure(page, "units"), Figure(page, "workers"),
            Rows(page, "anggota-sentra").Sum(r => (long)Number(r[3])));
    }

    private async Task<Headline> CountedAsync()
    {
        const string activeKelurahan = "kelurahan k WHERE k.retired_on IS NULL";
        var covered = await App.ScalarAsync($"SELECT count(*) FROM {activeKelurahan} AND EXISTS (SELECT 1 FROM sentra s WHERE s.kelurahan_id = k.id AND s.status = 'Aktif')");
        var kelurahan = await App.ScalarAsync($"SELECT count(*) FROM {activeKelurahan}");
        var sentra = await App.ScalarAsync("SELECT count(*) FROM sentra s JOIN kelurahan k ON k.id = s.kelurahan_id WHERE s.status = 'Aktif' AND k.retired_on IS NULL");
        const string activeUnits = "industrial_unit u JOIN kelurahan k ON k.id = u.kelurahan_id WHERE u.status = 'Aktif' AND k.retired_on IS NULL";
        var units = await App.ScalarAsync($"SELECT count(*) FROM {activeUnits}");
        var workers = await App.ScalarAsync($"SELECT coalesce(sum(coalesce(u.workers_male, 0) + coalesce(u.workers_female, 0)), 0) FROM {activeUnits}");
        var members = await App.ScalarAsync("""
            SELECT count(*) FROM membership m JOIN industrial_unit u ON u.id = m.unit_id JOIN sentra s ON s.id = m.sentra_id
              JOIN kelurahan k ON k.id = s.kelurahan_id
             WHERE m.left_on IS NULL AND u.status = 'Aktif' AND s.status = 'Aktif' AND k.retired_on IS NULL
            """);
        return new Headline($"{IdNumber(covered)} / {IdNumber(kelurahan)}", IdNumber(sentra), IdNumber(units), IdNumber(workers), members);
    }

    private async Task MakeAsync(string change, int unitId, int activeSentraId, int formingSentraId)
    {
        await using var db = App.NewDbContext();
        switch (change)
        {
            case "a new unit":
                await Seed.UnitAsync(App, "Amplang Bu Tini", Other, configure: u => u.WorkersFemale = 4);
                break;
            case "a closed unit":
                var unit = await db.IndustrialUnits.SingleAsync(u => u.Id == unitId);
                (unit.Status, unit.ClosedOn) = (UnitStatus.Tutup, new DateOnly(2026, 11, 1));
                await db.SaveChangesAsync();
                break;
            case "a sentra activated":
                (await db.Sentra.SingleAsync(s => s.Id == formingSentraId)).Status = SentraStatus.Aktif;
                await db.SaveChangesAsync();
                break;
            case "a membership ended":
                (await db.Memberships.FirstAsync(m => m.SentraId == activeSentraId)).LeftOn = new DateOnly(2026, 11, 1);
                await db.SaveChangesAsync();
                break;
            case "a kelurahan retired":
                (await db.Kelurahan.SingleAsync(k => k.Code == Pahandut)).RetiredOn = new DateOnly(2026, 11, 1);
                await db.SaveChangesAsync();
                break;
            case "a unit inserted by INSERT..SELECT":
                var columns = await App.UnitColumnsAsync();
                await App.ExecuteAsync($"""
                    INSERT INTO industrial_unit (id, {columns})
                    SELECT (SELECT max(id) + 1000 FROM industrial_unit), {columns} FROM industrial_unit WHERE id = {unitId}
                    """);
                break;
            case "a unit loaded by COPY":
                await App.CopyUnitsAsync($"id = {unitId}", newId: "(SELECT max(id) + 1000 FROM industrial_unit)");
                break;
            case "memberships truncated":
                await App.ExecuteAsync("TRUNCATE membership");
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(change), change, null);
        }
    }
}
