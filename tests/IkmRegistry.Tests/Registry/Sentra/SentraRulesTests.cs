namespace IkmRegistry.Tests.Registry.Sentra;

/// <summary>Issue 12's sentra rules: one active sentra per unit, one Ketua, Aktif only with an SK, the founding date kept.</summary>
public class SentraRulesTests(RegistryApp app) : RegistryTest(app)
{
    private Task<Browser> StaffAsync() => App.SignedInAsync(Roles.Staff, "petugas@dpkukmp.test");

    private static async Task<IDocument> AddAsync(Browser browser, int sentraId, string businessName, int unitId)
    {
        var page = await browser.GetAsync($"/Registry/Sentra/Details/{sentraId}?cari={Uri.EscapeDataString(businessName)}");
        var add = page.QuerySelectorAll<IHtmlFormElement>("#candidates form").Single(f => f.QuerySelector<IHtmlInputElement>("[name=unitId]")!.Value == unitId.ToString());
        return await browser.SubmitAsync(add);
    }

    [Fact]
    public async Task A_unit_of_another_sentra_joins_only_after_confirmation_and_the_old_membership_ends_as_a_move()
    {
        var first = await Seed.SentraAsync(App, "Sentra IKM Pangan Pahandut", members: 1);
        var second = await Seed.SentraAsync(App, "Sentra IKM Pangan Pahandut Dua");
        await using var db = App.NewDbContext();
        var unit = await db.IndustrialUnits.SingleAsync(u => u.BusinessName == "Kerupuk Anggota 1");
        using var browser = await StaffAsync();

        var page = await AddAsync(browser, second.Id, unit.BusinessName, unit.Id);
        Assert.Contains("masih anggota aktif Sentra IKM Pangan Pahandut", page.QuerySelector("#confirm-member")!.TextContent);
        Assert.False(await db.Memberships.AnyAsync(m => m.SentraId == second.Id));

        page = await browser.SubmitAsync(page.QuerySelector<IHtmlFormElement>("#confirm-member form")!);
        Assert.Contains("pindah dari Sentra IKM Pangan Pahandut ke sentra ini", page.QuerySelector(".alert-success")!.TextContent);
        var memberships = await db.Memberships.AsNoTracking().Where(m => m.UnitId == unit.Id).ToListAsync();
        var old = memberships.Single(m => m.SentraId == first.Id);
        Assert.NotNull(old.LeftOn);
        Assert.Equal(MembershipEnd.Pindah, old.EndReason);
        Assert.Null(memberships.Single(m => m.SentraId == second.Id).LeftOn);
        Assert.Contains(await db.AuditEntries.Where(a => a.EntityType == "Membership" && a.EntityId == old.Id.ToString()).Select(a => a.Changes!).ToListAsync(),
            c => c.Contains("Pindah", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_database_refuses_a_second_active_membership_of_a_unit()
    {
        await Seed.SentraAsync(App, "Sentra IKM Pangan Pahandut", members: 1);
        var second = await Seed.SentraAsync(App, "Sentra IKM Pangan Pahandut Dua");
        await using var db = App.NewDbContext();
        var unit = await db.IndustrialUnits.SingleAsync(u => u.BusinessName == "Kerupuk Anggota 1");

        db.Memberships.Add(new Membership { SentraId = second.Id, UnitId = unit.Id, JoinedOn = new DateOnly(2025, 1, 1) });
        var error = await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        Assert.Contains("ix_membership_one_active_sentra_per_unit", error.InnerException!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_sentra_keeps_one_active_Ketua_in_the_form_and_in_the_database()
    {
        var sentra = await Seed.SentraAsync(App, members: 3);
        using var browser = await StaffAsync();
        var page = await browser.GetAsync($"/Registry/Sentra/Details/{sentra.Id}");
        var row = page.QuerySelectorAll("#members tbody tr").Single(r => r.TextContent.Contains("Kerupuk Anggota 2", StringComparison.Ordinal));

        page = await browser.SubmitAsync(row.QuerySelector<IHtmlFormElement>("form[action*='handler=SetRole']")!, new Dictionary<string, string> { ["role"] = "Ketua" });

        Assert.Contains("sudah memiliki Ketua aktif (Kerupuk Anggota 1)", page.QuerySelector(".alert-warning")!.TextContent);
        await using var db = App.NewDbContext();
        Assert.Equal(1, await db.Memberships.CountAsync(m => m.SentraId == sentra.Id && m.Role == BoardRole.Ketua));

        // Once the old Ketua steps down, the new one can be set.
        row = page.QuerySelectorAll("#members tbody tr").Single(r => r.TextContent.Contains("Kerupuk Anggota 1", StringComparison.Ordinal));
        page = await browser.SubmitAsync(row.QuerySelector<IHtmlFormElement>("form[action*='handler=SetRole']")!, new Dictionary<string, string> { ["role"] = "Anggota" });
        row = page.QuerySelectorAll("#members tbody tr").Single(r => r.TextContent.Contains("Kerupuk Anggota 2", StringComparison.Ordinal));
        await browser.SubmitAsync(row.QuerySelector<IHtmlFormElement>("form[action*='handler=SetRole']")!, new Dictionary<string, string> { ["role"] = "Ketua" });
        Assert.Equal("Kerupuk Anggota 2", await db.Memberships.Where(m => m.SentraId == sentra.Id && m.Role == BoardRole.Ketua).Select(m => m.Unit.BusinessName).SingleAsync());

        var third = await db.Memberships.SingleAsync(m => m.Unit.BusinessName == "Kerupuk Anggota 3");
        third.Role = BoardRole.Ketua;
        var error = await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        Assert.Contains("ix_membership_one_active_ketua_per_sentra", error.InnerException!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_sentra_becomes_Aktif_only_with_its_decree_number_and_date()
    {
        var sentra = await Seed.SentraAsync(App, status: SentraStatus.DalamPembentukan);
        using var browser = await StaffAsync();
        var page = await browser.GetAsync($"/Registry/Sentra/Status/{sentra.Id}");

        page = await browser.SubmitAsync(page.QuerySelector<IHtmlFormElement>("main form")!, new Dictionary<string, string>
        {
            ["Input.Status"] = "Aktif", ["Input.OccurredOn"] = "2024-06-01", ["Input.DecreeNumber"] = "", ["Input.DecreeDate"] = "", ["Input.Note"] = "peresmian",
        });

        Assert.Contains("Sentra aktif perlu nomor SK.", page.QuerySelector("[data-valmsg-for='Input.DecreeNumber']")!.TextContent);
        Assert.Contains("Sentra aktif perlu tanggal SK.", page.QuerySelector("[data-valmsg-for='Input.DecreeDate']")!.TextContent);
        Assert.Equal("peresmian", page.QuerySelector<IHtmlInputElement>("[name='Input.Note']")!.Value);
        await using var db = App.NewDbContext();
        Assert.Equal(SentraStatus.DalamPembentukan, (await db.Sentra.AsNoTracking().SingleAsync()).Status);

        // The create form holds the same rule.
        page = await browser.GetAsync("/Registry/Sentra/Create");
        page = await browser.SubmitAsync(page.QuerySelector<IHtmlFormElement>("main form")!, new Dictionary<string, string>
        {
            ["Input.Name"] = "Sentra Tanpa SK", ["Input.Status"] = "Aktif", ["Input.KelurahanId"] = sentra.KelurahanId.ToString(),
            ["Input.CategoryIds"] = (await db.ProductCategories.SingleAsync(c => c.Code == "pangan")).Id.ToString(),
        });
        Assert.Contains("Sentra aktif perlu nomor SK.", page.QuerySelector("[data-valmsg-for='Input.DecreeNumber']")!.TextContent);
        Assert.Equal(1, await db.Sentra.CountAsync());

        page = await browser.GetAsync($"/Registry/Sentra/Status/{sentra.Id}");
        page = await browser.SubmitAsync(page.QuerySelector<IHtmlFormElement>("main form")!, new Dictionary<string, string>
        {
            ["Input.Status"] = "Aktif", ["Input.OccurredOn"] = "2024-06-01", ["Input.DecreeNumber"] = "188.45/12/DPKUKMP/2024", ["Input.DecreeDate"] = "2024-05-20",
        });
        Assert.Equal("Aktif", page.QuerySelector("[data-field=status]")!.TextContent);
        var saved = await db.Sentra.AsNoTracking().SingleAsync();
        Assert.Equal(("188.45/12/DPKUKMP/2024", new DateOnly(2024, 5, 20)), (saved.DecreeNumber, saved.DecreeDate));
    }

    [Fact]
    public async Task A_status_change_records_its_real_date_and_never_fills_the_founding_date()
    {
        var sentra = await Seed.SentraAsync(App, status: SentraStatus.DalamPembentukan);
        await using var db = App.NewDbContext();
        await db.Sentra.Where(s => s.Id == sentra.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.FoundedOn, (DateOnly?)null));
        using var browser = await StaffAsync();
        var page = await browser.GetAsync($"/Registry/Sentra/Status/{sentra.Id}");

        await browser.SubmitAsync(page.QuerySelector<IHtmlFormElement>("main form")!, new Dictionary<string, string>
        {
            ["Input.Status"] = "Aktif", ["Input.OccurredOn"] = "2023-03-01", ["Input.DecreeNumber"] = "188.45/7/DPKUKMP/2023", ["Input.DecreeDate"] = "2023-02-20",
        });

        var saved = await db.Sentra.AsNoTracking().SingleAsync();
        Assert.Equal(SentraStatus.Aktif, saved.Status);
        Assert.Null(saved.FoundedOn);
        var last = await db.SentraEvents.AsNoTracking().Where(e => e.SentraId == sentra.Id).OrderByDescending(e => e.OccurredOn).FirstAsync();
        Assert.Equal((SentraStatus.Aktif, new DateOnly(2023, 3, 1), "188.45/7/DPKUKMP/2023", (DateOnly?)new DateOnly(2023, 2, 20), "petugas@dpkukmp.test"),
            (last.Status, last.OccurredOn, last.DecreeNumber, last.DecreeDate, last.RecordedBy));

        // A later lapse cannot be dated before that change, nor in the future.
        page = await browser.GetAsync($"/Registry/Sentra/Status/{sentra.Id}");
        page = await browser.SubmitAsync(page.QuerySelector<IHtmlFormElement>("main form")!, new Dictionary<string, string> { ["Input.Status"] = "TidakAktif", ["Input.OccurredOn"] = "2022-12-31" });
        Assert.Contains("tidak boleh sebelum perubahan status terakhir (1 Maret 2023)", page.QuerySelector("[data-valmsg-for='Input.OccurredOn']")!.TextContent);
        page = await browser.SubmitAsync(page.QuerySelector<IHtmlFormElement>("main form")!, new Dictionary<string, string> { ["Input.Status"] = "TidakAktif", ["Input.OccurredOn"] = "2099-01-01" });
        Assert.Contains("hari ini atau tanggal yang sudah lewat", page.QuerySelector("[data-valmsg-for='Input.OccurredOn']")!.TextContent);
        Assert.Equal(SentraStatus.Aktif, (await db.Sentra.AsNoTracking().SingleAsync()).Status);
    }

    [Fact]
    public async Task Adding_a_unit_from_another_kelurahan_and_category_asks_for_confirmation_first()
    {
        var sentra = await Seed.SentraAsync(App);
        var unit = await Seed.UnitAsync(App, "Anyaman Rotan Panarung", kelurahanCode: "62.71.01.1002", category: "kerajinan");
        using var browser = await StaffAsync();

        var page = await AddAsync(browser, sentra.Id, unit.BusinessName, unit.Id);

        var confirm = page.QuerySelector("#confirm-member")!.TextContent;
        Assert.Contains("berada di Kelurahan Panarung", confirm);
        Assert.Contains("bukan kategori sentra ini", confirm);
        await using var db = App.NewDbContext();
        Assert.False(await db.Memberships.AnyAsync());

        page = await browser.SubmitAsync(page.QuerySelector<IHtmlFormElement>("#confirm-member form")!);
        Assert.Contains("Anyaman Rotan Panarung ditambahkan sebagai anggota.", page.QuerySelector(".alert-success")!.TextContent);
        Assert.True(await db.Memberships.AnyAsync(m => m.UnitId == unit.Id && m.SentraId == sentra.Id && m.LeftOn == null));
    }
}
