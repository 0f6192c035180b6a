namespace IkmRegistry.Tests.Admin;

/// <summary>The data subject's right of access (UU 27/2022, issue 18): everything held about one NIK, printable, audited.</summary>
public class SubjectAccessTests(RegistryApp app) : RegistryTest(app)
{
    private const string Nik = "6271034107900002";

    [Fact]
    public async Task An_admin_gets_every_unit_field_membership_and_trail_of_a_NIK_and_the_request_is_audited()
    {
        var first = await Seed.UnitAsync(App, "Anyaman Rotan Subjek Satu", configure: u => { u.Nik = Nik; u.OwnerName = "Dewi Subjek"; u.Phone = "+6281299990001"; });
        var second = await Seed.UnitAsync(App, "Kerupuk Subjek Dua", configure: u => { u.Nik = Nik; u.OwnerName = "Dewi Subjek"; });
        await Seed.UnitAsync(App, "Usaha Orang Lain", configure: u => u.OwnerName = "Orang Lain Sama Sekali");
        var staff = await App.CreateUserAsync(Roles.Staff);
        using (var reader = new Browser(App))
        {
            await reader.SignInAsync(staff);
            await reader.GetAsync($"/Registry/Units/Details/{first.Id}");
        }

        using var admin = new Browser(App);
        await admin.SignInAsync(await App.CreateUserAsync(Roles.Admin));
        var form = await admin.GetAsync("/Admin/SubjectAccess");
        var page = await admin.SubmitAsync(form.QuerySelector<IHtmlFormElement>("main form")!, new Dictionary<string, string> { ["Input.Nik"] = Nik });

        // The NIK was posted, not put in the address.
        Assert.Equal("/Admin/SubjectAccess", admin.LastUrl!.PathAndQuery);
        var sections = page.QuerySelectorAll("section.subject-unit");
        Assert.Equal(2, sections.Length);
        var text = page.QuerySelector("main")!.TextContent;
        Assert.Contains("Anyaman Rotan Subjek Satu", text, StringComparison.Ordinal);
        Assert.Contains("Kerupuk Subjek Dua", text, StringComparison.Ordinal);
        Assert.Contains("+6281299990001", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Orang Lain Sama Sekali", text, StringComparison.Ordinal);
        // Who opened the first unit's personal data is in its trail.
        Assert.Contains("Data pribadi dibuka", sections[0].QuerySelector("table.subject-trail")!.TextContent, StringComparison.Ordinal);
        Assert.Contains(staff, sections[0].QuerySelector("table.subject-trail")!.TextContent, StringComparison.Ordinal);

        await using var db = App.NewDbContext();
        var recorded = await db.AuditEntries.Where(a => a.Action == AuditAction.Export && a.EntityType == nameof(IndustrialUnit)).Select(a => a.EntityId).ToListAsync();
        Assert.Equal([first.Id.ToString(), second.Id.ToString()], recorded.Order());
    }

    [Fact]
    public async Task From_a_unit_id_the_report_covers_every_unit_of_the_same_NIK_and_a_bad_NIK_is_refused_beside_the_field()
    {
        var first = await Seed.UnitAsync(App, "Anyaman Rotan Subjek Satu", configure: u => u.Nik = Nik);
        await Seed.UnitAsync(App, "Kerupuk Subjek Dua", configure: u => u.Nik = Nik);
        using var admin = new Browser(App);
        await admin.SignInAsync(await App.CreateUserAsync(Roles.Admin));
        var form = await admin.GetAsync("/Admin/SubjectAccess");

        var page = await admin.SubmitAsync(form.QuerySelector<IHtmlFormElement>("main form")!, new Dictionary<string, string> { ["Input.UnitId"] = first.Id.ToString() });
        Assert.Equal(2, page.QuerySelectorAll("section.subject-unit").Length);

        page = await admin.SubmitAsync(page.QuerySelector<IHtmlFormElement>("main form")!, new Dictionary<string, string> { ["Input.Nik"] = "12345", ["Input.UnitId"] = "" });
        Assert.Contains("16 angka", page.QuerySelector("#nik-error")!.TextContent, StringComparison.Ordinal);
        Assert.Empty(page.QuerySelectorAll("section.subject-unit"));
    }
}
