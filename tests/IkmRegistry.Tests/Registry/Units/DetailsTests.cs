namespace IkmRegistry.Tests.Registry.Units;

public class DetailsTests(RegistryApp app) : RegistryTest(app)
{
    [Fact]
    public async Task Opening_a_units_personal_data_is_recorded_in_the_audit_trail()
    {
        var unit = await Seed.UnitAsync(App);
        using var browser = new Browser(App);
        await browser.SignInAsync(await App.CreateUserAsync(Roles.Official, "kabid@dpkukmp.test"));

        var page = await browser.GetAsync($"/Registry/Units/Details/{unit.Id}");

        // An official reads the NIK masked and no address (issue 18, item 7); the opening is still audited.
        Assert.Equal("6271••••••••0003", page.QuerySelector("[data-field=nik]")!.TextContent);
        Assert.Null(page.QuerySelector("[data-field=address]"));
        await using var db = App.NewDbContext();
        var view = await db.AuditEntries.SingleAsync(a => a.Action == AuditAction.View);
        Assert.Equal(("IndustrialUnit", unit.Id.ToString(), "kabid@dpkukmp.test"), (view.EntityType, view.EntityId, view.UserName));
        // Officials read but change nothing: no buttons for them.
        Assert.Null(page.QuerySelector("main form[action*='handler=Close']"));
    }

    [Fact]
    public async Task Staff_see_the_full_nik_and_the_address_that_officials_do_not()
    {
        var unit = await Seed.UnitAsync(App);
        using var browser = new Browser(App);
        await browser.SignInAsync(await App.CreateUserAsync(Roles.Staff));

        var page = await browser.GetAsync($"/Registry/Units/Details/{unit.Id}");

        Assert.Equal("6271014508850003", page.QuerySelector("[data-field=nik]")!.TextContent);
        Assert.NotNull(page.QuerySelector("[data-field=address]"));
    }

    [Fact]
    public async Task A_closed_unit_is_kept_and_can_be_reopened()
    {
        var unit = await Seed.UnitAsync(App);
        using var browser = new Browser(App);
        await browser.SignInAsync(await App.CreateUserAsync(Roles.Staff));
        var page = await browser.GetAsync($"/Registry/Units/Details/{unit.Id}");

        page = await browser.SubmitAsync(page.QuerySelector<IHtmlFormElement>("main form[action*='handler=Close']")!);

        Assert.Contains("ditandai tutup", page.QuerySelector(".alert-success")!.TextContent);
        await using (var db = App.NewDbContext())
        {
            var closed = await db.IndustrialUnits.SingleAsync();
            Assert.Equal(UnitStatus.Tutup, closed.Status);
            Assert.NotNull(closed.ClosedOn);
            Assert.Equal(AuditAction.StatusChange, (await db.AuditEntries.Where(a => a.Action != AuditAction.View).OrderByDescending(a => a.Id).FirstAsync()).Action);
        }

        page = await browser.SubmitAsync(page.QuerySelector<IHtmlFormElement>("main form[action*='handler=Reopen']")!);
        await using (var db = App.NewDbContext())
        {
            var reopened = await db.IndustrialUnits.SingleAsync();
            Assert.Equal(UnitStatus.Aktif, reopened.Status);
            Assert.Null(reopened.ClosedOn);
        }
    }

    [Fact]
    public async Task Closing_with_a_stale_version_changes_nothing_and_says_so()
    {
        var unit = await Seed.UnitAsync(App);
        using var browser = new Browser(App);
        await browser.SignInAsync(await App.CreateUserAsync(Roles.Staff));
        var page = await browser.GetAsync($"/Registry/Units/Details/{unit.Id}");
        await using (var db = App.NewDbContext())
        {
            var changed = await db.IndustrialUnits.SingleAsync();
            changed.Address = "Jl. Diubah Orang Lain";
            await db.SaveChangesAsync();
        }

        page = await browser.SubmitAsync(page.QuerySelector<IHtmlFormElement>("main form[action*='handler=Close']")!);

        Assert.Contains("baru saja diubah orang lain", page.QuerySelector(".alert-warning")!.TextContent);
        await using var check = App.NewDbContext();
        Assert.Equal(UnitStatus.Aktif, (await check.IndustrialUnits.SingleAsync()).Status);
    }

