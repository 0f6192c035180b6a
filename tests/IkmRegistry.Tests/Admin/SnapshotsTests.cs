using System.Security.Cryptography;
using System.Text;
using IkmRegistry.Tests.Dashboard;
using IkmRegistry.Web.Data.Queries;

namespace IkmRegistry.Tests.Admin;

/// <summary>Issue 14 (f): year-end figures frozen by an admin with when, who and a SHA-256 of their canonical content.</summary>
public class SnapshotsTests(RegistryApp app) : RegistryTest(app)
{
    private static readonly DateOnly YearEnd = new(2025, 12, 31);

    // Kelurahan not retired by the date with a sentra whose last event on or before it says Aktif.
    private const string CoveredOnYearEnd = """
        SELECT count(*) FROM kelurahan k
         WHERE (k.retired_on IS NULL OR k.retired_on > DATE '2025-12-31')
           AND EXISTS (SELECT 1 FROM sentra s WHERE s.kelurahan_id = k.id
                 AND (SELECT e.status FROM sentra_event e WHERE e.sentra_id = s.id AND e.occurred_on <= DATE '2025-12-31'
                       ORDER BY e.occurred_on DESC, e.id DESC LIMIT 1) = 'Aktif')
        """;

    private Task<Browser> AdminAsync() => App.SignedInAsync(Roles.Admin);

    private static Task<IDocument> FreezeAsync(Browser admin, IDocument page, string date) =>
        admin.SubmitAsync(page.QuerySelector<IHtmlFormElement>("main form")!, new Dictionary<string, string> { ["Input.AsOf"] = date });

    [Fact]
    public async Task An_admin_freezes_31_December_2025_with_who_when_and_the_SHA256_of_the_stored_content_and_a_second_freeze_is_refused()
    {
        await App.LoadDemoDataAsync();

        using var admin = await AdminAsync();
        var page = await admin.GetAsync("/Admin/Snapshots");
        page = await FreezeAsync(admin, page, "2025-12-31");
        Assert.Equal("/Admin/Snapshots", admin.LastUrl!.AbsolutePath);

        var snapshot = await App.NewDbContext().CoverageSnapshots.SingleAsync();
        Assert.Equal(YearEnd, snapshot.AsOf);
        Assert.StartsWith("admin-", snapshot.FrozenBy, StringComparison.Ordinal);
        Assert.True(DateTime.UtcNow - snapshot.FrozenAt < TimeSpan.FromMinutes(5));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(snapshot.Content))), snapshot.Sha256);
        var figures = SnapshotContent.Read(snapshot.Content);
        Assert.Equal(await App.ScalarAsync(CoveredOnYearEnd), figures.Covered);
        Assert.Equal(30, figures.Kelurahan);
        Assert.Equal(snapshot.Sha256, page.QuerySelector("tr[data-as-of='2025-12-31'] [data-field=sha256]")!.TextContent.Trim());
        Assert.Equal(1, await App.NewDbContext().AuditEntries.CountAsync(a => a.EntityType == nameof(CoverageSnapshot)));

        page = await FreezeAsync(admin, page, "2025-12-31");
        Assert.Contains("sudah dibekukan", page.QuerySelector("#asof-error")!.TextContent, StringComparison.Ordinal);
        Assert.Contains(snapshot.Sha256, page.QuerySelector("#asof-error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(1, await App.NewDbContext().CoverageSnapshots.CountAsync());

        page = await FreezeAsync(admin, page, DateTime.UtcNow.AddDays(2).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains("sudah lewat", page.QuerySelector("#asof-error")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_hash_is_stable_ignores_changes_after_the_date_and_changes_when_a_figure_on_the_date_would()
    {
        await App.LoadDemoDataAsync();

        string Hash(SnapshotContent.Figures f) => SnapshotContent.Sha256(SnapshotContent.Canonical(f));
        await using var context = App.NewDbContext();
        var first = await SnapshotContent.ComputeAsync(context, YearEnd, CancellationToken.None);
        var again = await SnapshotContent.ComputeAsync(App.NewDbContext(), YearEnd, CancellationToken.None);
        Assert.Equal(SnapshotContent.Canonical(first), SnapshotContent.Canonical(again));
        Assert.Equal(Hash(first), Hash(again));
        // Read back and written again, the content is byte for byte the same.
        Assert.Equal(SnapshotContent.Canonical(first), SnapshotContent.Canonical(SnapshotContent.Read(SnapshotContent.Canonical(first))));

        // A sentra lapsing in 2026 leaves the 2025 figures (and their hash) alone...
        var sentraId = await context.SentraEvents.Where(e => e.Status == SentraStatus.Aktif && e.OccurredOn < new DateOnly(2025, 10, 1))
            .OrderBy(e => e.OccurredOn).Select(e => e.SentraId).FirstAsync();
        await App.ExecuteAsync($"""
            INSERT INTO sentra_event (id, sentra_id, status, occurred_on, recorded_at, is_demo)
            VALUES (nextval('"EntityFrameworkHiLoSequence"'), {sentraId}, 'TidakAktif', DATE '2026-03-01', now(), true)
            """);
        Assert.Equal(Hash(first), Hash(await SnapshotContent.ComputeAsync(App.NewDbContext(), YearEnd, CancellationToken.None)));

        // ...one that lapsed in November 2025 changes them.
        await App.ExecuteAsync($"""
            INSERT INTO sentra_event (id, sentra_id, status, occurred_on, recorded_at, is_demo)
            VALUES (nextval('"EntityFrameworkHiLoSequence"'), {sentraId}, 'TidakAktif', DATE '2025-11-01', now(), true)
            """);
        var lapsed = await SnapshotContent.ComputeAsync(App.NewDbContext(), YearEnd, CancellationToken.None);
        Assert.NotEqual(Hash(first), Hash(lapsed));
        Assert.Equal(first.Covered - 1, lapsed.Covered);
    }

    [Fact]
    public async Task A_frozen_snapshot_cannot_be_changed_in_the_database()
    {
        await App.ExecuteAsync("""
            INSERT INTO coverage_snapshot (id, as_of, frozen_at, frozen_by, content, sha256)
            VALUES (1, DATE '2025-12-31', now(), 'admin', '{}', repeat('0', 64))
            """);

        var error = await Assert.ThrowsAsync<Npgsql.PostgresException>(() => App.ExecuteAsync("UPDATE coverage_snapshot SET content = '{\"covered\":30}'"));
        Assert.Contains("frozen", error.MessageText, StringComparison.Ordinal);
    }
}
