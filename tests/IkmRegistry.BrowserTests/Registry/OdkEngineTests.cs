using System.Text.RegularExpressions;

namespace IkmRegistry.BrowserTests.Registry;

/// <summary>
/// The registry's XForm in a real ODK form engine: ODK Web Forms (@getodk/web-forms 0.22.0, the engine ODK Central's
/// web forms use), bundled by scripts/frontend.sh from odk/ into a test-only page that the app never serves.
/// </summary>
public class OdkEngineTests(BrowserApp app) : BrowserTest(app)
{
    private const string EnginePath = "/__odk-engine/";

    /// <summary>The odk/ folder beside this project's sources, found from the test's bin folder.</summary>
    private static string EngineFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var odk = Path.Combine(dir.FullName, "tests", "IkmRegistry.BrowserTests", "odk");
            if (System.IO.Directory.Exists(odk))
            {
                return odk;
            }
        }

        throw new DirectoryNotFoundException("tests/IkmRegistry.BrowserTests/odk not found above " + AppContext.BaseDirectory);
    }

    /// <summary>
    /// A page on the app's own origin (a secure context, so the browser's geolocation works) whose /__odk-engine/
    /// files come from odk/, the bundle from odk/dist (built by scripts/frontend.sh).
    /// </summary>
    private async Task<IPage> EnginePageAsync(Geolocation position)
    {
        var folder = EngineFolder();
        var bundle = Path.Combine(folder, "dist", "web-forms.js");
        Assert.True(File.Exists(bundle), $"{bundle} is missing: scripts/frontend.sh builds it (npm ci and esbuild in odk/).");
        var context = await App.Chromium.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = App.BaseUrl,
            ViewportSize = new ViewportSize { Width = 390, Height = 844 },
            Geolocation = position,
            Permissions = ["geolocation"],
        });
        var page = await context.NewPageAsync();
        await page.RouteAsync(App.BaseUrl + EnginePath + "**", route =>
        {
            var name = new Uri(route.Request.Url).AbsolutePath[EnginePath.Length..];
            var file = name == "web-forms.js" ? bundle : Path.Combine(folder, name);
            return route.FulfillAsync(new RouteFulfillOptions
            {
                Path = file,
                ContentType = name.EndsWith(".js", StringComparison.Ordinal) ? "text/javascript" : "text/html; charset=utf-8",
            });
        });
        return page;
    }

    [Fact]
    public async Task The_generated_XForm_filled_in_ODK_Web_Forms_imports_as_a_unit_with_its_position_and_source()
    {
        var staff = await App.SignInAsync(await App.CreateUserAsync(Roles.Staff));
        await staff.GotoAsync("/Registry/Pendataan");
        var download = await staff.RunAndWaitForDownloadAsync(() => staff.GetByRole(AriaRole.Link, new() { Name = "XForm (.xml)" }).ClickAsync());
        var xform = await File.ReadAllTextAsync(await download.PathAsync());

        var engine = await EnginePageAsync(new Geolocation { Latitude = -2.24352f, Longitude = 113.89744f, Accuracy = 4 });
        var errors = new List<string>();
        engine.PageError += (_, e) => errors.Add(e);
        await engine.GotoAsync(EnginePath + "index.html");
        await engine.WaitForFunctionAsync("() => typeof window.odkLoadForm === 'function'");
        await engine.EvaluateAsync("xml => window.odkLoadForm(xml)", xform);

        // As the officer fills it in on the phone: the kelurahan list appears only once the kecamatan is chosen.
        ILocator Question(string label) => engine.Locator(".question-container").Filter(new() { Has = engine.Locator("label", new() { HasText = label }) }).First;
        await engine.GetByLabel("Nama petugas pendataan").FillAsync("Yusuf Petugas");
        await engine.GetByLabel("Nama usaha", new() { Exact = true }).FillAsync("Amplang Web Forms");
        await engine.GetByLabel("Nama pemilik", new() { Exact = true }).FillAsync("Sari Wulandari");
        await engine.GetByLabel("NIK pemilik", new() { Exact = false }).FillAsync("62710145");
        await Assertions.Expect(Question("Kelurahan").GetByRole(AriaRole.Radio)).ToHaveCountAsync(0);
        await Question("Kecamatan").GetByText("Jekan Raya", new() { Exact = true }).ClickAsync();
        await Assertions.Expect(Question("Kelurahan").GetByRole(AriaRole.Radio)).ToHaveCountAsync(4);
        await Question("Kelurahan").GetByText("Menteng", new() { Exact = true }).ClickAsync();
        await Question("Posisi tempat usaha").GetByRole(AriaRole.Button, new() { Name = "Get location" }).ClickAsync();
        await engine.GetByRole(AriaRole.Dialog).GetByText("4 m", new() { Exact = false }).WaitForAsync();
        await engine.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Save location" }).ClickAsync();
        await Question("Kategori produk").GetByText("Pangan", new() { Exact = true }).ClickAsync();
        await engine.GetByLabel("Produk utama").FillAsync("amplang ikan haruan");
        await engine.GetByLabel("Kode KBLI (5 digit)").FillAsync("10750");
        await Question("Tenaga kerja laki-laki").GetByRole(AriaRole.Spinbutton).PressSequentiallyAsync("2");
        await Question("Tenaga kerja laki-laki").GetByRole(AriaRole.Spinbutton).PressAsync("Tab");
        await Question("Apakah Bapak/Ibu setuju nama usaha").GetByText("Ya", new() { Exact = true }).ClickAsync();

        // The engine applies the form's own constraint with the registry's message: a short NIK is not sent.
        await engine.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();
        await Assertions.Expect(Question("NIK pemilik").GetByText("NIK harus 16 digit angka.")).ToBeVisibleAsync();
        await Assertions.Expect(engine.Locator("#submission")).ToBeEmptyAsync();
        await engine.GetByLabel("NIK pemilik", new() { Exact = false }).FillAsync("6271014508850003");
        await engine.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();

        // The submission XML exactly as the engine produced it, imported as a file like any other.
        var submission = engine.Locator("#submission");
        await Assertions.Expect(submission).Not.ToBeEmptyAsync(new() { Timeout = 30_000 });
        Assert.Equal("ready", await submission.GetAttributeAsync("data-status"));
        var xml = await submission.TextContentAsync() ?? "";
        Assert.Empty(errors);
        var uuid = Regex.Match(xml, "<instanceID>uuid:([0-9a-f-]{36})</instanceID>").Groups[1].Value;
        Assert.NotEmpty(uuid);
        var version = Regex.Match(xform, "<data id=\"pendataan_ikm_palangka_raya\" version=\"([0-9a-f]+)\"").Groups[1].Value;
        Assert.Contains($"version=\"{version}\"", xml, StringComparison.Ordinal);
        var file = Path.Combine(Path.GetTempPath(), $"kiriman-{uuid}.xml");
        await File.WriteAllTextAsync(file, xml);

        await staff.GotoAsync("/Registry/Import");
        await staff.GetByLabel("Berkas xlsx, CSV atau kiriman XML", new() { Exact = false }).SetInputFilesAsync(file);
        await staff.GetByRole(AriaRole.Button, new() { Name = "Unggah dan periksa" }).ClickAsync();
        await Assertions.Expect(staff.GetByRole(AriaRole.Heading, new() { Name = "Pratinjau" })).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Assertions.Expect(staff.Locator("#count-new")).ToHaveTextAsync("1");
        await Assertions.Expect(staff.Locator("#count-error")).ToHaveTextAsync("0");
        await staff.GetByRole(AriaRole.Button, new() { Name = "Simpan 1 unit baru dan 0 pembaruan" }).ClickAsync();
        await Assertions.Expect(staff.Locator(".alert-success")).ToContainTextAsync("1 unit baru", new() { Timeout = 60_000 });
        File.Delete(file);

        await using var db = App.NewDbContext();
        var unit = await db.IndustrialUnits.AsNoTracking().Include(u => u.Kelurahan).Include(u => u.Category).SingleAsync();
        Assert.Equal(("Amplang Web Forms", "Sari Wulandari", "Menteng", "pangan", "10750", 2),
            (unit.BusinessName, unit.OwnerName, unit.Kelurahan.Name, unit.Category.Code, unit.KbliCode, unit.WorkersMale));
        Assert.Equal((-2.24352, 113.89744, 4.0), (Math.Round(unit.Latitude!.Value, 5), Math.Round(unit.Longitude!.Value, 5), unit.PositionAccuracy!.Value));
        Assert.Equal(PositionSource.Geopoint, unit.PositionSource);
        Assert.Equal((uuid, version, "Yusuf Petugas"), (unit.SubmissionUuid, unit.FormVersion, unit.SubmittedBy));
        Assert.True(unit.PublicConsent);

        // The unit's page names the submission it came from.
        await staff.GotoAsync($"/Registry/Units/Details/{unit.Id}");
        await Assertions.Expect(staff.Locator("[data-source=officer]")).ToHaveTextAsync("Yusuf Petugas");
        await Assertions.Expect(staff.Locator("[data-source=uuid]")).ToHaveTextAsync(uuid);
        await Assertions.Expect(staff.Locator("[data-source=form-version]")).ToHaveTextAsync(version);
    }
}
