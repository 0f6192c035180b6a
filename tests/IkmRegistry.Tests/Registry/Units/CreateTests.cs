using System.Text.Json;

namespace IkmRegistry.Tests.Registry.Units;

public class CreateTests(RegistryApp app) : RegistryTest(app)
{
    private Task<Browser> StaffAsync() => App.SignedInAsync(Roles.Staff, "petugas@dpkukmp.test");

    private Task<Dictionary<string, string>> ValidFormAsync() => UnitForm.ValidAsync(App, with: new Dictionary<string, string>
    {
        ["Input.BusinessName"] = "  Kerupuk   Haruan Bu Rina ",
        ["Input.KbliCode"] = "10213",
        ["Input.MainProducts"] = "kerupuk ikan haruan",
        ["Input.Phone"] = "0812-3456-7890",
        ["Input.WorkersMale"] = "2",
        ["Input.WorkersFemale"] = "3",
        ["Input.InvestmentValue"] = "Rp 1.250.000",
        ["Input.ProductionValuePerYear"] = "24.000.000",
        ["Input.YearStarted"] = "2019",
        ["Input.DataSource"] = "Pendataan 2026",
    });

    [Fact]
    public async Task Staff_register_a_unit_stored_in_normal_form_with_an_audit_entry()
    {
        using var browser = await StaffAsync();
        var page = await UnitForm.SubmitAsync(browser, await ValidFormAsync());

        Assert.Matches(@"/Registry/Units/Details/\d+$", browser.LastUrl!.AbsolutePath);
        Assert.Contains("Kerupuk Haruan Bu Rina tersimpan", page.QuerySelector(".alert-success")!.TextContent);

        await using var db = App.NewDbContext();
        var unit = await db.IndustrialUnits.SingleAsync();
        Assert.Equal("Kerupuk Haruan Bu Rina", unit.BusinessName);
        Assert.Equal("+6281234567890", unit.Phone);
        Assert.Equal(1_250_000m, unit.InvestmentValue);
        Assert.Equal(24_000_000m, unit.ProductionValuePerYear);
        Assert.Equal(KbliEdition.Kbli2020, unit.KbliEdition);
        Assert.Equal(new DateOnly(2026, 11, 20), unit.RegisteredOn);

        var audit = await db.AuditEntries.SingleAsync(a => a.Action == AuditAction.Create && a.EntityType == "IndustrialUnit");
        Assert.Equal(unit.Id.ToString(), audit.EntityId);
        Assert.Equal("petugas@dpkukmp.test", audit.UserName);
        using var changes = JsonDocument.Parse(audit.Changes!);
        Assert.Equal("Kerupuk Haruan Bu Rina", changes.RootElement.GetProperty("BusinessName").GetProperty("New").GetString());
        // The NIK is masked in the audit trail.
        Assert.Equal("6271••••••••0002", changes.RootElement.GetProperty("Nik").GetProperty("New").GetString());
        Assert.DoesNotContain("6271034107900002", audit.Changes!);
    }

    [Theory]
    [InlineData("Input.BusinessName", "   ", "Isi nama usaha.")]
    [InlineData("Input.OwnerName", "", "Isi nama pemilik.")]
    [InlineData("Input.Nik", "62710341079000", "NIK harus 16 digit angka.")]
    [InlineData("Input.Nik", "627103410790000A", "NIK harus 16 digit angka.")]
    [InlineData("Input.Nik", "9971034107900002", "NIK tidak wajar")]
    [InlineData("Input.Nik", "6271033213900002", "NIK tidak wajar")]
    [InlineData("Input.Nik", "6271030000000000", "NIK tidak wajar")]
    [InlineData("Input.Nib", "12345", "NIB harus 13 digit angka")]
    [InlineData("Input.KbliCode", "47111", "golongan pokok 10 sampai 33")]
    [InlineData("Input.KbliCode", "1079", "golongan pokok 10 sampai 33")]
    [InlineData("Input.WorkersMale", "-1", "Tenaga kerja laki-laki harus bilangan bulat 0 atau lebih.")]
    [InlineData("Input.InvestmentValue", "-500", "Nilai investasi (Rp, tanpa tanah dan bangunan) harus angka 0 atau lebih")]
    [InlineData("Input.InvestmentValue", "banyak", "Nilai investasi (Rp, tanpa tanah dan bangunan) harus angka 0 atau lebih")]
    [InlineData("Input.RegisteredOn", "2099-01-01", "Tanggal pendaftaran tidak boleh di masa depan.")]
    [InlineData("Input.RegisteredOn", "kemarin", "Isi tanggal pendaftaran")]
    [InlineData("Input.YearStarted", "1850", "Tahun mulai usaha harus antara 1900 dan tahun ini.")]
    [InlineData("Input.CategoryId", "987654", "Pilih kategori produk dari daftar.")]
    [InlineData("Input.KelurahanId", "", "Pilih kelurahan.")]
    public async Task Bad_input_gets_an_Indonesian_message_beside_the_field_and_keeps_what_was_typed(string field, string value, string message)
    {
        using var browser = await StaffAsync();
        var form = await ValidFormAsync();
        form[field] = value;

        var page = await UnitForm.SubmitAsync(browser, form);

        Assert.Equal("/Registry/Units/Create", browser.LastUrl!.AbsolutePath);
        var error = page.QuerySelector($"[data-valmsg-for='{field}']")!;
        Assert.Contains(message, error.TextContent);
        // What the user typed is still there, this field included.
        Assert.Equal("Rina Marlina" == form["Input.OwnerName"] ? "Rina Marlina" : form["Input.OwnerName"], page.QuerySelector<IHtmlInputElement>("[name='Input.OwnerName']")!.Value);
        if (page.QuerySelector($"input[name='{field}']") is IHtmlInputElement input && input.Type != "date")
        {
            Assert.Equal(value, input.Value);
        }

        await using var db = App.NewDbContext();
        Assert.Equal(0, await db.IndustrialUnits.CountAsync());
    }

