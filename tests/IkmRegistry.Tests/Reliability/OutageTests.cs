using IkmRegistry.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;

namespace IkmRegistry.Tests.Reliability;

/// <summary>PostgreSQL stops under a running app and comes back: on a cluster of this test's own.</summary>
public class OutageTests
{
    private sealed class OutageApp(string connectionString) : WebApplicationFactory<Program>
    {
        public Browser Browser { get; set; } = null!;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Testing");
            builder.UseSetting("Startup:PrepareDatabase", "false");
            builder.UseSetting("ConnectionStrings:Registry", connectionString);
            builder.UseSetting("Serilog:MinimumLevel:Default", "Fatal");
        }

        public override async ValueTask DisposeAsync()
        {
            Browser?.Dispose();
            await base.DisposeAsync();
        }
    }

    /// <summary>Starts the cluster, an app on a new database in it, and a staff member signed in to that app.</summary>
    private static async Task<OutageApp> StartSignedInAsync(ThrowawayCluster cluster, string database)
    {
        await cluster.StartAsync();
        var app = new OutageApp(cluster.ConnectionString(database));
        await DatabaseSetup.PrepareAsync(app.Services);
        const string email = "petugas-padam@dpkukmp.test";
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Petugas" };
            Assert.True((await users.CreateAsync(user, RegistryApp.TestPassword)).Succeeded);
            await users.AddToRoleAsync(user, Roles.Staff);
            // Staff must have two-factor sign-in; Browser.SignInAsync answers the second step.
            await users.ResetAuthenticatorKeyAsync(user);
            await users.SetTwoFactorEnabledAsync(user, true);
        }

        app.Browser = new Browser(app);
        await app.Browser.SignInAsync(email);
        return app;
    }

    [Fact]
    public async Task During_an_outage_pages_answer_503_a_posted_form_is_kept_unsaved_and_the_app_recovers_without_restart()
    {
        await using var cluster = new ThrowawayCluster();
        await using var app = await StartSignedInAsync(cluster, "ikm_outage");
        var browser = app.Browser;
        var form = await browser.GetAsync("/Registry/Units/Create");
        Assert.Equal(HttpStatusCode.OK, browser.LastStatus);
        var kelurahan = form.QuerySelectorAll<IHtmlOptionElement>("#Input_KelurahanId option").First(o => o.Value.Length > 0).Value;
        var category = form.QuerySelectorAll<IHtmlOptionElement>("#Input_CategoryId option").First(o => o.Value.Length > 0).Value;

        await cluster.StopAsync();

        var page = await browser.GetAsync("/");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, browser.LastStatus);
        Assert.Contains("Layanan sementara tidak tersedia", page.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
        using (var ready = await browser.Client.GetAsync("/health/ready"))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        }

        var typed = new Dictionary<string, string>
        {
            ["Input.BusinessName"] = "Anyaman Rotan Saat Padam",
            ["Input.OwnerName"] = "Dewi Lestari",
            ["Input.Nik"] = "6271034107900002",
            ["Input.KelurahanId"] = kelurahan,
            ["Input.CategoryId"] = category,
            ["Input.MainProducts"] = "tas rotan",
            ["Input.RegisteredOn"] = "2026-11-20",
        };
        var answer = await browser.SubmitAsync(form.QuerySelector<IHtmlFormElement>("main form")!, typed);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, browser.LastStatus);
        Assert.Contains("BELUM tersimpan", answer.QuerySelector(".alert-danger")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Anyaman Rotan Saat Padam", answer.QuerySelector<IHtmlInputElement>("#Input_BusinessName")!.Value);
        Assert.Equal("Dewi Lestari", answer.QuerySelector<IHtmlInputElement>("#Input_OwnerName")!.Value);
        Assert.Equal(kelurahan, answer.QuerySelector<IHtmlSelectElement>("#Input_KelurahanId")!.Value);

        await cluster.StartAsync();

        // Npgsql's pool reconnects by itself: the same app serves again and the form can now be saved.
        await browser.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, browser.LastStatus);
        using (var ready = await browser.Client.GetAsync("/health/ready"))
        {
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        }

        await browser.SubmitAsync(answer.QuerySelector<IHtmlFormElement>("main form")!);
        Assert.Matches(@"/Registry/Units/Details/\d+$", browser.LastUrl!.AbsolutePath);
        await using var scope2 = app.Services.CreateAsyncScope();
        var db = scope2.ServiceProvider.GetRequiredService<RegistryDbContext>();
        Assert.Equal(1, await db.IndustrialUnits.CountAsync(u => u.BusinessName == "Anyaman Rotan Saat Padam"));
    }

    [Fact]
    public async Task During_an_outage_the_unit_edit_sentra_and_password_forms_come_back_unsaved_with_what_was_typed()
    {
        await using var cluster = new ThrowawayCluster();
        await using var app = await StartSignedInAsync(cluster, "ikm_outage_forms");
        var browser = app.Browser;
        var create = await browser.GetAsync("/Registry/Units/Create");
        var kelurahan = create.QuerySelectorAll<IHtmlOptionElement>("#Input_KelurahanId option").First(o => o.Value.Length > 0).Value;
        var category = create.QuerySelectorAll<IHtmlOptionElement>("#Input_CategoryId option").First(o => o.Value.Length > 0).Value;
        await browser.SubmitAsync(create.QuerySelector<IHtmlFormElement>("main form")!, new Dictionary<string, string>
        {
            ["Input.BusinessName"] = "Kerupuk Ikan Sebelum Padam",
            ["Input.OwnerName"] = "Dewi Lestari",
            ["Input.Nik"] = "6271034107900002",
            ["Input.KelurahanId"] = kelurahan,
            ["Input.CategoryId"] = category,
            ["Input.MainProducts"] = "kerupuk ikan",
            ["Input.RegisteredOn"] = "2026-11-20",
        });
        var unitId = browser.LastUrl!.AbsolutePath.Split('/')[^1];
        var edit = await browser.GetAsync($"/Registry/Units/Edit/{unitId}");
        var sentra = await browser.GetAsync("/Registry/Sentra/Create");
        var sentraCategory = sentra.QuerySelector<IHtmlInputElement>("input[name='Input.CategoryIds']")!.Value;
        var password = await browser.GetAsync("/Account/ChangePassword");

        await cluster.StopAsync();

        var answer = await browser.SubmitAsync(edit.QuerySelector<IHtmlFormElement>("main form")!, new Dictionary<string, string> { ["Input.BusinessName"] = "Kerupuk Ikan Saat Padam" });
        Assert.Equal(HttpStatusCode.ServiceUnavailable, browser.LastStatus);
        Assert.Contains("BELUM tersimpan", answer.QuerySelector(".alert-danger")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Kerupuk Ikan Saat Padam", answer.QuerySelector<IHtmlInputElement>("#Input_BusinessName")!.Value);
        Assert.Equal(kelurahan, answer.QuerySelector<IHtmlSelectElement>("#Input_KelurahanId")!.Value);
        Assert.Equal($"/Registry/Units/Edit/{unitId}", new Uri(answer.QuerySelector<IHtmlFormElement>("main form")!.Action).AbsolutePath);

        var sentraAnswer = await browser.SubmitAsync(sentra.QuerySelector<IHtmlFormElement>("main form")!, new Dictionary<string, string>
        {
            ["Input.Name"] = "Sentra IKM Saat Padam",
            ["Input.KelurahanId"] = kelurahan,
            ["Input.Status"] = "Aktif",
            ["Input.FoundedOn"] = "2026-11-01",
            ["Input.DecreeNumber"] = "188.45/1/DPKUKMP/2026",
            ["Input.DecreeDate"] = "2026-11-01",
            ["Input.CategoryIds"] = sentraCategory,
            ["Input.Products"] = "kerupuk, amplang",
        });
        Assert.Equal(HttpStatusCode.ServiceUnavailable, browser.LastStatus);
        Assert.Contains("BELUM tersimpan", sentraAnswer.QuerySelector(".alert-danger")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Sentra IKM Saat Padam", sentraAnswer.QuerySelector<IHtmlInputElement>("#Input_Name")!.Value);
        Assert.Equal("kerupuk, amplang", sentraAnswer.QuerySelector<IHtmlInputElement>("#Input_Products")?.Value
            ?? sentraAnswer.QuerySelector<IHtmlTextAreaElement>("#Input_Products")!.Value);

        var passwordAnswer = await browser.SubmitAsync(password.QuerySelector<IHtmlFormElement>("main form")!, new Dictionary<string, string>
        {
            ["Input.CurrentPassword"] = RegistryApp.TestPassword,
            ["Input.NewPassword"] = "sungai kahayan saat padam",
            ["Input.ConfirmPassword"] = "sungai kahayan saat padam",
        });
        Assert.Equal(HttpStatusCode.ServiceUnavailable, browser.LastStatus);
        Assert.Contains("BELUM tersimpan", passwordAnswer.QuerySelector(".alert-danger")!.TextContent, StringComparison.Ordinal);
        // Passwords are never written back into a page.
        Assert.DoesNotContain("sungai kahayan saat padam", passwordAnswer.Source.Text, StringComparison.Ordinal);

        await cluster.StartAsync();

        await browser.SubmitAsync(answer.QuerySelector<IHtmlFormElement>("main form")!);
        Assert.Equal($"/Registry/Units/Details/{unitId}", browser.LastUrl!.AbsolutePath);
        await using var check = app.Services.CreateAsyncScope();
        var db = check.ServiceProvider.GetRequiredService<RegistryDbContext>();
        Assert.Equal("Kerupuk Ikan Saat Padam", (await db.IndustrialUnits.SingleAsync()).BusinessName);
        Assert.Equal(0, await db.Sentra.CountAsync());
    }
}
