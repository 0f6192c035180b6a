using Npgsql;
using static IkmRegistry.Tests.Registry.Import.Importing;

namespace IkmRegistry.Tests.Registry.Import;

/// <summary>Export, import the export unchanged: nothing changes.</summary>
public class RoundTripTests(RegistryApp app) : RegistryTest(app)
{
    private async Task SeedVarietyAsync()
    {
        var sentra = await Seed.SentraAsync(App);
        var member = await Seed.UnitAsync(App, "Amplang Anggota Sentra", nib: "9120300000011", configure: u =>
        {
            u.KbliCode = "10792";
            u.KbliEdition = KbliEdition.Kbli2020;
            u.WorkersMale = 2;
            u.WorkersFemale = 5;
            u.InvestmentValue = 1_250_000.50m;
            u.ProductionValuePerYear = 24_000_000m;
            u.ProductionCapacity = 500m;
            u.ProductionCapacityUnit = "kg/bulan";
            u.YearStarted = 2018;
            u.LegalForm = LegalForm.UsahaDagang;
            u.PublicConsent = true;
            u.PublicConsentOn = new DateOnly(2026, 1, 5);
            u.Address = "Jl. Rindang Banua No. 12";
            u.DataSource = "Pendataan 2025";
        });
        await Seed.UnitAsync(App, "Tanpa NIB Dan Angka", kelurahanCode: "62.71.04.1002", category: "kerajinan", configure: u => u.Phone = null);
        await Seed.UnitAsync(App, "=Formula Di Nama", nib: "9120300000012", category: "lainnya", configure: u =>
        {
            u.Status = UnitStatus.Tutup;
            u.ClosedOn = new DateOnly(2026, 6, 30);
            u.MainProducts = "+62 bukan rumus";
        });
        await using var db = App.NewDbContext();
        db.Memberships.Add(new Membership { SentraId = sentra.Id, UnitId = member.Id, JoinedOn = new DateOnly(2025, 1, 1) });
        await db.SaveChangesAsync();
    }

    private async Task<string> ChecksumAsync()
    {
        await using var connection = new NpgsqlConnection(App.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT md5(string_agg(t::text, '|' ORDER BY t.id)) FROM (SELECT * FROM industrial_unit) t", connection);
        var units = (string)(await command.ExecuteScalarAsync())!;
        await using var members = new NpgsqlCommand(
            "SELECT md5(string_agg(t::text, '|' ORDER BY t.id)) FROM (SELECT * FROM membership) t", connection);
        return units + (string)(await members.ExecuteScalarAsync())!;
    }

    [Theory]
    [InlineData("xlsx")]
    [InlineData("csv")]
    public async Task Importing_an_unchanged_export_changes_nothing(string format)
    {
        await SeedVarietyAsync();
        var before = await ChecksumAsync();
        long audits;
        await using (var db = App.NewDbContext())
        {
            audits = await db.AuditEntries.CountAsync();
        }

        using var browser = await StaffAsync(App);
        var export = await browser.Client.GetByteArrayAsync($"/Registry/Units/Export?format={format}");
        var (batch, preview) = await PreviewAsync(App, browser, export, "ekspor." + format);

        Assert.True(batch.ErrorCount == 0, preview.QuerySelector("section[aria-labelledby=errors-heading]")?.TextContent);
        Assert.Equal((3, 0, 0, 3, 0, 0), (batch.TotalRows, batch.NewCount, batch.UpdateCount, batch.UnchangedCount, batch.DuplicateCount, batch.NewMembershipCount));
        Assert.Empty(preview.QuerySelectorAll(".alert-info"));

        var committed = await CommitAsync(App, browser, preview);

        Assert.Equal((ImportStatus.Committed, 0, 0, 0), (committed.Status, committed.InsertedCount, committed.UpdatedCount, committed.MembershipCount));
        Assert.Equal(before, await ChecksumAsync());
        await using (var db = App.NewDbContext())
        {
            // Only the export's and the import's own records are new.
            Assert.Equal(audits + 2, await db.AuditEntries.CountAsync());
        }
    }
}