    [Fact]
    public async Task An_official_posting_close_is_refused_on_the_server()
    {
        var unit = await Seed.UnitAsync(App);
        using var browser = new Browser(App, followRedirects: false);
        await browser.SignInAsync(await App.CreateUserAsync(Roles.Official));

        await browser.PostAsync($"/Registry/Units/Details/{unit.Id}?handler=Close", new Dictionary<string, string> { ["version"] = unit.Version.ToString() });

        Assert.StartsWith("/Account/AccessDenied", browser.LastLocation!.PathAndQuery);
        await using var db = App.NewDbContext();
        Assert.Equal(UnitStatus.Aktif, (await db.IndustrialUnits.SingleAsync()).Status);
    }

    private async Task<IndustrialUnit> SubmittedUnitAsync()
    {
        var unit = await Seed.UnitAsync(App);
        await using var db = App.NewDbContext();
        var stored = await db.IndustrialUnits.SingleAsync(u => u.Id == unit.Id);
        stored.FormVersion = "3f9a0c2b71de";
        stored.SubmissionUuid = "0a6f2c1e-1111-4b2a-9c1d-000000000001";
        stored.SubmittedBy = "Yusuf Petugas";
        stored.SubmittedAt = new DateTime(2026, 11, 27, 2, 30, 12, DateTimeKind.Utc);
        await db.SaveChangesAsync();
        return stored;
    }

    [Fact]
    public async Task Staff_see_the_field_submission_a_unit_came_from_with_its_officer_and_uuid()
    {
        var unit = await SubmittedUnitAsync();
        using var browser = new Browser(App);
        await browser.SignInAsync(await App.CreateUserAsync(Roles.Staff));

        var page = await browser.GetAsync($"/Registry/Units/Details/{unit.Id}");

        var source = page.QuerySelector("#submission-source")!;
        Assert.Equal("Kiriman pendataan", source.QuerySelector("h2")!.TextContent);
        Assert.Equal("3f9a0c2b71de", source.QuerySelector("[data-source=form-version]")!.TextContent);
        // Stored in UTC, shown in Palangka Raya's time.
        Assert.Equal("27 November 2026 09.30 WIB", source.QuerySelector("[data-source=submitted-at]")!.TextContent);
        Assert.Equal("Yusuf Petugas", source.QuerySelector("[data-source=officer]")!.TextContent);
        Assert.Equal("0a6f2c1e-1111-4b2a-9c1d-000000000001", source.QuerySelector("[data-source=uuid]")!.TextContent);
    }

    [Fact]
    public async Task Officials_see_the_submissions_form_version_and_time_but_not_the_officer_or_the_uuid()
    {
        var unit = await SubmittedUnitAsync();
        using var browser = new Browser(App);
        await browser.SignInAsync(await App.CreateUserAsync(Roles.Official));

        var page = await browser.GetAsync($"/Registry/Units/Details/{unit.Id}");

        var source = page.QuerySelector("#submission-source")!;
        Assert.Equal("3f9a0c2b71de", source.QuerySelector("[data-source=form-version]")!.TextContent);
        Assert.Equal("27 November 2026 09.30 WIB", source.QuerySelector("[data-source=submitted-at]")!.TextContent);
        Assert.Null(source.QuerySelector("[data-source=officer]"));
        Assert.DoesNotContain("Yusuf Petugas", page.Body!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("0a6f2c1e-1111", page.Body!.InnerHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_unit_typed_in_by_staff_shows_no_submission_section()
    {
        var unit = await Seed.UnitAsync(App);
        using var browser = new Browser(App);
        await browser.SignInAsync(await App.CreateUserAsync(Roles.Staff));

        var page = await browser.GetAsync($"/Registry/Units/Details/{unit.Id}");

        Assert.Null(page.QuerySelector("#submission-source"));
    }
}
