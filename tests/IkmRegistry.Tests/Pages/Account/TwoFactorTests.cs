using Microsoft.AspNetCore.Identity;
using Serilog.Core;

namespace IkmRegistry.Tests.Pages.Account;

/// <summary>Two-factor sign-in with an authenticator app (ASVS 4.3.1): codes computed here with RFC 6238.</summary>
public class TwoFactorTests(RegistryApp app) : RegistryTest(app)
{
    private static string KeyOn(IDocument setup) => setup.QuerySelector("kbd.shared-key")!.TextContent.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();

    private async Task<AppUser> UserAsync(string email)
    {
        await using var db = App.NewDbContext();
        return await db.Users.AsNoTracking().SingleAsync(u => u.Email == email);
    }

    private static IReadOnlyList<string> RecoveryCodesOn(IDocument page) =>
        [.. page.QuerySelectorAll(".recovery-codes li").Select(li => li.TextContent.Trim())];

    /// <summary>Sets up two-factor sign-in through the pages; returns the shared key and the recovery codes shown.</summary>
    private static async Task<(string Key, IReadOnlyList<string> RecoveryCodes)> SetUpAsync(Browser browser)
    {
        var setup = await browser.GetAsync("/Account/TwoFactor/Setup");
        var key = KeyOn(setup);
        var done = await browser.SubmitAsync(setup.QuerySelector<IHtmlFormElement>("main form")!, new Dictionary<string, string> { ["Input.Code"] = Totp.NextCode(key) });
        return (key, RecoveryCodesOn(done));
    }

    [Theory]
    [InlineData(Roles.Admin)]
    [InlineData(Roles.Staff)]
    public async Task An_admin_or_staff_member_without_two_factor_is_held_on_the_setup_page_until_it_is_done(string role)
    {
        var email = await App.CreateUserAsync(role, twoFactor: false);
        var ownPage = role == Roles.Admin ? "/Admin/Users" : "/Registry/Units/Create";
        using var browser = new Browser(App);

        var page = await browser.SignInAsync(email);
        Assert.True("/Account/TwoFactor/Setup" == browser.LastUrl!.AbsolutePath, page.Body!.TextContent);
        Assert.Contains("wajib", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        foreach (var url in new[] { ownPage, "/Registry/Units", "/Dashboard", "/Account/ChangePassword", "/" })
        {
            await browser.GetAsync(url);
            Assert.Equal("/Account/TwoFactor/Setup", browser.LastUrl!.AbsolutePath);
        }

        using (var noRedirects = new Browser(App, followRedirects: false))
        {
            await noRedirects.SignInAsync(email);
            var token = await noRedirects.AntiforgeryTokenAsync("/Account/TwoFactor/Setup");
            await noRedirects.PostAsync(role == Roles.Admin ? "/Admin/Kelurahan/Edit/1" : "/Registry/Units/Create", new Dictionary<string, string> { ["Input.Name"] = "Diubah" }, token);
            Assert.Equal(HttpStatusCode.Redirect, noRedirects.LastStatus);
            Assert.Equal("/Account/TwoFactor/Setup", noRedirects.LastLocation!.OriginalString);
        }

        using var qr = await browser.Client.GetAsync("/Account/TwoFactor/Setup?handler=Qr");
        Assert.Equal("image/png", qr.Content.Headers.ContentType!.MediaType);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], (await qr.Content.ReadAsByteArrayAsync())[..4]);

        page = await browser.GetAsync("/Account/TwoFactor/Setup");
        var key = KeyOn(page);
        Assert.Matches("^[A-Z2-7]{16,}$", key);
        var wrong = Totp.WrongCode(key);
        page = await browser.SubmitAsync(page.QuerySelector<IHtmlFormElement>("main form")!, new Dictionary<string, string> { ["Input.Code"] = wrong });
        Assert.Contains("Kode tidak cocok", page.QuerySelector("#code-error")!.TextContent, StringComparison.Ordinal);
        Assert.False((await UserAsync(email)).TwoFactorEnabled);

