using System.Text.Json;

namespace IkmRegistry.Tests.Registry.Sentra;

public class SentraTests(RegistryApp app) : RegistryTest(app)
{
    private Task<Browser> StaffAsync() => App.SignedInAsync(Roles.Staff, "petugas@dpkukmp.test");

    [Fact]
    public async Task Staff_form_a_sentra_in_a_kelurahan_without_one_and_it_warns_until_five_members_join()
    {
        await App.LoadDemoDataAsync();

        using var browser = await StaffAsync();
        var list = await browser.GetAsync("/Registry/Sentra");
        // The list names the kelurahan still without a sentra and links the form for each.
        var kanarakan = list.QuerySelectorAll<IHtmlAnchorElement>("section.alert-info a").Single(a => a.TextContent == "Kanarakan");
        var page = await browser.GetAsync(kanarakan.PathName + kanarakan.Search);
        await using var check = App.NewDbContext();
        var pangan = (await check.ProductCategories.SingleAsync(c => c.Code == "pangan")).Id.ToString();

        page = await browser.SubmitAsync(page.QuerySelector<IHtmlFormElement>("main form")!, new Dictionary<string, string>
        {
            ["Input.Name"] = "Sentra IKM Pangan Kanarakan",
            ["Input.Status"] = "Aktif",
            ["Input.FoundedOn"] = "2026-11-01",
            ["Input.DecreeNumber"] = "188.45/301/DPKUKMP/2026",
            ["Input.DecreeDate"] = "2026-11-01",
            ["Input.CategoryIds"] = pangan,
            ["Input.Products"] = "ikan asin, kerupuk",
        });

        Assert.Matches(@"/Registry/Sentra/Details/\d+$", browser.LastUrl!.AbsolutePath);
        Assert.Contains("baru memiliki 0 anggota aktif", page.QuerySelector("#member-warning")!.TextContent);
        var sentra = await check.Sentra.Include(s => s.Kelurahan).SingleAsync(s => s.Name == "Sentra IKM Pangan Kanarakan");
        Assert.Equal("Kanarakan", sentra.Kelurahan.Name);
        Assert.Equal("sentra-ikm-pangan-kanarakan", sentra.Slug);

        var candidates = await check.IndustrialUnits.Where(u => u.KelurahanId == sentra.KelurahanId).OrderBy(u => u.Id).Take(5).ToListAsync();
        foreach (var (unit, index) in candidates.Select((u, i) => (u, i)))
        {
            Assert.NotNull(page.QuerySelector("#member-warning"));
            page = await browser.GetAsync($"{browser.LastUrl!.AbsolutePath}?cari={Uri.EscapeDataString(unit.BusinessName)}");
            var add = page.QuerySelectorAll<IHtmlFormElement>("#candidates form").Single(f => f.QuerySelector<IHtmlInputElement>("[name=unitId]")!.Value == unit.Id.ToString());
            page = await browser.SubmitAsync(add);
            if (page.QuerySelector<IHtmlFormElement>("#confirm-member form") is { } confirm)
            {
                // A unit of another category than the sentra's is added once staff confirm.
                Assert.Contains("bukan kategori sentra ini", page.QuerySelector("#confirm-member")!.TextContent);
                page = await browser.SubmitAsync(confirm);
            }

            Assert.Contains($"{unit.BusinessName} ditambahkan sebagai anggota.", page.QuerySelector(".alert-success")!.TextContent);
        }

        Assert.Null(page.QuerySelector("#member-warning"));
        Assert.Equal(5, page.QuerySelectorAll("#members tbody tr").Length);
        Assert.Equal(5, await check.AuditEntries.CountAsync(a => a.EntityType == "Membership" && a.Action == AuditAction.Create));
    }

    [Fact]
    public async Task Members_get_board_roles_and_leave_with_the_history_kept()
    {
        var sentra = await Seed.SentraAsync(App, members: 5);
        using var browser = await StaffAsync();
        var page = await browser.GetAsync($"/Registry/Sentra/Details/{sentra.Id}");
        var row = page.QuerySelectorAll("#members tbody tr").Single(r => r.TextContent.Contains("Kerupuk Anggota 2", StringComparison.Ordinal));

        page = await browser.SubmitAsync(row.QuerySelector<IHtmlFormElement>("form[action*='handler=SetRole']")!, new Dictionary<string, string> { ["role"] = "Bendahara" });
        Assert.Contains("menjadi Bendahara", page.QuerySelector(".alert-success")!.TextContent);

        row = page.QuerySelectorAll("#members tbody tr").Single(r => r.TextContent.Contains("Kerupuk Anggota 3", StringComparison.Ordinal));
        page = await browser.SubmitAsync(row.QuerySelector<IHtmlFormElement>("form[action*='handler=EndMembership']")!);

        Assert.Contains("Kerupuk Anggota 3", page.QuerySelector("main")!.QuerySelectorAll("h3 + ul").Single().TextContent);
        Assert.Contains("baru memiliki 4 anggota aktif", page.QuerySelector("#member-warning")!.TextContent);
        await using var db = App.NewDbContext();
        var ended = await db.Memberships.Include(m => m.Unit).SingleAsync(m => m.Unit.BusinessName == "Kerupuk Anggota 3");
        Assert.NotNull(ended.LeftOn);
        Assert.Equal(BoardRole.Bendahara, (await db.Memberships.Include(m => m.Unit).SingleAsync(m => m.Unit.BusinessName == "Kerupuk Anggota 2")).Role);
        var statusChange = await db.AuditEntries.SingleAsync(a => a.EntityType == "Membership" && a.Action == AuditAction.StatusChange);
        Assert.Equal(ended.Id.ToString(), statusChange.EntityId);
    }

