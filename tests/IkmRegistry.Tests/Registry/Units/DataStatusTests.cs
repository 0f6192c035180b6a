namespace IkmRegistry.Tests.Registry.Units;

/// <summary>Real records go in: incomplete units are saved and flagged, not refused; staff verify them.</summary>
public class DataStatusTests(RegistryApp app) : RegistryTest(app)
{
    private Task<Browser> StaffAsync(string email = "petugas@dpkukmp.test") => App.SignedInAsync(Roles.Staff, email);

    private static string Status(IDocument page) => page.QuerySelector("#data-status [data-status]")!.GetAttribute("data-status")!;

    private static string[] Reasons(IDocument page) => [.. page.QuerySelectorAll("#data-issues [data-issue]").Select(i => i.GetAttribute("data-issue")!)];

    private static Task<IDocument> VerifyAsync(Browser browser, IDocument details) =>
        browser.SubmitAsync(details.QuerySelector<IHtmlFormElement>("form[action*='handler=Verify']")!);

    [Fact]
    public async Task A_CV_without_NIK_but_with_its_responsible_person_is_saved_as_complete()
    {
        using var browser = await StaffAsync();
        var form = await UnitForm.ValidAsync(App);
        form["Input.LegalForm"] = "CV";
        form["Input.Nik"] = "";
        form["Input.ResponsiblePersonName"] = "Budi Santoso";
        form["Input.ResponsiblePersonRole"] = "Direktur";

        var page = await UnitForm.SubmitAsync(browser, form);

        Assert.StartsWith("/Registry/Units/Details/", browser.LastUrl!.AbsolutePath);
        Assert.Equal("Lengkap", Status(page));
        Assert.Empty(Reasons(page));
        await using var db = App.NewDbContext();
        var unit = await db.IndustrialUnits.SingleAsync();
        Assert.Null(unit.Nik);
        Assert.Equal(("Budi Santoso", "Direktur"), (unit.ResponsiblePersonName, unit.ResponsiblePersonRole));
    }

    [Fact]
    public async Task A_legal_entity_without_a_responsible_person_needs_verification()
    {
        using var browser = await StaffAsync();
        var form = await UnitForm.ValidAsync(App);
        form["Input.LegalForm"] = "Koperasi";
        form["Input.Nik"] = "";

        var page = await UnitForm.SubmitAsync(browser, form);

        Assert.Equal("PerluVerifikasi", Status(page));
        Assert.Equal(["tanpa-penanggung-jawab"], Reasons(page));
    }

    [Fact]
    public async Task A_sole_proprietor_without_NIK_is_saved_as_needing_verification_and_cannot_be_verified()
    {
        using var browser = await StaffAsync();
        var form = await UnitForm.ValidAsync(App);
        form["Input.Nik"] = "";

        var page = await UnitForm.SubmitAsync(browser, form);

        Assert.StartsWith("/Registry/Units/Details/", browser.LastUrl!.AbsolutePath);
        Assert.Equal("PerluVerifikasi", Status(page));
        Assert.Equal(["tanpa-nik"], Reasons(page));

        page = await VerifyAsync(browser, page);
        Assert.Contains("belum dapat diverifikasi", page.QuerySelector("main")!.TextContent);
        Assert.Equal("PerluVerifikasi", Status(page));
        await using var db = App.NewDbContext();
        Assert.Null((await db.IndustrialUnits.SingleAsync()).VerifiedAt);
    }

