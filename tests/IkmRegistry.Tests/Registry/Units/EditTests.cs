using System.Text.Json;

namespace IkmRegistry.Tests.Registry.Units;

public class EditTests(RegistryApp app) : RegistryTest(app)
{
    private Task<Browser> StaffAsync(string email) => App.SignedInAsync(Roles.Staff, email);

    [Fact]
    public async Task An_edit_is_saved_with_old_and_new_values_in_the_audit_trail()
    {
        var unit = await Seed.UnitAsync(App);
        using var browser = await StaffAsync("rina@dpkukmp.test");
        var page = await browser.GetAsync($"/Registry/Units/Edit/{unit.Id}");

        page = await browser.SubmitAsync(page.QuerySelector<IHtmlFormElement>("main form")!, new Dictionary<string, string>
        {
            ["Input.BusinessName"] = "Amplang Bu Sari Jaya",
            ["Input.WorkersFemale"] = "4",
        });

        Assert.Equal($"/Registry/Units/Details/{unit.Id}", browser.LastUrl!.AbsolutePath);
        await using var db = App.NewDbContext();
        Assert.Equal("Amplang Bu Sari Jaya", (await db.IndustrialUnits.SingleAsync()).BusinessName);
        var audit = await db.AuditEntries.SingleAsync(a => a.Action == AuditAction.Update);
        Assert.Equal("rina@dpkukmp.test", audit.UserName);
        using var changes = JsonDocument.Parse(audit.Changes!);
        Assert.Equal("Amplang Ikan Pipih Bu Sari", changes.RootElement.GetProperty("BusinessName").GetProperty("Old").GetString());
        Assert.Equal("Amplang Bu Sari Jaya", changes.RootElement.GetProperty("BusinessName").GetProperty("New").GetString());
        Assert.Equal(4, changes.RootElement.GetProperty("WorkersFemale").GetProperty("New").GetInt32());
        Assert.False(changes.RootElement.TryGetProperty("OwnerName", out _), "Unchanged fields are not recorded");

        // The history on the unit's page shows it.
        Assert.Contains("Amplang Bu Sari Jaya", page.QuerySelector("#history-title")!.ParentElement!.TextContent);
    }

    [Fact]
    public async Task Editing_a_stale_unit_shows_a_conflict_and_keeps_both_versions()
    {
        var unit = await Seed.UnitAsync(App);
        using var first = await StaffAsync("satu@dpkukmp.test");
        using var second = await StaffAsync("dua@dpkukmp.test");
        var firstForm = (await first.GetAsync($"/Registry/Units/Edit/{unit.Id}")).QuerySelector<IHtmlFormElement>("main form")!;
        var secondForm = (await second.GetAsync($"/Registry/Units/Edit/{unit.Id}")).QuerySelector<IHtmlFormElement>("main form")!;

        await first.SubmitAsync(firstForm, new Dictionary<string, string> { ["Input.MainProducts"] = "amplang pedas" });
        var page = await second.SubmitAsync(secondForm, new Dictionary<string, string> { ["Input.MainProducts"] = "amplang original" });

        // Nothing was overwritten: the first save stands, the second user sees both values.
        Assert.Equal($"/Registry/Units/Edit/{unit.Id}", second.LastUrl!.AbsolutePath);
        var conflict = page.QuerySelector("#conflict")!;
        Assert.Equal("amplang pedas", conflict.QuerySelector("[data-conflict=theirs]")!.TextContent);
        Assert.Equal("amplang original", conflict.QuerySelector("[data-conflict=mine]")!.TextContent);
        Assert.Equal("amplang original", page.QuerySelector<IHtmlInputElement>("[name='Input.MainProducts']")!.Value);
        await using (var db = App.NewDbContext())
        {
            Assert.Equal("amplang pedas", (await db.IndustrialUnits.SingleAsync()).MainProducts);
        }

        // Applying theirs again is a deliberate second save.
        await second.SubmitAsync(page.QuerySelector<IHtmlFormElement>("main form")!);
        Assert.Equal($"/Registry/Units/Details/{unit.Id}", second.LastUrl!.AbsolutePath);
        await using (var db = App.NewDbContext())
        {
            Assert.Equal("amplang original", (await db.IndustrialUnits.SingleAsync()).MainProducts);
            Assert.Equal(2, await db.AuditEntries.CountAsync(a => a.Action == AuditAction.Update));
        }
    }

