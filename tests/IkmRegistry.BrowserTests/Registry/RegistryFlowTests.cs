namespace IkmRegistry.BrowserTests.Registry;

public class RegistryFlowTests(BrowserApp app) : BrowserTest(app, withDemoData: true)
{
    [Fact]
    public async Task Staff_form_a_sentra_where_none_exists_add_five_members_and_the_warning_and_the_coverage_follow()
    {
        var page = await App.SignInAsync(await App.CreateUserAsync(Roles.Staff));

        await page.GetByRole(AriaRole.Link, new() { Name = "Sentra", Exact = true }).ClickAsync();
        await page.AssertNoSeriousViolationsAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Kanarakan" }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("Kelurahan")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex(@"\d+"));
        await page.AssertNoSeriousViolationsAsync();

        await page.GetByLabel("Nama sentra").FillAsync("Sentra IKM Pangan Kanarakan");
        await page.GetByLabel("Status").SelectOptionAsync("Aktif");
        await page.GetByLabel("Tanggal berdiri").FillAsync("2026-11-02");
        // An active sentra needs its decree (SK).
        await page.GetByLabel("Nomor SK").FillAsync("188.45/301/DPKUKMP/2026");
        await page.GetByLabel("Tanggal SK").FillAsync("2026-11-02");
        await page.GetByLabel("Pangan", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("Produk utama").FillAsync("ikan asin, kerupuk");
        await page.GetByRole(AriaRole.Button, new() { Name = "Simpan" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sentra IKM Pangan Kanarakan" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#member-warning")).ToContainTextAsync("0 anggota aktif");
        await page.AssertNoSeriousViolationsAsync();

        await using var db = App.NewDbContext();
        var kanarakan = await db.Kelurahan.SingleAsync(k => k.Name == "Kanarakan");
        var units = await db.IndustrialUnits.Where(u => u.KelurahanId == kanarakan.Id).OrderBy(u => u.Id).Select(u => new { u.BusinessName, u.Nib }).Take(5).ToListAsync();
        foreach (var unit in units)
        {
            await page.GetByLabel("Cari unit terdaftar").FillAsync(unit.BusinessName);
            await page.GetByLabel("Cari unit terdaftar").PressAsync("Enter");
            await page.Locator("#candidates").GetByRole(AriaRole.Button, new() { Name = $"Tambahkan {unit.BusinessName}" }).First.ClickAsync();
            // A unit of another category than the sentra's is added once staff confirm.
            await page.Locator(".alert-success, #confirm-member").First.WaitForAsync();
            if (await page.Locator("#confirm-member").CountAsync() > 0)
            {
                await page.GetByRole(AriaRole.Button, new() { Name = "Ya, tambahkan sebagai anggota" }).ClickAsync();
            }

            await Assertions.Expect(page.Locator(".alert-success")).ToContainTextAsync("ditambahkan sebagai anggota");
        }

        await Assertions.Expect(page.Locator("#member-warning")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("#members tbody tr")).ToHaveCountAsync(5);
        await page.AssertNoSeriousViolationsAsync();

        // The coverage dashboard counts the new active sentra: 24 of 30.
        await page.GetByRole(AriaRole.Link, new() { Name = "Dasbor" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-figure=coverage]")).ToContainTextAsync("24 dari 30");
    }

    [Fact]
    public async Task Two_staff_editing_one_unit_see_a_conflict_instead_of_overwriting_each_other()
    {
        await using var db = App.NewDbContext();
        var unit = await db.IndustrialUnits.OrderBy(u => u.Id).FirstAsync();
        var first = await App.SignInAsync(await App.CreateUserAsync(Roles.Staff, "satu@dpkukmp.test"));
        var second = await App.SignInAsync(await App.CreateUserAsync(Roles.Staff, "dua@dpkukmp.test"));
        await first.GotoAsync($"/Registry/Units/Edit/{unit.Id}");
        await second.GotoAsync($"/Registry/Units/Edit/{unit.Id}");
        await first.AssertNoSeriousViolationsAsync();

        await first.GetByLabel("Produk utama").FillAsync("amplang pedas");
        await first.GetByRole(AriaRole.Button, new() { Name = "Simpan" }).ClickAsync();
        await Assertions.Expect(first.Locator(".alert-success")).ToContainTextAsync("tersimpan");

        await second.GetByLabel("Produk utama").FillAsync("amplang original");
        await second.GetByRole(AriaRole.Button, new() { Name = "Simpan" }).ClickAsync();

        var conflict = second.Locator("#conflict");
        await Assertions.Expect(conflict).ToContainTextAsync("sudah diubah orang lain");
        await Assertions.Expect(conflict.Locator("[data-conflict=theirs]")).ToHaveTextAsync("amplang pedas");
        await Assertions.Expect(second.GetByLabel("Produk utama")).ToHaveValueAsync("amplang original");
        await second.AssertNoSeriousViolationsAsync();

        await second.GetByRole(AriaRole.Button, new() { Name = "Simpan isian saya" }).ClickAsync();
        await Assertions.Expect(second.Locator(".alert-success")).ToContainTextAsync("tersimpan");
        await using var check = App.NewDbContext();
        Assert.Equal("amplang original", (await check.IndustrialUnits.SingleAsync(u => u.Id == unit.Id)).MainProducts);
    }

    [Fact]
    public async Task The_unit_list_and_a_unit_page_pass_axe_and_fit_a_phone()
    {
        var page = await App.SignInAsync(await App.CreateUserAsync(Roles.Official), 390, 844);
        await page.GotoAsync("/Registry/Units?q=amplang");
        await page.AssertNoSeriousViolationsAsync();
        var overflow = await page.EvaluateAsync<bool>("document.documentElement.scrollWidth > document.documentElement.clientWidth");
        Assert.False(overflow, "The unit list scrolls sideways on a phone");

        await page.Locator("main table a").First.ClickAsync();
        await Assertions.Expect(page.Locator("[data-field=nik]")).ToBeVisibleAsync();
        await page.AssertNoSeriousViolationsAsync();
        overflow = await page.EvaluateAsync<bool>("document.documentElement.scrollWidth > document.documentElement.clientWidth");
        Assert.False(overflow, "The unit page scrolls sideways on a phone");
    }
}