    [Fact]
    public async Task Each_data_status_transition_from_needing_verification_to_complete_to_verified_and_back_on_edit()
    {
        using var browser = await StaffAsync("rina@dpkukmp.test");
        var form = await UnitForm.ValidAsync(App);
        form["Input.Nik"] = "";
        var page = await UnitForm.SubmitAsync(browser, form);
        Assert.Equal("PerluVerifikasi", Status(page));
        var id = browser.LastUrl!.AbsolutePath.Split('/')[^1];

        // Completing the NIK makes it complete.
        page = await browser.GetAsync($"/Registry/Units/Edit/{id}");
        page = await browser.SubmitAsync(page.QuerySelector<IHtmlFormElement>("main form")!, new Dictionary<string, string> { ["Input.Nik"] = "6271034107900002" });
        Assert.Equal("Lengkap", Status(page));

        // Verified: who and when.
        page = await VerifyAsync(browser, page);
        Assert.Equal("Terverifikasi", Status(page));
        Assert.Contains("rina@dpkukmp.test", page.QuerySelector("#data-status")!.TextContent);
        await using (var db = App.NewDbContext())
        {
            var unit = await db.IndustrialUnits.SingleAsync();
            Assert.Equal("rina@dpkukmp.test", unit.VerifiedBy);
            Assert.NotNull(unit.VerifiedAt);
            Assert.Contains(await db.AuditEntries.Where(a => a.Action == AuditAction.Update).Select(a => a.Changes).ToListAsync(), c => c!.Contains("VerifiedBy"));
        }

        // Saving unchanged keeps the verification; a change asks for it again.
        page = await browser.GetAsync($"/Registry/Units/Edit/{id}");
        page = await browser.SubmitAsync(page.QuerySelector<IHtmlFormElement>("main form")!);
        Assert.Equal("Terverifikasi", Status(page));
        page = await browser.GetAsync($"/Registry/Units/Edit/{id}");
        page = await browser.SubmitAsync(page.QuerySelector<IHtmlFormElement>("main form")!, new Dictionary<string, string> { ["Input.MainProducts"] = "kerupuk" });
        Assert.Equal("Lengkap", Status(page));

        // Removing the NIK again puts it back in the queue.
        page = await browser.GetAsync($"/Registry/Units/Edit/{id}");
        page = await browser.SubmitAsync(page.QuerySelector<IHtmlFormElement>("main form")!, new Dictionary<string, string> { ["Input.Nik"] = "" });
        Assert.Equal("PerluVerifikasi", Status(page));
    }

    [Fact]
    public async Task The_work_queue_lists_unverified_incomplete_units_by_kelurahan_and_reason()
    {
        await Seed.UnitAsync(App, "Tanpa NIK Menteng", "62.71.03.1002", configure: u => u.Nik = null);
        await Seed.UnitAsync(App, "Tanpa NIB Pahandut", nib: null);
        await Seed.UnitAsync(App, "Lengkap Pahandut", nib: "1111111111111");
        await Seed.UnitAsync(App, "Diverifikasi Pahandut", configure: u => u.VerifiedAt = DateTime.UtcNow);
        await Seed.UnitAsync(App, "Tutup Pahandut", configure: u => u.Status = UnitStatus.Tutup);
        using var browser = await StaffAsync();

        var all = await browser.GetAsync("/Registry/Units/Verification");
        var names = all.QuerySelectorAll("tbody tr td:first-child").Select(c => c.TextContent.Trim()).ToList();
        Assert.Equal(["Tanpa NIK Menteng", "Tanpa NIB Pahandut"], names);

        await using var db = App.NewDbContext();
        var menteng = await db.Kelurahan.SingleAsync(k => k.Code == "62.71.03.1002");
        var byKelurahan = await browser.GetAsync($"/Registry/Units/Verification?kelurahan={menteng.Id}");
        Assert.Equal(["Tanpa NIK Menteng"], byKelurahan.QuerySelectorAll("tbody tr td:first-child").Select(c => c.TextContent.Trim()));
        // The Menteng unit has neither NIK nor NIB: both reasons are listed.
        Assert.Contains("NIK pemilik perorangan belum ada", byKelurahan.QuerySelector("tbody tr")!.TextContent);

        var byReason = await browser.GetAsync("/Registry/Units/Verification?alasan=tanpa-nik");
        Assert.Equal(["Tanpa NIK Menteng"], byReason.QuerySelectorAll("tbody tr td:first-child").Select(c => c.TextContent.Trim()));
    }

    [Fact]
    public async Task KBLI_10000_is_refused_and_13134_suggests_Sandang_when_the_category_is_left_open()
    {
        using var browser = await StaffAsync();
        var form = await UnitForm.ValidAsync(App, category: "");
        form["Input.KbliCode"] = "10000";
        var page = await UnitForm.SubmitAsync(browser, form);
        Assert.Contains("tidak ada dalam KBLI 2020", page.QuerySelector("[data-valmsg-for='Input.KbliCode']")!.TextContent);

        form["Input.KbliCode"] = "13134";
        page = await UnitForm.SubmitAsync(browser, form);

        Assert.StartsWith("/Registry/Units/Details/", browser.LastUrl!.AbsolutePath);
        Assert.Contains("13134 Industri Batik", page.QuerySelector("[data-field=kblicode]")!.TextContent);
        await using var db = App.NewDbContext();
        Assert.Equal("sandang", (await db.IndustrialUnits.Include(u => u.Category).SingleAsync()).Category.Code);
    }

