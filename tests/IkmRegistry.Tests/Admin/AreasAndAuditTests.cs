namespace IkmRegistry.Tests.Admin;

public class AreasAndAuditTests(RegistryApp app) : RegistryTest(app)
{
    private Task<Browser> AdminAsync() => App.SignedInAsync(Roles.Admin, "admin@dpkukmp.test");

    [Fact]
    public async Task A_retired_kelurahan_keeps_its_units_leaves_the_forms_and_can_be_restored()
    {
        var unit = await Seed.UnitAsync(App, kelurahanCode: "62.71.05.1005");
        using var admin = await AdminAsync();
        var page = await admin.GetAsync("/Admin/Kelurahan");
        var pager = page.QuerySelectorAll("main tbody tr").Single(r => r.TextContent.Contains("62.71.05.1005", StringComparison.Ordinal));

        page = await admin.SubmitAsync(pager.QuerySelector<IHtmlFormElement>("form")!);
        Assert.Contains("Pager dinonaktifkan", page.QuerySelector(".alert-success")!.TextContent);

        await using (var db = App.NewDbContext())
        {
            Assert.NotNull((await db.Kelurahan.SingleAsync(k => k.Code == "62.71.05.1005")).RetiredOn);
            Assert.Equal(1, await db.IndustrialUnits.CountAsync(u => u.Id == unit.Id));
            Assert.Equal("62.71.05.1005", (await db.Kelurahan.SingleAsync(k => k.Id.ToString() == db.AuditEntries.Single(a => a.EntityType == "Kelurahan" && a.Action == AuditAction.StatusChange).EntityId)).Code);
        }

        var form = await admin.GetAsync("/Registry/Units/Create");
        Assert.DoesNotContain(form.QuerySelectorAll("#Input_KelurahanId option"), o => o.TextContent == "Pager");
        // The unit's own form still shows it, marked, so editing it does not silently move it.
        var edit = await admin.GetAsync($"/Registry/Units/Edit/{unit.Id}");
        Assert.Contains(edit.QuerySelectorAll("#Input_KelurahanId option"), o => o.TextContent == "Pager (tidak aktif)");

        page = await admin.GetAsync("/Admin/Kelurahan");
        pager = page.QuerySelectorAll("main tbody tr").Single(r => r.TextContent.Contains("62.71.05.1005", StringComparison.Ordinal));
        await admin.SubmitAsync(pager.QuerySelector<IHtmlFormElement>("form")!);
        await using var check = App.NewDbContext();
        Assert.Null((await check.Kelurahan.SingleAsync(k => k.Code == "62.71.05.1005")).RetiredOn);
    }

    [Fact]
    public async Task An_admin_corrects_a_kelurahan_position_with_a_decimal_comma_and_out_of_town_positions_are_refused()
    {
        using var admin = await AdminAsync();
        await using var db = App.NewDbContext();
        var id = (await db.Kelurahan.SingleAsync(k => k.Code == "62.71.01.1001")).Id;
        var page = await admin.GetAsync($"/Admin/Kelurahan/Edit/{id}");

        page = await admin.SubmitAsync(page.QuerySelector<IHtmlFormElement>("main form")!, new Dictionary<string, string> { ["Input.Latitude"] = "-6,2" });
        Assert.Contains("Lintang harus di wilayah Palangka Raya", page.QuerySelector("[data-valmsg-for='Input.Latitude']")!.TextContent);

        await admin.SubmitAsync(page.QuerySelector<IHtmlFormElement>("main form")!, new Dictionary<string, string> { ["Input.Latitude"] = "-2,2001" });
        Assert.Equal(-2.2001, (await db.Kelurahan.AsNoTracking().SingleAsync(k => k.Id == id)).Latitude, 4);
    }

    [Fact]
    public async Task An_admin_edits_a_categorys_KBLI_mapping()
    {
        using var admin = await AdminAsync();
        await using var db = App.NewDbContext();
        var id = (await db.ProductCategories.SingleAsync(c => c.Code == "kerajinan")).Id;
        var page = await admin.GetAsync($"/Admin/Categories/Edit/{id}");

        page = await admin.SubmitAsync(page.QuerySelector<IHtmlFormElement>("main form")!, new Dictionary<string, string> { ["Input.KbliDivisions"] = "32, 47" });
        Assert.Contains("10 sampai 33", page.QuerySelector("[data-valmsg-for='Input.KbliDivisions']")!.TextContent);

        // A division belongs to one category: 16 is the wood category's.
        page = await admin.SubmitAsync(page.QuerySelector<IHtmlFormElement>("main form")!, new Dictionary<string, string> { ["Input.KbliDivisions"] = "32; 16" });
        Assert.Contains("16 (Produk berbahan dasar kayu)", page.QuerySelector("[data-valmsg-for='Input.KbliDivisions']")!.TextContent);

        page = await admin.SubmitAsync(page.QuerySelector<IHtmlFormElement>("main form")!, new Dictionary<string, string> { ["Input.KbliDivisions"] = "32", ["Input.KbliExceptions"] = "16290" });
        Assert.Contains("yang ada dalam KBLI", page.QuerySelector("[data-valmsg-for='Input.KbliExceptions']")!.TextContent);

        // Carving joins the crafts by exception, and the codes follow the new mapping at once.
        await admin.SubmitAsync(page.QuerySelector<IHtmlFormElement>("main form")!, new Dictionary<string, string> { ["Input.KbliDivisions"] = "32", ["Input.KbliExceptions"] = "16291; 16292, 16293" });
        var category = await db.ProductCategories.AsNoTracking().SingleAsync(c => c.Id == id);
        Assert.Equal(new[] { 32 }, category.KbliDivisions);
        Assert.Equal(new[] { "16291", "16292", "16293" }, category.KbliExceptions);
        Assert.Equal(id, await db.Database.SqlQuery<int>($"SELECT kbli_category('16293') AS \"Value\"").SingleAsync());
    }

    [Fact]
    public async Task The_audit_log_is_searchable_and_offers_no_way_to_change_an_entry()
    {
        var unit = await Seed.UnitAsync(App);
        await Seed.SentraAsync(App);
        using var admin = await AdminAsync();
        await admin.GetAsync($"/Registry/Units/Details/{unit.Id}");

        var page = await admin.GetAsync($"/Admin/Audit?jenis=IndustrialUnit&id={unit.Id}");
        var rows = page.QuerySelectorAll("main tbody tr");
        Assert.Equal(2, rows.Length);
        Assert.Contains("Data pribadi dibuka", rows[0].TextContent);
        Assert.Contains("admin@dpkukmp.test", rows[0].TextContent);
        Assert.Contains("Dibuat", rows[1].TextContent);

        page = await admin.GetAsync("/Admin/Audit?tindakan=View");
        Assert.Single(page.QuerySelectorAll("main tbody tr"));
        Assert.Empty(page.QuerySelectorAll("main form[method=post]"));
    }

    [Fact]
    public async Task Staff_cannot_open_the_admin_area()
    {
        using var browser = new Browser(App);
        await browser.SignInAsync(await App.CreateUserAsync(Roles.Staff));

        await browser.GetAsync("/Admin/Kelurahan");

        Assert.Equal("/Account/AccessDenied", browser.LastUrl!.AbsolutePath);
    }
}