    [Fact]
    public async Task Changing_status_and_categories_is_audited_and_a_stale_edit_shows_a_conflict()
    {
        var sentra = await Seed.SentraAsync(App, status: SentraStatus.DalamPembentukan);
        using var browser = await StaffAsync();
        var page = await browser.GetAsync($"/Registry/Sentra/Details/{sentra.Id}");
        var stale = (await browser.GetAsync($"/Registry/Sentra/Edit/{sentra.Id}")).QuerySelector<IHtmlFormElement>("main form")!;

        page = await browser.GetAsync($"/Registry/Sentra/Status/{sentra.Id}");
        page = await browser.SubmitAsync(page.QuerySelector<IHtmlFormElement>("main form")!, new Dictionary<string, string>
        {
            ["Input.Status"] = "Aktif", ["Input.DecreeNumber"] = "188.45/9/DPKUKMP/2025", ["Input.DecreeDate"] = "2025-01-10",
        });
        Assert.Equal("Aktif", page.QuerySelector("[data-field=status]")!.TextContent);

        await using var db = App.NewDbContext();
        var kerajinan = (await db.ProductCategories.SingleAsync(c => c.Code == "kerajinan")).Id.ToString();
        page = await browser.SubmitAsync(stale, new Dictionary<string, string> { ["Input.Name"] = "Sentra Diubah", ["Input.CategoryIds"] = kerajinan });

        Assert.NotNull(page.QuerySelector("#conflict"));
        Assert.Equal("Sentra IKM Pangan Pahandut", (await db.Sentra.AsNoTracking().SingleAsync()).Name);
        // The sentra is Aktif now, so saving over it needs the decree the other change gave it.
        await browser.SubmitAsync(page.QuerySelector<IHtmlFormElement>("main form")!, new Dictionary<string, string> { ["Input.DecreeNumber"] = "188.45/9/DPKUKMP/2025", ["Input.DecreeDate"] = "2025-01-10" });

        var saved = await db.Sentra.AsNoTracking().Include(s => s.Categories).SingleAsync();
        Assert.Equal("Sentra Diubah", saved.Name);
        Assert.Equal(["kerajinan"], saved.Categories.Select(c => c.Code));
        var categoryChanges = await db.AuditEntries.Where(a => a.EntityType == "Sentra").Select(a => a.Changes!).ToListAsync();
        Assert.Contains(categoryChanges, c => c.Contains("CategoryAdded", StringComparison.Ordinal));
        Assert.Contains(categoryChanges, c => c.Contains("CategoryRemoved", StringComparison.Ordinal));
        var status = (await db.AuditEntries.Where(a => a.EntityType == "Sentra" && a.Action != AuditAction.Create).ToListAsync()).Single(a => a.Changes!.Contains("\"Status\"", StringComparison.Ordinal));
        using var changes = JsonDocument.Parse(status.Changes!);
        Assert.Equal("DalamPembentukan", changes.RootElement.GetProperty("Status").GetProperty("Old").GetString());
        Assert.Equal("Aktif", changes.RootElement.GetProperty("Status").GetProperty("New").GetString());
    }

    [Fact]
    public async Task A_sentra_form_with_errors_keeps_what_was_typed()
    {
        using var browser = await StaffAsync();
        var page = await browser.GetAsync("/Registry/Sentra/Create");

        page = await browser.SubmitAsync(page.QuerySelector<IHtmlFormElement>("main form")!, new Dictionary<string, string>
        {
            ["Input.Name"] = "Sentra Tanpa Kategori",
            ["Input.Status"] = "Aktif",
            ["Input.FoundedOn"] = "2099-01-01",
            ["Input.PublishContact"] = "true",
        });

        Assert.Contains("Pilih kelurahan.", page.QuerySelector("[data-valmsg-for='Input.KelurahanId']")!.TextContent);
        Assert.Contains("Pilih sedikitnya satu kategori produk.", page.QuerySelector("[data-valmsg-for='Input.CategoryIds']")!.TextContent);
        Assert.Contains("Tanggal berdiri harus tanggal yang sudah lewat", page.QuerySelector("[data-valmsg-for='Input.FoundedOn']")!.TextContent);
        Assert.Contains("Isi kontak publik sentra", page.QuerySelector("[data-valmsg-for='Input.PublicContact']")!.TextContent);
        Assert.Equal("Sentra Tanpa Kategori", page.QuerySelector<IHtmlInputElement>("[name='Input.Name']")!.Value);
        await using var db = App.NewDbContext();
        Assert.Equal(0, await db.Sentra.CountAsync());
    }
}
