using System.Globalization;
using UglyToad.PdfPig;

namespace IkmRegistry.BrowserTests.Dashboard;

/// <summary>
/// Issue 14's story end to end in Chromium: an official sees Kanarakan at Sosialisasi, staff bring it to Peresmian
/// with its SK, and the dashboard, the map's colour, the public overview and the printed report all say 24 of 30.
/// </summary>
public class FormationStoryTests(BrowserApp app) : BrowserTest(app, withDemoData: true)
{
    private const string Kanarakan = "62.71.02.1006";
    private int _kanarakanId;

    private static string DaysAgo(int days) => DateTime.UtcNow.AddHours(7).AddDays(-days).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await using var db = App.NewDbContext();
        var kanarakan = await db.Kelurahan.SingleAsync(k => k.Code == Kanarakan);
        _kanarakanId = kanarakan.Id;
        db.Formations.Add(new Formation
        {
            KelurahanId = kanarakan.Id,
            Steps =
            [
                new FormationStep { Stage = FormationStage.IdentifikasiPotensi, ReachedOn = DateOnly.Parse(DaysAgo(60), CultureInfo.InvariantCulture), Officer = "Rina" },
                new FormationStep { Stage = FormationStage.Sosialisasi, ReachedOn = DateOnly.Parse(DaysAgo(40), CultureInfo.InvariantCulture), Officer = "Rina" },
                new FormationStep { Stage = FormationStage.PembentukanPengurus },
                new FormationStep { Stage = FormationStage.PenetapanSk },
                new FormationStep { Stage = FormationStage.Peresmian },
            ],
        });
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task Kanarakan_goes_from_Sosialisasi_to_Peresmian_and_the_dashboard_map_overview_and_printed_report_show_24_of_30()
    {
        var official = await App.SignInAsync(await App.CreateUserAsync(Roles.Official));
        await official.GotoAsync("/Registry/Formation");
        var row = official.Locator($"#pipeline tr[data-kelurahan='{Kanarakan}']");
        await Assertions.Expect(row.Locator("[data-field=stage]")).ToHaveTextAsync("Sosialisasi");
        await official.GotoAsync("/Dashboard");
        await Assertions.Expect(official.Locator("#peta .area-map[data-drawn=true]")).ToHaveCountAsync(1);
        await Assertions.Expect(official.Locator("#peta path.area-stage-2")).ToHaveCountAsync(1);
        await Assertions.Expect(official.Locator("[data-figure=coverage]")).ToContainTextAsync("23 dari 30");
        await official.AssertNoSeriousViolationsAsync();

        var staff = await App.SignInAsync(await App.CreateUserAsync(Roles.Staff));
        await staff.GotoAsync($"/Registry/Formation/Edit/{_kanarakanId}");
        await staff.GetByLabel("Tanggal tercapai: Pembentukan pengurus").FillAsync(DaysAgo(20));
        await staff.GetByLabel("Tanggal tercapai: Penetapan SK").FillAsync(DaysAgo(10));
        await staff.GetByLabel("Tanggal tercapai: Peresmian (Aktif)").FillAsync(DaysAgo(3));
        await staff.GetByLabel("Nomor SK").FillAsync("188.45/77/DPKUKMP/2026");
        await staff.GetByLabel("Tanggal SK").FillAsync(DaysAgo(10));
        await staff.GetByLabel("Nama sentra baru (bila belum ada)").FillAsync("Sentra IKM Pangan Kanarakan");
        await staff.Locator("main form").GetByRole(AriaRole.Button, new() { Name = "Simpan" }).ClickAsync();
        await Assertions.Expect(staff.Locator("[data-field=status]")).ToHaveTextAsync("Aktif");

        await official.ReloadAsync();
        await Assertions.Expect(official.Locator("[data-figure=coverage]")).ToContainTextAsync("24 dari 30 kelurahan sudah memiliki sentra IKM aktif (80,0 %)");
        await Assertions.Expect(official.Locator("#peta .area-map[data-drawn=true]")).ToHaveCountAsync(1);
        await Assertions.Expect(official.Locator("#peta path.area-covered")).ToHaveCountAsync(24);
        await Assertions.Expect(official.Locator("#peta path.area-stage-2")).ToHaveCountAsync(0);

        var visitor = await App.NewPageAsync();
        await visitor.GotoAsync("/Directory/Overview");
        await Assertions.Expect(visitor.Locator("[data-figure=coverage]")).ToHaveTextAsync("24 dari 30 kelurahan");
        await Assertions.Expect(visitor.Locator("path.area-uncovered")).ToHaveCountAsync(6);

        await official.GetByRole(AriaRole.Link, new() { Name = "Laporan resmi (A4)" }).ClickAsync();
        await Assertions.Expect(official.Locator("[data-figure=narrative]")).ToContainTextAsync("terdapat 24 sentra IKM terpadu di 24 dari 30 kelurahan (80,0 %)");
        await Assertions.Expect(official.Locator(".area-map[data-drawn=true]")).ToHaveCountAsync(1);
        await official.AssertNoSeriousViolationsAsync();

        var pdf = await official.PdfAsync(new PagePdfOptions { Format = "A4", PrintBackground = true });
        using var document = PdfDocument.Open(pdf);
        var text = string.Join(" ", document.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text));
        Assert.InRange(document.NumberOfPages, 2, 4);
        Assert.Contains("PEMERINTAH KOTA PALANGKA RAYA", text, StringComparison.Ordinal);
        Assert.Contains("24 dari 30 kelurahan (80,0 %)", text, StringComparison.Ordinal);
        Assert.Contains("Kepala Bidang Perindustrian", text, StringComparison.Ordinal);
        Assert.DoesNotContain("duplikat", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Kualitas data", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_admin_pages_for_targets_and_snapshots_pass_axe()
    {
        var admin = await App.SignInAsync(await App.CreateUserAsync(Roles.Admin));
        foreach (var url in new[] { "/Admin/Targets", "/Admin/Snapshots" })
        {
            await admin.GotoAsync(url);
            await Assertions.Expect(admin.Locator("main form")).ToBeVisibleAsync();
            await admin.AssertNoSeriousViolationsAsync();
        }
    }

    [Theory]
    [InlineData(Roles.Admin)]
    [InlineData(Roles.Official)]
    public async Task At_1280_px_the_signed_in_header_keeps_the_language_buttons_on_the_menus_row(string role)
    {
        var page = await App.SignInAsync(await App.CreateUserAsync(role), 1280, 900);
        await page.GotoAsync("/Dashboard");

        var rows = await page.EvaluateAsync<double[]>(
            """
            () => ['.navbar-brand', '.language-switch button'].map(s => document.querySelector(s).getBoundingClientRect())
                    .map(r => r.top + r.height / 2)
            """);
        var height = await page.EvaluateAsync<double>("() => document.querySelector('header nav').getBoundingClientRect().height");
        Assert.True(Math.Abs(rows[0] - rows[1]) < 8, $"The language buttons sit on another row than the brand ({rows[0]:0} vs {rows[1]:0} px)");
        Assert.True(height < 70, $"The header is {height:0} px high: it wrapped");
    }
}
