using IkmRegistry.Web.Data.Queries;

namespace IkmRegistry.Tests.Registry.Formation;

/// <summary>Issue 14's formation pipeline: stages with dates, targets and officers; Peresmian makes the sentra Aktif.</summary>
public class FormationTests(RegistryApp app) : RegistryTest(app)
{
    private const string Kanarakan = "62.71.02.1006";

    private Task<Browser> SignedInAsync(string role) => App.SignedInAsync(role);

    private static Dictionary<string, string> Steps(params (string? Reached, string? Target, string? Officer)[] steps)
    {
        var values = new Dictionary<string, string>();
        for (var i = 0; i < 5; i++)
        {
            var (reached, target, officer) = i < steps.Length ? steps[i] : (null, null, null);
            values[$"Input.Steps[{i}].ReachedOn"] = reached ?? "";
            values[$"Input.Steps[{i}].TargetOn"] = target ?? "";
            values[$"Input.Steps[{i}].Officer"] = officer ?? "";
        }

        return values;
    }

    [Fact]
    public async Task An_official_reads_Kanarakan_at_Sosialisasi_and_staff_bring_it_to_Peresmian_which_makes_its_sentra_Aktif_with_the_SK()
    {
        await using var db = App.NewDbContext();
        var kanarakan = await db.Kelurahan.SingleAsync(k => k.Code == Kanarakan);
        using var staff = await SignedInAsync(Roles.Staff);
        var page = await staff.GetAsync($"/Registry/Formation/Edit/{kanarakan.Id}");
        var values = Steps(("2026-08-01", "2026-08-01", "Rina"), ("2026-09-15", "2026-09-30", "Rina"), (null, "2026-12-15", "Budi"));
        page = await staff.SubmitAsync(page.QuerySelector<IHtmlFormElement>("main form")!, values);
        Assert.EndsWith("/Registry/Formation", staff.LastUrl!.AbsolutePath, StringComparison.Ordinal);

        using var official = await SignedInAsync(Roles.Official);
        var pipeline = await official.GetAsync("/Registry/Formation");
        var row = pipeline.QuerySelector($"#pipeline tr[data-kelurahan='{Kanarakan}']")!;
        Assert.Equal("Sosialisasi", row.QuerySelector("[data-field=stage]")!.TextContent.Trim());
        Assert.Contains("Pembentukan pengurus", row.TextContent);
        Assert.Contains("Budi", row.TextContent);
        Assert.Null(row.QuerySelector("a"));
        Assert.Contains("Sosialisasi", (await official.GetAsync("/Dashboard")).QuerySelector($"#pembentukan tr[data-kelurahan='{Kanarakan}']")!.TextContent);

        page = await staff.GetAsync($"/Registry/Formation/Edit/{kanarakan.Id}");
        values = Steps(("2026-08-01", "2026-08-01", "Rina"), ("2026-09-15", "2026-09-30", "Rina"), ("2026-10-10", "2026-12-15", "Budi"), ("2026-11-02", null, null), ("2026-11-20", null, null));
        values["Input.DecreeNumber"] = "188.45/77/DPKUKMP/2026";
        values["Input.DecreeDate"] = "2026-11-02";
        values["Input.NewSentraName"] = "Sentra IKM Pangan Kanarakan";
        page = await staff.SubmitAsync(page.QuerySelector<IHtmlFormElement>("main form")!, values);

        Assert.Equal("Aktif", page.QuerySelector("[data-field=status]")!.TextContent);
        var sentra = await db.Sentra.AsNoTracking().SingleAsync(s => s.KelurahanId == kanarakan.Id);
        Assert.Equal((SentraStatus.Aktif, "188.45/77/DPKUKMP/2026", (DateOnly?)new DateOnly(2026, 11, 2)), (sentra.Status, sentra.DecreeNumber, sentra.DecreeDate));
        var opened = await db.SentraEvents.AsNoTracking().SingleAsync(e => e.SentraId == sentra.Id);
        Assert.Equal((SentraStatus.Aktif, new DateOnly(2026, 11, 20)), (opened.Status, opened.OccurredOn));
        var formation = await db.Formations.AsNoTracking().SingleAsync();
        Assert.Equal((sentra.Id, (DateOnly?)new DateOnly(2026, 11, 20)), (formation.SentraId, formation.CompletedOn));

        var dashboard = await official.GetAsync("/Dashboard");
        Assert.Equal("1 / 30", DashboardFigure(dashboard, "decree-coverage"));
        Assert.Null(dashboard.QuerySelector($"#pembentukan tr[data-kelurahan='{Kanarakan}']"));
        Assert.True(await db.AuditEntries.AnyAsync(a => a.EntityType == "FormationStep"));
    }