    [Fact]
    public async Task A_category_that_contradicts_the_KBLI_is_saved_and_flagged()
    {
        using var browser = await StaffAsync();
        var form = await UnitForm.ValidAsync(App, category: "pangan");
        form["Input.KbliCode"] = "13134";

        var page = await UnitForm.SubmitAsync(browser, form);

        Assert.StartsWith("/Registry/Units/Details/", browser.LastUrl!.AbsolutePath);
        Assert.Equal("PerluVerifikasi", Status(page));
        Assert.Equal(["kbli-tidak-sesuai"], Reasons(page));
        Assert.Contains("Sandang", page.QuerySelector("#data-issues")!.TextContent);

        // Staff may know better: verifying keeps the reason as a note.
        page = await VerifyAsync(browser, page);
        Assert.Equal("Terverifikasi", Status(page));
        Assert.Equal(["kbli-tidak-sesuai"], Reasons(page));
    }

    [Theory]
    [InlineData("16291", "kerajinan")]
    [InlineData("16292", "kerajinan")]
    [InlineData("16293", "kayu")]
    [InlineData("13134", "sandang")]
    [InlineData("13121", "sandang")]
    [InlineData("23921", "lainnya")]
    [InlineData("21022", "lainnya")]
    [InlineData("12011", "lainnya")]
    [InlineData("10750", "pangan")]
    [InlineData("25111", "logam")]
    public async Task The_mapping_gives_each_code_one_category_with_exceptions_and_Lainnya_for_the_rest(string code, string category)
    {
        await using var db = App.NewDbContext();
        var id = await db.Database.SqlQuery<int?>($"SELECT kbli_category({code}) AS \"Value\"").SingleAsync();
        Assert.Equal(category, (await db.ProductCategories.SingleAsync(c => c.Id == id)).Code);
    }

    [Fact]
    public async Task Two_sites_under_one_NIB_are_saved_after_confirmation_and_link_to_each_other()
    {
        var first = await Seed.UnitAsync(App, "Rotan Jaya Bengkel 1", nib: "1234567890123", configure: u => u.OwnerName = "Rina Marlina");
        using var browser = await StaffAsync();
        var form = await UnitForm.ValidAsync(App);
        form["Input.BusinessName"] = "Rotan Jaya Bengkel 2";

        var page = await UnitForm.SubmitAsync(browser, form);
        Assert.Equal("/Registry/Units/Create", browser.LastUrl!.AbsolutePath);
        Assert.Contains("tempat produksi lain", page.QuerySelector("[data-valmsg-for='Input.Nib']")!.TextContent);
        Assert.Equal($"/Registry/Units/Details/{first.Id}", page.QuerySelector<IHtmlAnchorElement>("#nib-duplicate a")!.PathName);
        // The owner's NIK differs from the first site's: a second confirmation.
        Assert.NotNull(page.QuerySelector("#Input_ConfirmDifferentOwner"));

        page = await browser.SubmitAsync(page.QuerySelector<IHtmlFormElement>("main form")!,
            new Dictionary<string, string> { ["Input.ConfirmSameBusiness"] = "true" });
        Assert.Equal("/Registry/Units/Create", browser.LastUrl!.AbsolutePath);
        Assert.Contains("berbeda", page.QuerySelector("[data-valmsg-for='Input.Nib']")!.TextContent);

        page = await browser.SubmitAsync(page.QuerySelector<IHtmlFormElement>("main form")!,
            new Dictionary<string, string> { ["Input.ConfirmSameBusiness"] = "true", ["Input.ConfirmDifferentOwner"] = "true" });
        Assert.StartsWith("/Registry/Units/Details/", browser.LastUrl!.AbsolutePath);
        Assert.Equal($"/Registry/Units/Details/{first.Id}", page.QuerySelector<IHtmlAnchorElement>("#other-sites a")!.PathName);
        var second = await browser.GetAsync($"/Registry/Units/Details/{first.Id}");
        Assert.Contains("Rotan Jaya Bengkel 2", second.QuerySelector("#other-sites")!.TextContent);
        await using var db = App.NewDbContext();
        Assert.Equal(2, await db.IndustrialUnits.CountAsync(u => u.Nib == "1234567890123"));
    }

