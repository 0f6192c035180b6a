namespace IkmRegistry.Tests.Admin;

/// <summary>Issue 14 (d): coverage targets per year, actual against target and the projection from the pipeline.</summary>
public class TargetsTests(RegistryApp app) : RegistryTest(app)
{
    private const string Kanarakan = "62.71.02.1006";
    private const string TumbangRungan = "62.71.01.1004";

    private Task<Browser> SignedInAsync(string role) => App.SignedInAsync(role);

    private static Task<IDocument> SaveAsync(Browser admin, IDocument page, string year, string kelurahan, string source = "Renstra DPKUKMP 2025-2029") =>
        admin.SubmitAsync(page.QuerySelector<IHtmlFormElement>("main form")!,
            new Dictionary<string, string> { ["Input.Year"] = year, ["Input.Kelurahan"] = kelurahan, ["Input.Source"] = source });

    [Fact]
    public async Task An_admin_sets_26_of_30_by_2027_and_the_dashboard_shows_23_reached_and_a_projection_from_the_Peresmian_target_dates()
    {
        var year = DateTime.UtcNow.Year + 1;
        await using (var db = App.NewDbContext())
        {
            await App.LoadDemoDataAsync();
            // Two formations plan their Peresmian: one by the end of next year, one the year after.
            foreach (var (code, target) in new[] { (Kanarakan, new DateOnly(year, 6, 30)), (TumbangRungan, new DateOnly(year + 1, 3, 31)) })
            {
                var k = await db.Kelurahan.SingleAsync(x => x.Code == code);
                db.Formations.Add(new Web.Domain.Formation
                {
                    KelurahanId = k.Id,
                    Steps =
                    [
                        new FormationStep { Stage = FormationStage.IdentifikasiPotensi, ReachedOn = new DateOnly(2026, 8, 1) },
                        new FormationStep { Stage = FormationStage.Peresmian, TargetOn = target },
                    ],
                });
            }

            await db.SaveChangesAsync();
        }

        using var admin = await SignedInAsync(Roles.Admin);
        var page = await admin.GetAsync("/Admin/Targets");
        page = await SaveAsync(admin, page, year.ToString(System.Globalization.CultureInfo.InvariantCulture), "26");
        Assert.Equal("/Admin/Targets", admin.LastUrl!.AbsolutePath);
        await SaveAsync(admin, page, (year + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), "25");

        using var official = await SignedInAsync(Roles.Official);
        var dashboard = await official.GetAsync("/Dashboard");
        var row = dashboard.QuerySelector($"#target tr[data-year='{year}']")!;
        Assert.Equal("26 dari 30 (86,7 %)", row.QuerySelector("[data-field=target]")!.TextContent.Trim());
        Assert.StartsWith("23", row.QuerySelector("[data-field=actual]")!.TextContent.Trim(), StringComparison.Ordinal);
        Assert.Equal("24", row.QuerySelector("[data-field=projected]")!.TextContent.Trim());
        Assert.Equal("Kurang 2 kelurahan", row.QuerySelector("[data-field=status]")!.TextContent.Trim());
        var next = dashboard.QuerySelector($"#target tr[data-year='{year + 1}']")!;
        Assert.Equal("25", next.QuerySelector("[data-field=projected]")!.TextContent.Trim());
        Assert.Equal("Diproyeksikan tercapai", next.QuerySelector("[data-field=status]")!.TextContent.Trim());
        Assert.Equal(2, await App.NewDbContext().AuditEntries.CountAsync(a => a.EntityType == nameof(CoverageTarget)));
    }

    [Fact]
    public async Task A_target_below_todays_coverage_is_refused_with_a_message_and_the_form_keeps_what_was_typed()
    {
        await App.LoadDemoDataAsync();

        using var admin = await SignedInAsync(Roles.Admin);
        var page = await admin.GetAsync("/Admin/Targets");
        var year = DateTime.UtcNow.Year.ToString(System.Globalization.CultureInfo.InvariantCulture);
        page = await SaveAsync(admin, page, year, "20", "Renja 2026");

        Assert.Equal(System.Net.HttpStatusCode.OK, admin.LastStatus);
        Assert.Contains("lebih rendah dari cakupan saat ini: 23 kelurahan sudah memiliki sentra aktif", page.QuerySelector("#target-error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("20", page.QuerySelector<IHtmlInputElement>("#Input_Kelurahan")!.Value);
        Assert.Equal("Renja 2026", page.QuerySelector<IHtmlInputElement>("#Input_Source")!.Value);
        Assert.Equal(0, await App.NewDbContext().CoverageTargets.CountAsync());

        page = await SaveAsync(admin, page, year, "31");
        Assert.Contains("paling banyak 30 kelurahan", page.QuerySelector("#target-error")!.TextContent, StringComparison.Ordinal);
        page = await SaveAsync(admin, page, "20x6", "26");
        Assert.Contains("empat angka", page.QuerySelector("#year-error")!.TextContent, StringComparison.Ordinal);
        // A past year's target is history: it may be lower than today's coverage.
        page = await SaveAsync(admin, page, "2020", "10");
        Assert.Equal("/Admin/Targets", admin.LastUrl!.AbsolutePath);
        Assert.Equal(10, (await App.NewDbContext().CoverageTargets.SingleAsync()).Kelurahan);
    }
}