    private static string DashboardFigure(IDocument page, string name) => page.QuerySelector($"[data-figure={name}]")!.TextContent.Trim();

    [Fact]
    public async Task Future_out_of_order_and_skipped_stages_and_an_SK_stage_without_SK_are_refused_beside_their_fields()
    {
        await using var db = App.NewDbContext();
        var kanarakan = await db.Kelurahan.SingleAsync(k => k.Code == Kanarakan);
        using var staff = await SignedInAsync(Roles.Staff);
        var form = (await staff.GetAsync($"/Registry/Formation/Edit/{kanarakan.Id}")).QuerySelector<IHtmlFormElement>("main form")!;

        var page = await staff.SubmitAsync(form, Steps(("2026-09-01", null, "Rina"), ("2026-08-01", null, null), (null, null, null), ("2026-10-01", null, null)));
        Assert.Contains("tidak boleh tercapai sebelum tahap Identifikasi potensi", page.QuerySelector("[data-valmsg-for='Input.Steps[1].ReachedOn']")!.TextContent);
        Assert.Contains("Tahap Pembentukan pengurus belum tercapai", page.QuerySelector("[data-valmsg-for='Input.Steps[3].ReachedOn']")!.TextContent);
        Assert.Contains("Penetapan SK perlu nomor SK", page.QuerySelector("[data-valmsg-for='Input.DecreeNumber']")!.TextContent);
        Assert.Equal("Rina", page.QuerySelector<IHtmlInputElement>("[name='Input.Steps[0].Officer']")!.Value);

        page = await staff.SubmitAsync(page.QuerySelector<IHtmlFormElement>("main form")!, Steps(("2999-01-01", null, null)));
        Assert.Contains("hari ini atau tanggal yang sudah lewat", page.QuerySelector("[data-valmsg-for='Input.Steps[0].ReachedOn']")!.TextContent);
        Assert.False(await db.Formations.AnyAsync());

        // Officials read the pipeline but cannot post to it.
        using var official = await SignedInAsync(Roles.Official);
        await official.GetAsync($"/Registry/Formation/Edit/{kanarakan.Id}");
        Assert.StartsWith("/Account/AccessDenied", official.LastUrl!.AbsolutePath, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await official.Client.GetAsync("/Registry/Formation")).StatusCode);
    }

    [Fact]
    public async Task Lateness_counts_stages_past_their_target_and_the_days_since_the_last_step()
    {
        await using var db = App.NewDbContext();
        var kanarakan = await db.Kelurahan.SingleAsync(k => k.Code == Kanarakan);
        db.Formations.Add(new IkmRegistry.Web.Domain.Formation
        {
            KelurahanId = kanarakan.Id,
            Steps =
            [
                new() { Stage = FormationStage.IdentifikasiPotensi, ReachedOn = new(2026, 1, 10), TargetOn = new(2026, 1, 5) },
                new() { Stage = FormationStage.Sosialisasi, TargetOn = new(2026, 2, 1), Officer = "Rina" },
                new() { Stage = FormationStage.PembentukanPengurus, TargetOn = new(2026, 3, 1) },
            ],
        });
        await db.SaveChangesAsync();

        var rows = await FormationQuery.PipelineAsync(db, new DateOnly(2026, 3, 1), CancellationToken.None);

        var row = rows.Single(r => r.KelurahanCode == Kanarakan);
        Assert.Equal(FormationStage.IdentifikasiPotensi, row.Reached);
        Assert.Equal(50, row.DaysSinceLastStep);
        // Reached five days after its target, and the next one a month overdue; a target of today is not late yet.
        Assert.Equal([FormationStage.IdentifikasiPotensi, FormationStage.Sosialisasi], row.Late);
        Assert.Equal((FormationStage.Sosialisasi, (DateOnly?)new DateOnly(2026, 2, 1), "Rina"), (row.Next!.Value, row.NextTarget, row.NextOfficer));
        // Every other kelurahan without an active sentra is listed, not started.
        Assert.Equal(30, rows.Count);
        Assert.All(rows.Where(r => r.KelurahanCode != Kanarakan), r => Assert.Null(r.Reached));
        Assert.Equal(Kanarakan, rows[0].KelurahanCode);
    }
}
