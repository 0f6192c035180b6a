using IkmRegistry.Web.Data.Queries;
using static IkmRegistry.Tests.Dashboard.DashboardPage;

namespace IkmRegistry.Tests.Dashboard;

/// <summary>Issue 14 (g): the formal A4 report, from today's figures or a frozen snapshot whose hash it prints.</summary>
public class ReportTests(RegistryApp app) : RegistryTest(app)
{
    [Fact]
    public async Task Todays_report_has_the_letterhead_the_narrative_23_of_30_the_tables_and_no_data_quality_or_duplicate_lists()
    {
        await App.LoadDemoDataAsync();

        using var browser = await SignedInAsync(App);
        var page = await browser.GetAsync("/Dashboard/Report");

        Assert.Equal(System.Net.HttpStatusCode.OK, browser.LastStatus);
        var kop = page.QuerySelector(".kop-surat")!.TextContent;
        Assert.Contains("PEMERINTAH KOTA PALANGKA RAYA", kop, StringComparison.Ordinal);
        Assert.Contains("DINAS PERDAGANGAN, KOPERASI, UKM DAN PERINDUSTRIAN", kop, StringComparison.Ordinal);
        var narrative = System.Text.RegularExpressions.Regex.Replace(Figure(page, "narrative"), @"\s+", " ");
        Assert.Contains("terdapat 23 sentra IKM terpadu di 23 dari 30 kelurahan (76,7 %)", narrative, StringComparison.Ordinal);
        Assert.Contains("7 kelurahan belum memiliki sentra: Bukit Sua, Danau Tundai, Habaring Hurung, Kanarakan, Mungku Baru, Petuk Barunai, Tumbang Rungan.", narrative, StringComparison.Ordinal);
        Assert.Equal(5, page.QuerySelectorAll("table[data-table=laporan-kecamatan] tbody tr").Length);
        Assert.Equal(["30", "23", "76,7"], page.QuerySelectorAll("table[data-table=laporan-kecamatan] tfoot td").Take(3).Select(c => c.TextContent.Trim()));
        Assert.Equal("4.133", page.QuerySelector("table[data-table=laporan-kategori] tfoot td")!.TextContent.Trim());
        Assert.NotNull(page.QuerySelector("[data-area-map]"));
        Assert.NotNull(page.QuerySelector("#pipeline"));
        Assert.Contains("Kepala Bidang Perindustrian", page.QuerySelector(".signature-block")!.TextContent, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("table[data-table=kualitas-data]"));
        Assert.Null(page.QuerySelector("table[data-table=kemungkinan-duplikat]"));
        Assert.DoesNotContain("duplikat", page.QuerySelector("main")!.TextContent, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_narrative_keeps_a_space_between_the_list_of_kelurahan_and_the_target_sentence()
    {
        var year = Wib.Today(TimeProvider.System).Year;
        await using (var db = App.NewDbContext())
        {
            await App.LoadDemoDataAsync();
            db.CoverageTargets.Add(new CoverageTarget { Year = year, Kelurahan = 24, Source = "Renstra", CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
        }

        using var browser = await SignedInAsync(App);
        var page = await browser.GetAsync("/Dashboard/Report");

        Assert.Contains($"Petuk Barunai, Tumbang Rungan. Target tahun {year} adalah 24 kelurahan;", Figure(page, "narrative"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_report_citing_a_frozen_snapshot_shows_its_figures_and_its_SHA256_even_after_a_sentra_lapses()
    {
        await App.LoadDemoDataAsync();

        using var admin = new Browser(App);
        await admin.SignInAsync(await App.CreateUserAsync(Roles.Admin));
        var form = (await admin.GetAsync("/Admin/Snapshots")).QuerySelector<IHtmlFormElement>("main form")!;
        await admin.SubmitAsync(form, new Dictionary<string, string> { ["Input.AsOf"] = "2025-12-31" });
        var snapshot = await App.NewDbContext().CoverageSnapshots.SingleAsync();
        var figures = SnapshotContent.Read(snapshot.Content);

        // A sentra that was active then lapses today: the cited figures do not move.
        await App.ExecuteAsync("""
            INSERT INTO sentra_event (id, sentra_id, status, occurred_on, recorded_at, is_demo)
            SELECT nextval('"EntityFrameworkHiLoSequence"'), e.sentra_id, 'TidakAktif', DATE '2026-02-01', now(), true
              FROM sentra_event e WHERE e.status = 'Aktif' AND e.occurred_on <= DATE '2025-12-31' ORDER BY e.occurred_on LIMIT 1
            """);

        using var official = await SignedInAsync(App);
        var page = await official.GetAsync("/Dashboard/Report?data=2025-12-31");

        Assert.Equal("Data per 31 Desember 2025", Figure(page, "period"));
        Assert.Equal(snapshot.Sha256, page.QuerySelector("[data-figure=snapshot] [data-field=sha256]")!.TextContent.Trim());
        Assert.Contains($"Sampai dengan 31 Desember 2025 terdapat {figures.ActiveSentra} sentra IKM terpadu di {figures.Covered} dari 30 kelurahan",
            System.Text.RegularExpressions.Regex.Replace(Figure(page, "narrative"), @"\s+", " "), StringComparison.Ordinal);

        await official.GetAsync("/Dashboard/Report?data=2024-12-31");
        Assert.Equal(System.Net.HttpStatusCode.NotFound, official.LastStatus);
    }
}