    [Fact]
    public async Task A_NIB_already_registered_asks_for_confirmation_and_links_the_existing_unit()
    {
        var existing = await Seed.UnitAsync(App, "Abon Ikan Pak Jaya", nib: "1234567890123");
        using var browser = await StaffAsync();

        var page = await UnitForm.SubmitAsync(browser, await ValidFormAsync());

        Assert.Contains("NIB ini sudah dipakai unit lain.", page.QuerySelector("[data-valmsg-for='Input.Nib']")!.TextContent);
        var link = page.QuerySelector<IHtmlAnchorElement>("#nib-duplicate a")!;
        Assert.Equal($"/Registry/Units/Details/{existing.Id}", link.PathName);
        Assert.Equal("Abon Ikan Pak Jaya", link.TextContent);
        await using var db = App.NewDbContext();
        Assert.Equal(1, await db.IndustrialUnits.CountAsync());
    }

    [Fact]
    public async Task A_similar_name_in_the_same_kelurahan_is_a_warning_that_staff_may_accept()
    {
        var existing = await Seed.UnitAsync(App, "Kerupuk Haruan Bu Rina", "62.71.03.1002");
        using var browser = await StaffAsync();
        var form = await ValidFormAsync();
        form["Input.BusinessName"] = "Kerupuk Haruan Bu Rin";

        var page = await UnitForm.SubmitAsync(browser, form);

        Assert.Equal($"/Registry/Units/Details/{existing.Id}", page.QuerySelector<IHtmlAnchorElement>("#similar-names a")!.PathName);
        await using (var db = App.NewDbContext())
        {
            Assert.Equal(1, await db.IndustrialUnits.CountAsync());
        }

        page = await browser.SubmitAsync(page.QuerySelector<IHtmlFormElement>("main form")!, new Dictionary<string, string> { ["Input.AcceptSimilarName"] = "true" });

        Assert.Matches(@"/Registry/Units/Details/\d+$", browser.LastUrl!.AbsolutePath);
        await using (var db = App.NewDbContext())
        {
            Assert.Equal(2, await db.IndustrialUnits.CountAsync());
        }
    }

    [Fact]
    public async Task A_unit_registered_from_a_sentra_becomes_its_member()
    {
        var sentra = await Seed.SentraAsync(App, kelurahanCode: "62.71.03.1002");
        using var browser = await StaffAsync();

        var page = await UnitForm.SubmitAsync(browser, await ValidFormAsync(), $"/Registry/Units/Create?sentraId={sentra.Id}");

        Assert.Equal($"/Registry/Sentra/Details/{sentra.Id}", browser.LastUrl!.AbsolutePath);
        Assert.Contains("Kerupuk Haruan Bu Rina", page.QuerySelector("#members")!.TextContent);
        await using var db = App.NewDbContext();
        var membership = await db.Memberships.SingleAsync();
        Assert.Equal(sentra.Id, membership.SentraId);
        Assert.Equal(BoardRole.Anggota, membership.Role);
        Assert.True(await db.AuditEntries.AnyAsync(a => a.EntityType == "Membership" && a.Action == AuditAction.Create));
    }

    [Fact]
    public async Task Hostile_text_is_stored_cleaned_and_rendered_encoded()
    {
        using var browser = await StaffAsync();
        var form = await ValidFormAsync();
        form["Input.BusinessName"] = "<script>alert(1)</script> Toko'; DROP TABLE industrial_unit;--";
        form["Input.MainProducts"] = new string('x', 600);

        var page = await UnitForm.SubmitAsync(browser, form);
        Assert.Contains("Produk utama paling banyak 500 karakter.", page.QuerySelector("[data-valmsg-for='Input.MainProducts']")!.TextContent);

        form["Input.MainProducts"] = "kerupuk";
        page = await UnitForm.SubmitAsync(browser, form);

        Assert.Equal(System.Net.HttpStatusCode.OK, browser.LastStatus);
        Assert.Empty(page.QuerySelectorAll("main script"));
        Assert.Contains("<script>alert(1)</script>", page.QuerySelector("h1")!.TextContent);
        await using (var db = App.NewDbContext())
        {
            Assert.Equal("<script>alert(1)</script> Toko'; DROP TABLE industrial_unit;--", (await db.IndustrialUnits.SingleAsync()).BusinessName);
        }

        // A NUL character is refused by the framework with a 400 and a message, never a 500.
        form["Input.BusinessName"] = "Toko\u0000Nul";
        form["Input.Nib"] = "";
        page = await UnitForm.SubmitAsync(browser, form);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, browser.LastStatus);
        Assert.Contains("Permintaan tidak dapat diproses", page.QuerySelector("h1")!.TextContent);
    }

    [Fact]
    public async Task Officials_cannot_open_or_post_the_form()
    {
        using var browser = new Browser(App, followRedirects: false);
        await browser.SignInAsync(await App.CreateUserAsync(Roles.Official));

        await browser.GetAsync("/Registry/Units/Create");
        Assert.StartsWith("/Account/AccessDenied", browser.LastLocation!.PathAndQuery);

        var token = await browser.AntiforgeryTokenAsync();
        await browser.PostAsync("/Registry/Units/Create", await ValidFormAsync(), token);
        Assert.StartsWith("/Account/AccessDenied", browser.LastLocation!.PathAndQuery);
        await using var db = App.NewDbContext();
        Assert.Equal(0, await db.IndustrialUnits.CountAsync());
    }
}
