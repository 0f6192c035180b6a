namespace IkmRegistry.Tests.Security;

/// <summary>UU 27/2022: an owner who withdraws consent leaves the public pages at once, and the withdrawal is dated and shown.</summary>
public class ConsentWithdrawalTests(RegistryApp app) : RegistryTest(app)
{
    [Fact]
    public async Task Withdrawing_consent_removes_the_business_from_the_cached_public_page_at_once_and_is_dated_on_the_unit()
    {
        var sentra = await Seed.SentraAsync(App, members: 1);
        int unitId;
        await using (var db = App.NewDbContext())
        {
            var unit = await db.IndustrialUnits.SingleAsync();
            unit.BusinessName = "Amplang Persetujuan Dicabut";
            unit.PublicConsent = true;
            unit.PublicConsentOn = new DateOnly(2025, 1, 10);
            await db.SaveChangesAsync();
            unitId = unit.Id;
        }

        using var visitor = new Browser(App);
        var before = await visitor.GetAsync($"/Directory/Sentra/{sentra.Slug}");
        Assert.Contains("Amplang Persetujuan Dicabut", before.Body!.TextContent);

        using var staff = new Browser(App);
        await staff.SignInAsync(await App.CreateUserAsync(Roles.Staff));
        var edit = await staff.GetAsync($"/Registry/Units/Edit/{unitId}");
        var details = await staff.SubmitAsync(edit.QuerySelector<IHtmlFormElement>("main form")!, new Dictionary<string, string> { ["Input.PublicConsent"] = "false" });

        var after = await visitor.GetAsync($"/Directory/Sentra/{sentra.Slug}");
        Assert.DoesNotContain("Amplang Persetujuan Dicabut", after.Body!.TextContent);
        Assert.Contains("dicabut pada", details.QuerySelector("#consent-withdrawn")!.TextContent);
        await using (var db = App.NewDbContext())
        {
            var unit = await db.IndustrialUnits.SingleAsync();
            Assert.Equal((false, (DateOnly?)null), (unit.PublicConsent, unit.PublicConsentOn));
            Assert.NotNull(unit.PublicConsentWithdrawnOn);
            var entry = await db.AuditEntries.Where(a => a.EntityType == "IndustrialUnit" && a.Action == AuditAction.Update).OrderByDescending(a => a.OccurredAt).FirstAsync();
            Assert.Contains("PublicConsentWithdrawnOn", entry.Changes);
        }
    }
}