    [Fact]
    public async Task Dropping_ones_edit_after_a_conflict_reloads_the_current_values()
    {
        var unit = await Seed.UnitAsync(App);
        using var first = await StaffAsync("satu@dpkukmp.test");
        using var second = await StaffAsync("dua@dpkukmp.test");
        var secondForm = (await second.GetAsync($"/Registry/Units/Edit/{unit.Id}")).QuerySelector<IHtmlFormElement>("main form")!;
        var firstForm = (await first.GetAsync($"/Registry/Units/Edit/{unit.Id}")).QuerySelector<IHtmlFormElement>("main form")!;
        await first.SubmitAsync(firstForm, new Dictionary<string, string> { ["Input.Address"] = "Jl. Baru No. 1" });
        var page = await second.SubmitAsync(secondForm, new Dictionary<string, string> { ["Input.Address"] = "Jl. Lama No. 2" });

        var drop = page.QuerySelectorAll<IHtmlAnchorElement>("main form a").Single(a => a.TextContent.Contains("Buang isian saya", StringComparison.Ordinal));
        page = await second.GetAsync(drop.PathName);

        Assert.Equal("Jl. Baru No. 1", page.QuerySelector<IHtmlInputElement>("[name='Input.Address']")!.Value);
    }

    [Fact]
    public async Task A_failed_save_keeps_what_was_typed_shows_the_message_beside_the_field_and_changes_nothing()
    {
        var unit = await Seed.UnitAsync(App);
        using var browser = await StaffAsync("rina@dpkukmp.test");
        var form = (await browser.GetAsync($"/Registry/Units/Edit/{unit.Id}")).QuerySelector<IHtmlFormElement>("main form")!;

        var page = await browser.SubmitAsync(form, new Dictionary<string, string>
        {
            ["Input.BusinessName"] = "",
            ["Input.MainProducts"] = "amplang pedas manis",
            ["Input.WorkersFemale"] = "empat",
        });

        Assert.Equal(System.Net.HttpStatusCode.OK, browser.LastStatus);
        Assert.Equal($"/Registry/Units/Edit/{unit.Id}", browser.LastUrl!.AbsolutePath);
        Assert.False(string.IsNullOrWhiteSpace(page.QuerySelector("[data-valmsg-for='Input.BusinessName']")!.TextContent));
        Assert.False(string.IsNullOrWhiteSpace(page.QuerySelector("[data-valmsg-for='Input.WorkersFemale']")!.TextContent));
        Assert.Equal("amplang pedas manis", page.QuerySelector<IHtmlInputElement>("[name='Input.MainProducts']")!.Value);
        Assert.Equal("empat", page.QuerySelector<IHtmlInputElement>("[name='Input.WorkersFemale']")!.Value);
        await using var db = App.NewDbContext();
        var saved = await db.IndustrialUnits.SingleAsync();
        Assert.Equal("Amplang Ikan Pipih Bu Sari", saved.BusinessName);
        Assert.Equal(unit.MainProducts, saved.MainProducts);
        Assert.False(await db.AuditEntries.AnyAsync(a => a.Action == AuditAction.Update));
    }

    [Fact]
    public async Task A_unit_that_does_not_exist_is_not_found_to_open_or_to_save()
    {
        var unit = await Seed.UnitAsync(App);
        using var browser = await StaffAsync("rina@dpkukmp.test");

        await browser.GetAsync($"/Registry/Units/Edit/{unit.Id + 1000}");
        var opened = browser.LastStatus;
        await browser.PostAsync($"/Registry/Units/Edit/{unit.Id + 1000}", new Dictionary<string, string> { ["Input.BusinessName"] = "Amplang Lain" });

        Assert.Equal(System.Net.HttpStatusCode.NotFound, opened);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, browser.LastStatus);
        await using var db = App.NewDbContext();
        Assert.False(await db.AuditEntries.AnyAsync(a => a.Action == AuditAction.Update));
    }

    [Fact]
    public async Task A_save_that_changes_the_unit_clears_its_verification_and_one_that_changes_nothing_keeps_it()
    {
        var verifiedAt = new DateTime(2026, 11, 2, 3, 0, 0, DateTimeKind.Utc);
        var unit = await Seed.UnitAsync(App, configure: u => (u.VerifiedAt, u.VerifiedBy) = (verifiedAt, "verifikator@dpkukmp.test"));
        using var browser = await StaffAsync("rina@dpkukmp.test");

        await browser.SubmitAsync((await browser.GetAsync($"/Registry/Units/Edit/{unit.Id}")).QuerySelector<IHtmlFormElement>("main form")!);
        await using (var db = App.NewDbContext())
        {
            var unchanged = await db.IndustrialUnits.AsNoTracking().SingleAsync();
            Assert.Equal(verifiedAt, unchanged.VerifiedAt);
            Assert.Equal("verifikator@dpkukmp.test", unchanged.VerifiedBy);
        }

        await browser.SubmitAsync((await browser.GetAsync($"/Registry/Units/Edit/{unit.Id}")).QuerySelector<IHtmlFormElement>("main form")!,
            new Dictionary<string, string> { ["Input.MainProducts"] = "amplang pedas" });

        Assert.Equal($"/Registry/Units/Details/{unit.Id}", browser.LastUrl!.AbsolutePath);
        await using (var db = App.NewDbContext())
        {
            var changed = await db.IndustrialUnits.AsNoTracking().SingleAsync();
            Assert.Equal("amplang pedas", changed.MainProducts);
            Assert.Null(changed.VerifiedAt);
            Assert.Null(changed.VerifiedBy);
        }
    }
}