    [Fact]
    public async Task The_same_owner_under_one_NIB_needs_only_the_site_confirmation()
    {
        await Seed.UnitAsync(App, "Rotan Jaya Bengkel 1", nib: "1234567890123", configure: u => (u.OwnerName, u.Nik) = ("RINA MARLINA", "6271034107900002"));
        using var browser = await StaffAsync();
        var form = await UnitForm.ValidAsync(App);
        form["Input.ConfirmSameBusiness"] = "true";

        await UnitForm.SubmitAsync(browser, form);

        Assert.StartsWith("/Registry/Units/Details/", browser.LastUrl!.AbsolutePath);
    }

    [Theory]
    [InlineData("Input.CategoryId", "987654", "Pilih kategori produk dari daftar.")]
    [InlineData("Input.KelurahanId", "987654", "Pilih kelurahan yang masih aktif dari daftar.")]
    [InlineData("Input.LegalForm", "99", "Pilih bentuk badan usaha dari daftar.")]
    [InlineData("Input.OwnerSex", "7", "Pilih jenis kelamin pemilik dari daftar.")]
    public async Task A_tampered_edit_with_an_unknown_id_is_a_message_beside_the_field_not_a_500(string field, string value, string message)
    {
        var unit = await Seed.UnitAsync(App);
        using var browser = await StaffAsync();
        var page = await browser.GetAsync($"/Registry/Units/Edit/{unit.Id}");

        page = await browser.SubmitAsync(page.QuerySelector<IHtmlFormElement>("main form")!, new Dictionary<string, string> { [field] = value });

        Assert.Equal(System.Net.HttpStatusCode.OK, browser.LastStatus);
        Assert.Equal($"/Registry/Units/Edit/{unit.Id}", browser.LastUrl!.AbsolutePath);
        Assert.Contains(message, page.QuerySelector($"[data-valmsg-for='{field}']")!.TextContent);
    }

    [Fact]
    public async Task The_owner_sex_comes_from_a_valid_NIK_over_what_was_entered_and_annual_sales_size_the_business()
    {
        using var browser = await StaffAsync();
        var form = await UnitForm.ValidAsync(App);
        form["Input.OwnerSex"] = "LakiLaki";
        form["Input.AnnualSales"] = "2.000.000.001";

        var page = await UnitForm.SubmitAsync(browser, form);

        Assert.Contains("Usaha kecil", page.QuerySelector("#business-size")!.TextContent);
        await using var db = App.NewDbContext();
        var unit = await db.IndustrialUnits.SingleAsync();
        Assert.Equal(OwnerSex.Perempuan, unit.OwnerSex);
        Assert.Equal(2_000_000_001m, unit.AnnualSales);
    }

    [Fact]
    public async Task The_unit_list_filters_by_data_status_and_both_size_rules()
    {
        await Seed.UnitAsync(App, "Mikro Lengkap", nib: "1111111111111", configure: u => (u.InvestmentValue, u.WorkersMale) = (500_000_000, 3));
        await Seed.UnitAsync(App, "Menengah Tanpa NIB", configure: u => (u.InvestmentValue, u.WorkersMale) = (6_000_000_000, 25));
        using var browser = await StaffAsync();

        static List<string> Names(IDocument page) => [.. page.QuerySelectorAll("tbody tr td:first-child a").Select(a => a.TextContent.Trim())];

        Assert.Equal(["Mikro Lengkap"], Names(await browser.GetAsync("/Registry/Units?data=Lengkap")));
        Assert.Equal(["Menengah Tanpa NIB"], Names(await browser.GetAsync("/Registry/Units?data=PerluVerifikasi")));
        Assert.Equal(["Mikro Lengkap"], Names(await browser.GetAsync("/Registry/Units?ukuran=Mikro")));
        Assert.Equal(["Menengah Tanpa NIB"], Names(await browser.GetAsync("/Registry/Units?ukuran=Menengah")));
        Assert.Equal(["Mikro Lengkap"], Names(await browser.GetAsync("/Registry/Units?skala=Kecil")));
        Assert.Equal(["Menengah Tanpa NIB"], Names(await browser.GetAsync("/Registry/Units?skala=Menengah")));
    }
}
