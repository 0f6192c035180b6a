using System.Globalization;
using System.Text.Json;
using IkmRegistry.Web.Data.Queries;
using static IkmRegistry.Tests.Dashboard.DashboardPage;

namespace IkmRegistry.Tests.Dashboard;

/// <summary>Issue 14: coverage at any date from the recorded sentra events, and the two coverage figures.</summary>
public class CoverageHistoryTests(RegistryApp app) : RegistryTest(app)
{
    // Independent of CoverageHistory's lateral: the last event per sentra by a window function.
    private static string CoveredAt(DateOnly date) => $"""
        WITH last AS (
            SELECT e.sentra_id, e.status, row_number() OVER (PARTITION BY e.sentra_id ORDER BY e.occurred_on DESC, e.id DESC) AS n
              FROM sentra_event e WHERE e.occurred_on <= DATE '{date:yyyy-MM-dd}')
        SELECT count(DISTINCT s.kelurahan_id) FROM last JOIN sentra s ON s.id = last.sentra_id JOIN kelurahan k ON k.id = s.kelurahan_id
         WHERE last.n = 1 AND last.status = 'Aktif' AND k.retired_on IS NULL
        """;

    private async Task LapseAsync(int sentraId, string on)
    {
        using var browser = new Browser(App);
        await browser.SignInAsync(await App.CreateUserAsync(Roles.Staff));
        var page = await browser.GetAsync($"/Registry/Sentra/Status/{sentraId}");
        page = await browser.SubmitAsync(page.QuerySelector<IHtmlFormElement>("main form")!, new Dictionary<string, string> { ["Input.Status"] = "TidakAktif", ["Input.OccurredOn"] = on });
        Assert.Equal("Tidak aktif", page.QuerySelector("[data-field=status]")!.TextContent);
    }

    [Fact]
    public async Task Coverage_at_dates_before_and_after_a_lapse_equals_independent_SQL_over_the_events()
    {
        // Both active since 1 May 2020 (their founding date); Pahandut's lapses on 30 June 2024, recorded today.
        var pahandut = await Seed.SentraAsync(App, "Sentra Pahandut", "62.71.01.1001", members: 5);
        await Seed.SentraAsync(App, "Sentra Panarung", "62.71.01.1002");
        await Seed.SentraAsync(App, "Sentra Langkai", "62.71.01.1003", status: SentraStatus.DalamPembentukan);
        await LapseAsync(pahandut.Id, "2024-06-30");

        await using var db = App.NewDbContext();
        var today = Wib.Today(TimeProvider.System);
        DateOnly[] dates = [new(2019, 12, 31), new(2020, 5, 1), new(2023, 12, 31), new(2024, 6, 29), new(2024, 6, 30), new(2024, 12, 31), today];
        var points = await CoverageHistory.AtAsync(db, CoverageScope.City, dates, CancellationToken.None);

        Assert.Equal([0, 2, 2, 2, 1, 1, 1], points.Select(p => p.Covered));
        foreach (var point in points)
        {
            Assert.Equal(await App.ScalarAsync(CoveredAt(point.Date)), point.Covered);
        }

        // Pahandut's five members (joined 2021) made it effective until it lapsed; Panarung never had five.
        Assert.Equal([0, 0, 1, 1, 0, 0, 0], points.Select(p => p.Effective));
        Assert.All(points, p => Assert.Equal(30, p.Kelurahan));

        // The dashboard's history reads the same: 2 at the end of 2023, 1 at the end of 2024.
        using var browser = await SignedInAsync(App);
        var rows = Rows(await browser.GetAsync("/Dashboard"), "sentra-per-tahun");
        Assert.Equal(["31 Desember 2023", "30", "2", "6,7", "1", "3,3", "2"], rows.Single(r => r[0] == "31 Desember 2023"));
        Assert.Equal(["31 Desember 2024", "30", "1", "3,3", "0", "0,0", "1"], rows.Single(r => r[0] == "31 Desember 2024"));
        Assert.Equal("31 Desember 2020", rows[0][0]);
        Assert.Equal(today.ToString("d MMMM yyyy", CultureInfo.GetCultureInfo("id-ID")), rows[^1][0]);
    }

    [Fact]
    public async Task The_migration_history_and_a_later_lapse_leave_past_year_ends_unchanged()
    {
        var sentra = await Seed.SentraAsync(App, "Sentra Pahandut", "62.71.01.1001");
        using var browser = await SignedInAsync(App);
        var before = Rows(await browser.GetAsync("/Dashboard"), "sentra-per-tahun");

        await LapseAsync(sentra.Id, Wib.Today(TimeProvider.System).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));

        var after = Rows(await browser.GetAsync("/Dashboard"), "sentra-per-tahun");
        Assert.Equal(before[..^1], after[..^1]);
        Assert.Equal("1", before[^1][2]);
        Assert.Equal("0", after[^1][2]);
    }

    [Fact]
    public async Task Decree_and_effective_coverage_differ_on_small_sentra_closed_units_and_sentra_in_formation()
    {
        // Five active members: effective. Five members of whom one closed: 4. Four members. Six members, in formation.
        await Seed.SentraAsync(App, "Sentra Lima", "62.71.01.1001", members: 5);
        await Seed.SentraAsync(App, "Sentra Satu Tutup", "62.71.01.1002", members: 5);
        await Seed.SentraAsync(App, "Sentra Empat", "62.71.01.1003", members: 4);
        await Seed.SentraAsync(App, "Sentra Dibentuk", "62.71.01.1004", status: SentraStatus.DalamPembentukan, members: 6);
        await App.ExecuteAsync("""
            UPDATE industrial_unit SET status = 'Tutup', closed_on = DATE '2025-01-01'
             WHERE id = (SELECT min(m.unit_id) FROM membership m JOIN sentra s ON s.id = m.sentra_id WHERE s.name = 'Sentra Satu Tutup')
            """);

        using var browser = await SignedInAsync(App);
        var dashboard = await browser.GetAsync("/Dashboard");
        Assert.Equal("3 / 30", Figure(dashboard, "decree-coverage"));
        Assert.Equal("1 / 30", Figure(dashboard, "effective-coverage"));
        Assert.Equal("(3,3 %)", Figure(dashboard, "effective-coverage-percent"));
        Assert.Contains("sedikitnya 5 anggota aktif", dashboard.QuerySelector("#dua-angka-cakupan")!.TextContent);

        var overview = await new Browser(App).GetAsync("/Directory/Overview");
        Assert.Equal("1 dari 30 kelurahan", Figure(overview, "effective-coverage"));
        Assert.Equal("3 dari 30 kelurahan", Figure(overview, "coverage"));

        using var api = App.CreateClient();
        using var json = JsonDocument.Parse(await api.GetStringAsync("/api/v1/coverage?date=" + Wib.Today(TimeProvider.System).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
        var today = json.RootElement.EnumerateArray().Single();
        Assert.Equal(3, today.GetProperty("decree_coverage_kelurahan").GetInt32());
        Assert.Equal(1, today.GetProperty("effective_coverage_kelurahan").GetInt32());
        // Before the unit closed, the second sentra had five active members too.
        using var earlier = JsonDocument.Parse(await api.GetStringAsync("/api/v1/coverage?date=2024-12-31"));
        Assert.Equal(2, earlier.RootElement.EnumerateArray().Single().GetProperty("effective_coverage_kelurahan").GetInt32());
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, (await api.GetAsync("/api/v1/coverage?date=2999-01-01")).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, (await api.GetAsync("/api/v1/coverage?date=%3Cscript%3E")).StatusCode);
    }
}