        page = await browser.SubmitAsync(page.QuerySelector<IHtmlFormElement>("main form")!, new Dictionary<string, string> { ["Input.Code"] = Totp.NextCode(key) });
        Assert.Equal(10, RecoveryCodesOn(page).Count);
        Assert.True((await UserAsync(email)).TwoFactorEnabled);
        await browser.GetAsync(ownPage);
        Assert.Equal(HttpStatusCode.OK, browser.LastStatus);
        Assert.Equal(ownPage, browser.LastUrl!.AbsolutePath);

        // The key is not shown again once two-factor sign-in is on.
        using var qrAfter = await browser.Client.GetAsync("/Account/TwoFactor/Setup?handler=Qr");
        Assert.Equal(HttpStatusCode.NotFound, qrAfter.StatusCode);
    }

    [Fact]
    public async Task An_official_may_turn_it_on_then_sign_in_with_a_code_or_once_with_each_recovery_code()
    {
        var email = await App.CreateUserAsync(Roles.Official);
        var logs = new CapturedLogs();
        await using var factory = App.WithWebHostBuilder(b => b
            .UseSetting("Serilog:MinimumLevel:Default", "Information")
            .ConfigureTestServices(services => services.AddSingleton<ILogEventSink>(logs)));
        string key;
        IReadOnlyList<string> recovery;
        using (var first = new Browser(factory))
        {
            await first.SignInAsync(email);
            Assert.Equal("/", first.LastUrl!.AbsolutePath);
            (key, recovery) = await SetUpAsync(first);
            Assert.Equal(10, recovery.Count);
            Assert.Equal(10, recovery.Distinct().Count());
        }

        using (var second = new Browser(factory))
        {
            var step = await second.PasswordStepAsync(email);
            Assert.True(second.IsSecondStep(step));
            // Not signed in before the second step.
            await second.GetAsync("/Registry/Units");
            Assert.Equal("/Account/Login", second.LastUrl!.AbsolutePath);

            step = await second.PasswordStepAsync(email);
            var wrong = Totp.WrongCode(key);
            step = await second.SubmitCodeAsync(step, wrong);
            Assert.Contains("Kode salah", step.QuerySelector("#code-error")!.TextContent, StringComparison.Ordinal);
            Assert.Equal(1, (await UserAsync(email)).AccessFailedCount);

            var home = await second.SubmitCodeAsync(step, Totp.NextCode(key));
            Assert.True("/" == second.LastUrl!.AbsolutePath, home.Body!.TextContent);
            Assert.Contains(email, home.QuerySelector("header")!.TextContent, StringComparison.Ordinal);
        }

        using (var third = new Browser(factory))
        {
            var step = await third.PasswordStepAsync(email);
            var home = await third.SubmitCodeAsync(step, recovery[0], recovery: true);
            Assert.Equal("/", third.LastUrl!.AbsolutePath);
            Assert.Contains("Sisa kode: 9", home.Body!.TextContent, StringComparison.Ordinal);
        }

        using (var fourth = new Browser(factory))
        {
            var step = await fourth.PasswordStepAsync(email);
            step = await fourth.SubmitCodeAsync(step, recovery[0], recovery: true);
            Assert.Equal("/Account/LoginTwoFactor", fourth.LastUrl!.AbsolutePath);
            Assert.Contains("Kode salah", step.QuerySelector("#recovery-error")!.TextContent, StringComparison.Ordinal);
        }

        var userId = (await UserAsync(email)).Id;
        Assert.Equal(userId, ((Serilog.Events.ScalarValue)Assert.Single(logs.WithTemplate("Two-factor sign-in enabled by user {UserId}")).Properties["UserId"]).Value);
        Assert.Single(logs.WithTemplate("User {UserId} signed in with a recovery code; {Left} left"));
        Assert.NotEmpty(logs.WithTemplate("Second sign-in step failed for user {UserId} ({Method})"));
        var written = string.Join('\n', logs.AsWritten());
        foreach (var secret in recovery.Append(key).Append(email))
        {
            Assert.DoesNotContain(secret, written, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task With_the_setting_off_staff_are_not_held_and_may_turn_it_off_officials_are_never_held()
    {
        var official = await App.CreateUserAsync(Roles.Official);
        using (var browser = new Browser(App))
        {
            await browser.SignInAsync(official);
            await browser.GetAsync("/Registry/Units");
            Assert.Equal("/Registry/Units", browser.LastUrl!.AbsolutePath);
        }

        await using var optional = App.WithWebHostBuilder(b => b.UseSetting("TwoFactor:RequiredForStaff", "false"));
        var staff = await App.CreateUserAsync(Roles.Staff, twoFactor: false);
        using (var browser = new Browser(optional))
        {
            await browser.SignInAsync(staff);
            await browser.GetAsync("/Registry/Units");
            Assert.Equal("/Registry/Units", browser.LastUrl!.AbsolutePath);
            var (_, _) = await SetUpAsync(browser);
            var page = await browser.GetAsync("/Account/TwoFactor");
            Assert.NotNull(page.QuerySelector("[formaction*='handler=Disable']"));
        }
    }

    [Fact]
    public async Task Wrong_codes_lock_the_account_like_wrong_passwords()
    {
        var email = await App.CreateUserAsync(Roles.Admin);
        using var browser = new Browser(App);
        var step = await browser.PasswordStepAsync(email);
        var right = await RegistryApp.AuthenticatorCodeAsync(App, email);
        var wrong = right == "000000" ? "111111" : "000000";
        for (var i = 0; i < 5; i++)
        {
            step = await browser.SubmitCodeAsync(step, wrong);
        }

        Assert.Contains("dikunci", step.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        step = await browser.SubmitCodeAsync(step, await RegistryApp.AuthenticatorCodeAsync(App, email));
        Assert.Equal("/Account/LoginTwoFactor", browser.LastUrl!.AbsolutePath);
        Assert.Contains("dikunci", step.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Roles.Admin)]
    [InlineData(Roles.Staff)]
    public async Task Admins_and_staff_cannot_turn_it_off(string role)
    {
        var admin = await App.CreateUserAsync(role);
        using (var browser = new Browser(App))
        {
            await browser.SignInAsync(admin);
            var page = await browser.GetAsync("/Account/TwoFactor");
            Assert.Empty(page.QuerySelectorAll("[formaction*='handler=Disable']"));
            page = await browser.PostAsync("/Account/TwoFactor?handler=Disable", new Dictionary<string, string> { ["Confirm.Proof"] = RegistryApp.TestPassword }, await browser.AntiforgeryTokenAsync("/Account/TwoFactor"));
            Assert.Contains("tidak dapat dimatikan", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
            Assert.True((await UserAsync(admin)).TwoFactorEnabled);
        }
    }

    [Fact]
    public async Task An_official_can_turn_it_off_and_new_recovery_codes_replace_the_old()
    {
        var staff = await App.CreateUserAsync(Roles.Official);
        using (var browser = new Browser(App))
        {
            await browser.SignInAsync(staff);
            var (_, old) = await SetUpAsync(browser);
            var page = await browser.GetAsync("/Account/TwoFactor");
            var form = page.QuerySelector<IHtmlFormElement>("form[action*='handler=RecoveryCodes']")!;
            page = await browser.SubmitAsync(form, new Dictionary<string, string> { ["Confirm.Proof"] = RegistryApp.TestPassword });
            var fresh = RecoveryCodesOn(page);
            Assert.Equal(10, fresh.Count);
            Assert.Empty(fresh.Intersect(old));
            await using (var scope = App.Services.CreateAsyncScope())
            {
                var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
                var user = (await users.FindByEmailAsync(staff))!;
                Assert.False((await users.RedeemTwoFactorRecoveryCodeAsync(user, old[0])).Succeeded);
            }

            form = page.QuerySelector<IHtmlFormElement>("form[action*='handler=RecoveryCodes']")!;
            page = await browser.SubmitAsync(form, new Dictionary<string, string> { ["Confirm.Proof"] = RegistryApp.TestPassword }, form.QuerySelector<IHtmlElement>("[formaction*='handler=Disable']"));
            Assert.False((await UserAsync(staff)).TwoFactorEnabled);
            Assert.Contains("sudah dimatikan", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        }

        using var again = new Browser(App);
        await again.SignInAsync(staff);
        Assert.Equal("/", again.LastUrl!.AbsolutePath);
    }
}
