using IkmRegistry.Tests.Dashboard;
using static IkmRegistry.Tests.Registry.ExportFiles;

namespace IkmRegistry.Tests.Registry.Formation;

/// <summary>Issue 14 (e): the sosialisasi invitation list per uncovered kelurahan, and its staff-only, audited xlsx.</summary>
public class InvitationTests(RegistryApp app) : RegistryTest(app)
{
    private const string Kanarakan = "62.71.02.1006";

    // Active units of the kelurahan with no membership that has not ended, by KBLI group (3 digits) and category.
    private const string Independent = """
        SELECT coalesce(left(u.kbli_code, 3), '-') || ':' || c.code, count(*)
          FROM industrial_unit u JOIN product_category c ON c.id = u.category_id JOIN kelurahan k ON k.id = u.kelurahan_id
         WHERE k.code = '62.71.02.1006' AND u.status = 'Aktif'
           AND NOT EXISTS (SELECT 1 FROM membership m WHERE m.unit_id = u.id AND m.left_on IS NULL)
         GROUP BY 1
        """;

    private Task<Browser> SignedInAsync(string role) => App.SignedInAsync(role);

    private async Task<int> ArrangeAsync()
    {
        await using var db = App.NewDbContext();
        await App.LoadDemoDataAsync();
        var kanarakan = await db.Kelurahan.SingleAsync(k => k.Code == Kanarakan);
        // Two of its units join a sentra elsewhere (one of them left again) and one closes: the list must follow.
        var units = await db.IndustrialUnits.Where(u => u.KelurahanId == kanarakan.Id).OrderBy(u => u.Id).Take(3).ToListAsync();
        var elsewhere = await db.Sentra.Where(s => s.Status == SentraStatus.Aktif).OrderBy(s => s.Id).FirstAsync();
        db.Memberships.Add(new Membership { UnitId = units[0].Id, SentraId = elsewhere.Id, JoinedOn = new DateOnly(2026, 1, 1) });
        db.Memberships.Add(new Membership { UnitId = units[1].Id, SentraId = elsewhere.Id, JoinedOn = new DateOnly(2025, 1, 1), LeftOn = new DateOnly(2025, 6, 1) });
        units[2].Status = UnitStatus.Tutup;
        units[2].ClosedOn = new DateOnly(2026, 2, 1);
        await db.SaveChangesAsync();
        return kanarakan.Id;
    }

    [Fact]
    public async Task The_invitation_list_of_Kanarakan_equals_an_independent_query_by_KBLI_group_and_category()
    {
        var id = await ArrangeAsync();
        var expected = (await App.GroupsAsync(Independent)).ToDictionary(g => g.Key, g => g.Value[0].ToString(System.Globalization.CultureInfo.InvariantCulture));

        using var official = await SignedInAsync(Roles.Official);
        var page = await official.GetAsync($"/Registry/Formation/Invitations/{id}");

        var shown = page.QuerySelectorAll("table[data-table=undangan] tbody tr")
            .ToDictionary(r => r.GetAttribute("data-group")!, r => r.QuerySelector("[data-field=units]")!.TextContent.Trim());
        Assert.NotEmpty(expected);
        Assert.Equal(expected.OrderBy(e => e.Key, StringComparer.Ordinal), shown.OrderBy(e => e.Key, StringComparer.Ordinal));
        // Largest group first; officials see no download link, and no owner or phone.
        var counts = shown.Values.Select(int.Parse).ToList();
        Assert.Equal(counts.OrderByDescending(c => c), counts);
        Assert.Empty(page.QuerySelectorAll("a[href*='InvitationExport']"));
        await official.GetAsync($"/Registry/Formation/InvitationExport/{id}");
        Assert.Equal("/Account/AccessDenied", official.LastUrl!.AbsolutePath);
        Assert.Equal(0, await App.NewDbContext().AuditEntries.CountAsync(a => a.EntityType == "InvitationList"));
    }

    [Fact]
    public async Task Staff_download_the_xlsx_with_business_owner_and_phone_of_every_listed_unit_and_the_download_is_audited()
    {
        var id = await ArrangeAsync();
        var units = await App.NewDbContext().IndustrialUnits.AsNoTracking()
            .Where(u => u.KelurahanId == id && u.Status == UnitStatus.Aktif && !u.Memberships.Any(m => m.LeftOn == null))
            .Select(u => new { u.BusinessName, u.OwnerName, u.Phone }).ToListAsync();

        using var staff = await SignedInAsync(Roles.Staff);
        var page = await staff.GetAsync($"/Registry/Formation/Invitations/{id}");
        var href = page.QuerySelector<IHtmlAnchorElement>("a[href*='InvitationExport']")!.GetAttribute("href")!;
        using var response = await staff.Client.GetAsync(href);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("daftar-undangan-sosialisasi-kanarakan", response.Content.Headers.ContentDisposition!.ToString(), StringComparison.Ordinal);
        var rows = await SheetRowsAsync(await response.Content.ReadAsByteArrayAsync());
        // Text that a spreadsheet would read as a formula (a phone starting with +) gets a leading ' as in every export.
        Assert.Equal(units.Select(u => (u.BusinessName, u.OwnerName, Web.Pages.Registry.UnitSheet.Neutralize(u.Phone) ?? "")).Order(),
            rows.Select(r => (r["Nama usaha"]!.ToString()!, r["Nama pemilik"]!.ToString()!, r["Telepon"]?.ToString() ?? "")).Order());
        var audit = await App.NewDbContext().AuditEntries.SingleAsync(a => a.EntityType == "InvitationList");
        Assert.Equal(AuditAction.Export, audit.Action);
        Assert.Equal($"undangan:{Kanarakan}:xlsx", audit.EntityId);
    }
}
