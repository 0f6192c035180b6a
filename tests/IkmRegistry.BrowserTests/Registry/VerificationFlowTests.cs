namespace IkmRegistry.BrowserTests.Registry;

public class VerificationFlowTests(BrowserApp app) : BrowserTest(app)
{
    [Fact]
    public async Task Staff_save_a_koperasi_without_NIK_find_it_in_the_queue_complete_it_and_mark_it_verified()
    {
        var email = await App.CreateUserAsync(Roles.Staff);
        // Staff have two-factor sign-in: SignInAsync answers the second step too.
        var page = await App.SignInAsync(email, 1280, 900);

        // A koperasi's unit, without NIK and without its responsible person: saved, not refused.
        await page.GotoAsync("/Registry/Units");
        await page.GetByRole(AriaRole.Link, new() { Name = "Daftarkan unit baru" }).ClickAsync();
        await page.AssertNoSeriousViolationsAsync();
        await page.GetByRole(AriaRole.Textbox, new() { Name = "Nama usaha", Exact = true }).FillAsync("Koperasi Anyaman Rotan Sejahtera");
        await page.GetByLabel("Kode KBLI (5 digit)").FillAsync("16291");
        await page.GetByLabel("NIB (13 digit)").FillAsync("9120000000001");
        await page.GetByLabel("Bentuk badan usaha").SelectOptionAsync(new SelectOptionValue { Label = "Koperasi" });
        await page.GetByRole(AriaRole.Textbox, new() { Name = "Nama pemilik", Exact = true }).FillAsync("Koperasi Anyaman Rotan Sejahtera");
        await page.GetByRole(AriaRole.Combobox, new() { Name = "Kelurahan", Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Menteng" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Simpan" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Koperasi Anyaman Rotan Sejahtera", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#data-status")).ToContainTextAsync("Perlu verifikasi");
        await Assertions.Expect(page.Locator("#data-issues")).ToContainTextAsync("Penanggung jawab badan usaha belum ada");
        await page.AssertNoSeriousViolationsAsync();

        // The work queue, filtered by kelurahan and reason.
        await page.GetByRole(AriaRole.Link, new() { Name = "Unit usaha industri" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Perlu verifikasi" }).ClickAsync();
        await page.GetByRole(AriaRole.Combobox, new() { Name = "Kelurahan", Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Menteng" });
        await page.GetByLabel("Alasan").SelectOptionAsync(new SelectOptionValue { Label = "Penanggung jawab badan usaha belum ada" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Terapkan" }).ClickAsync();
        await Assertions.Expect(page.Locator("#queue-count")).ToContainTextAsync("1 unit");
        await page.AssertNoSeriousViolationsAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Koperasi Anyaman Rotan Sejahtera" }).ClickAsync();

        // Complete it: the koperasi's chair answers for it.
        await page.GetByRole(AriaRole.Link, new() { Name = "Ubah", Exact = true }).ClickAsync();
        await page.GetByLabel("Penanggung jawab (untuk CV", new() { Exact = false }).FillAsync("Siti Aminah");
        await page.GetByLabel("Jabatan penanggung jawab").FillAsync("Ketua koperasi");
        await page.GetByRole(AriaRole.Button, new() { Name = "Simpan" }).ClickAsync();
        await Assertions.Expect(page.Locator("#data-status")).ToContainTextAsync("Lengkap");

        await page.GetByRole(AriaRole.Button, new() { Name = "Tandai terverifikasi" }).ClickAsync();
        await Assertions.Expect(page.Locator("#data-status")).ToContainTextAsync("Terverifikasi");
        await Assertions.Expect(page.Locator("#data-status")).ToContainTextAsync(email);
        await page.AssertNoSeriousViolationsAsync();

        await page.GotoAsync("/Registry/Units/Verification");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Koperasi Anyaman Rotan Sejahtera" })).ToHaveCountAsync(0);

        await using var db = App.NewDbContext();
        var unit = await db.IndustrialUnits.Include(u => u.Category).SingleAsync();
        Assert.Null(unit.Nik);
        Assert.Equal("kerajinan", unit.Category.Code);
        Assert.Equal(email, unit.VerifiedBy);
    }
}
