using IkmRegistry.Web.Import;
using IkmRegistry.Web.Pages.Registry;
using static IkmRegistry.Tests.Registry.Import.Importing;

namespace IkmRegistry.Tests.Registry.Units;

/// <summary>The contact consent is a second consent, apart from being listed: dated, withdrawable, imported, exported and audited.</summary>
public class ContactConsentTests(RegistryApp app) : RegistryTest(app)
{
    [Fact]
    public async Task Contact_consent_given_in_the_form_is_dated_today_audited_and_withdrawing_it_clears_the_date()
    {
        await Seed.SentraAsync(App, members: 1);
        int unitId;
        await using (var db = App.NewDbContext())
        {
            var unit = await db.IndustrialUnits.SingleAsync();
            unit.PublicConsent = true;
            unit.PublicConsentOn = new DateOnly(2025, 1, 10);
            await db.SaveChangesAsync();
            unitId = unit.Id;
        }

        using var staff = new Browser(App);
        await staff.SignInAsync(await App.CreateUserAsync(Roles.Staff));
        var edit = await staff.GetAsync($"/Registry/Units/Edit/{unitId}");
        Assert.NotNull(edit.QuerySelector("input[type=checkbox][name='Input.PublicContactConsent']"));
        var details = await staff.SubmitAsync(edit.QuerySelector<IHtmlFormElement>("main form")!, new Dictionary<string, string> { ["Input.PublicContactConsent"] = "true" });

        Assert.Equal("Setuju", details.QuerySelector("[data-field=publiccontactconsent]")!.TextContent.Trim());
        await using (var db = App.NewDbContext())
        {
            var unit = await db.IndustrialUnits.SingleAsync();
            Assert.True(unit.PublicContactConsent);
            Assert.NotNull(unit.PublicContactConsentOn);
            var entry = await db.AuditEntries.Where(a => a.EntityType == "IndustrialUnit" && a.Action == AuditAction.Update).OrderByDescending(a => a.OccurredAt).FirstAsync();
            Assert.Contains("PublicContactConsent", entry.Changes);
        }

        edit = await staff.GetAsync($"/Registry/Units/Edit/{unitId}");
        await staff.SubmitAsync(edit.QuerySelector<IHtmlFormElement>("main form")!, new Dictionary<string, string> { ["Input.PublicContactConsent"] = "false" });
        await using (var db = App.NewDbContext())
        {
            var unit = await db.IndustrialUnits.SingleAsync();
            Assert.Equal((false, (DateOnly?)null, true), (unit.PublicContactConsent, unit.PublicContactConsentOn, unit.PublicConsent));
        }

    }

    [Fact]
    public async Task The_import_reads_the_contact_consent_and_its_date_and_the_export_writes_them_back()
    {
        using var browser = await StaffAsync(App);
        var file = Xlsx(
            new Dictionary<string, object?>
            {
                ["Nama Usaha"] = "Amplang Kontak Setuju", ["Nama Pemilik"] = "Sari", ["Kelurahan"] = "Pahandut", ["Kategori"] = "Pangan",
                ["Setuju Tampil Publik"] = "Ya", ["Persetujuan Kontak"] = "Ya", ["Tanggal Persetujuan Kontak"] = "02/03/2026",
            },
            new Dictionary<string, object?>
            {
                ["Nama Usaha"] = "Amplang Kontak Tidak", ["Nama Pemilik"] = "Rina", ["Kelurahan"] = "Pahandut", ["Kategori"] = "Pangan",
                ["Setuju Tampil Publik"] = "Ya", ["Persetujuan Kontak"] = "Tidak", ["Tanggal Persetujuan Kontak"] = null,
            });

        var (batch, preview) = await PreviewAsync(App, browser, file);
        Assert.True(batch.Status == ImportStatus.Ready, batch.Message);
        Assert.Equal((2, 0), (batch.NewCount, batch.ErrorCount));
        await CommitAsync(App, browser, preview);

        await using var db = App.NewDbContext();
        var units = await db.IndustrialUnits.OrderBy(u => u.BusinessName).Select(u => new { u.BusinessName, u.PublicContactConsent, u.PublicContactConsentOn }).ToListAsync();
        Assert.Equal(("Amplang Kontak Setuju", true, (DateOnly?)new DateOnly(2026, 3, 2)), (units[0].BusinessName, units[0].PublicContactConsent, units[0].PublicContactConsentOn));
        Assert.Equal(("Amplang Kontak Tidak", false, (DateOnly?)null), (units[1].BusinessName, units[1].PublicContactConsent, units[1].PublicContactConsentOn));
        Assert.Contains(UnitSheet.PublicContactConsent, UnitSheet.Columns);
        Assert.Contains(UnitSheet.PublicContactConsentOn, UnitSheet.Columns);
        Assert.DoesNotContain(UnitSheet.PublicContactConsent, UnitSheet.PrivateColumns);
    }
}
