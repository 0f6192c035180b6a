using Microsoft.AspNetCore.Identity;

namespace IkmRegistry.Tests.Security;

/// <summary>
/// Sensitive changes to an account need the password or a fresh authenticator code again (ASVS 3.7.1, issue 18.5):
/// a session left open or stolen is not enough to weaken the account or take over another.
/// </summary>
public class ReauthenticationTests(RegistryApp app) : RegistryTest(app)
{
    private const string NewPassword = "danau tundai yang tenang";

    private async Task<AppUser> UserAsync(string email)
    {
        await using var db = App.NewDbContext();
        return await db.Users.AsNoTracking().SingleAsync(u => u.Email == email);
    }

    private async Task<int> RecoveryCodesLeftAsync(string email)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        return await users.CountRecoveryCodesAsync((await users.FindByEmailAsync(email))!);
    }

    private static Task<IDocument> SubmitTwoFactorAsync(Browser browser, IDocument page, string proof, string handler)
    {
        var form = page.QuerySelector<IHtmlFormElement>("form[action*='handler=RecoveryCodes']")!;
        return browser.SubmitAsync(form, new Dictionary<string, string> { ["Confirm.Proof"] = proof }, form.QuerySelector<IHtmlElement>($"[formaction*='handler={handler}']"));
    }

    private static string ProofError(IDocument page) => page.QuerySelector("#proof-error")!.TextContent;

    [Fact]
    public async Task New_recovery_codes_need_the_password_or_a_fresh_code_and_a_wrong_one_counts_towards_the_lockout()
    {
        var email = await App.CreateUserAsync(Roles.Official, twoFactor: true);
        using var browser = new Browser(App);
        await browser.SignInAsync(email);

        var page = await SubmitTwoFactorAsync(browser, await browser.GetAsync("/Account/TwoFactor"), "", "RecoveryCodes");
        Assert.Contains("memastikan ini Anda", ProofError(page), StringComparison.Ordinal);
        page = await SubmitTwoFactorAsync(browser, page, "tebakan-yang-salah", "RecoveryCodes");
        Assert.Contains("Kata sandi atau kode salah", ProofError(page), StringComparison.Ordinal);
        Assert.Empty(page.QuerySelectorAll(".recovery-codes li"));
        Assert.Equal(0, await RecoveryCodesLeftAsync(email));
        Assert.Equal(1, (await UserAsync(email)).AccessFailedCount);

        page = await SubmitTwoFactorAsync(browser, page, await RegistryApp.AuthenticatorCodeAsync(App, email), "RecoveryCodes");
        Assert.Equal(10, page.QuerySelectorAll(".recovery-codes li").Length);
        Assert.Equal(10, await RecoveryCodesLeftAsync(email));
    }

    [Fact]
    public async Task Turning_two_factor_off_needs_the_password()
    {
        var email = await App.CreateUserAsync(Roles.Official, twoFactor: true);
        using var browser = new Browser(App);
        await browser.SignInAsync(email);

        var page = await SubmitTwoFactorAsync(browser, await browser.GetAsync("/Account/TwoFactor"), "tebakan-yang-salah", "Disable");
        Assert.Contains("Kata sandi atau kode salah", ProofError(page), StringComparison.Ordinal);
        Assert.True((await UserAsync(email)).TwoFactorEnabled);

        page = await SubmitTwoFactorAsync(browser, page, RegistryApp.TestPassword, "Disable");
        Assert.Contains("sudah dimatikan", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.False((await UserAsync(email)).TwoFactorEnabled);
    }

    [Fact]
    public async Task An_admin_sets_another_accounts_password_only_with_their_own_password_or_code()
    {
        var admin = await App.CreateUserAsync(Roles.Admin);
        var staff = await App.CreateUserAsync(Roles.Official);
        using var browser = new Browser(App);
        await browser.SignInAsync(admin);
        var path = $"/Admin/Users/Edit/{(await UserAsync(staff)).Id}";
        IHtmlFormElement Form(IDocument page) => page.QuerySelector<IHtmlFormElement>("form[action*='handler=Password']")!;

        var page = await browser.GetAsync(path);
        page = await browser.SubmitAsync(Form(page), new Dictionary<string, string> { ["password"] = NewPassword });
        Assert.Contains("memastikan ini Anda", ProofError(page), StringComparison.Ordinal);
        page = await browser.SubmitAsync(Form(page), new Dictionary<string, string> { ["password"] = NewPassword, ["Confirm.Proof"] = "tebakan-yang-salah" });
        Assert.Contains("Kata sandi atau kode salah", ProofError(page), StringComparison.Ordinal);
        using (var official = new Browser(App))
        {
            await official.SignInAsync(staff);
            Assert.Equal("/", official.LastUrl!.AbsolutePath);
        }

        await browser.SubmitAsync(Form(page), new Dictionary<string, string> { ["password"] = NewPassword, ["Confirm.Proof"] = await RegistryApp.AuthenticatorCodeAsync(App, admin) });
        Assert.Equal("/Admin/Users", browser.LastUrl!.AbsolutePath);
        using var after = new Browser(App);
        await after.SignInAsync(staff, NewPassword);
        Assert.Equal("/", after.LastUrl!.AbsolutePath);
    }

    [Fact]
    public async Task An_admin_cannot_reset_their_own_password_through_the_admin_page()
    {
        var admin = await App.CreateUserAsync(Roles.Admin);
        using var browser = new Browser(App);
        await browser.SignInAsync(admin);
        var path = $"/Admin/Users/Edit/{(await UserAsync(admin)).Id}";

        var page = await browser.GetAsync(path);
        Assert.Null(page.QuerySelector("form[action*='handler=Password']"));
        page = await browser.PostAsync($"{path}?handler=Password", new Dictionary<string, string>
        {
            ["password"] = NewPassword,
            ["Confirm.Proof"] = RegistryApp.TestPassword,
        }, await browser.AntiforgeryTokenAsync(path));

        Assert.Contains("halaman Ganti kata sandi", page.QuerySelector(".alert-danger")!.TextContent, StringComparison.Ordinal);
        await using var scope = App.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        Assert.True(await users.CheckPasswordAsync((await users.FindByEmailAsync(admin))!, RegistryApp.TestPassword));
    }
}
