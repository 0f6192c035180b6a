using Microsoft.AspNetCore.Identity;

namespace IkmRegistry.Tests.Security;

/// <summary>
/// The sign-in page must not tell whether an account exists, is locked or is deactivated to someone who does not know
/// its password (ASVS 2.2.1, 3.2, issue 18.8).
/// </summary>
public class SignInEnumerationTests(RegistryApp app) : RegistryTest(app)
{
    private async Task DeactivateAsync(string email)
    {
        await using var db = App.NewDbContext();
        await db.Users.Where(u => u.Email == email).ExecuteUpdateAsync(s => s.SetProperty(u => u.IsActive, false));
    }

    private async Task<string> FailureAsync(string email, string password)
    {
        using var browser = new Browser(App);
        var page = await browser.PasswordStepAsync(email, password);
        Assert.Equal("/Account/Login", browser.LastUrl!.AbsolutePath);
        return page.QuerySelector(".alert-danger")!.TextContent.Trim();
    }

    [Fact]
    public async Task Unknown_wrong_locked_and_deactivated_accounts_all_get_the_same_message_for_a_wrong_password()
    {
        var wrong = await App.CreateUserAsync(Roles.Staff);
        var locked = await App.CreateUserAsync(Roles.Staff);
        var deactivated = await App.CreateUserAsync(Roles.Staff);
        await DeactivateAsync(deactivated);
        for (var i = 0; i < 5; i++)
        {
            await FailureAsync(locked, "salah-" + i);
        }

        var messages = new[]
        {
            await FailureAsync("tidak-ada-akunnya@dpkukmp.test", "tebakan-yang-salah"),
            await FailureAsync(wrong, "tebakan-yang-salah"),
            await FailureAsync(locked, "tebakan-yang-salah"),
            await FailureAsync(locked, RegistryApp.TestPassword),
            await FailureAsync(deactivated, "tebakan-yang-salah"),
        };

        Assert.Single(messages.Distinct());
        Assert.DoesNotContain("dinonaktifkan", messages[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_email_costs_a_password_hash_like_a_real_account()
    {
        var hasher = new CountingHasher();
        await using var counted = App.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<IPasswordHasher<AppUser>>(hasher)));
        using var browser = new Browser(counted);

        await browser.PasswordStepAsync("tidak-ada-akunnya@dpkukmp.test", "tebakan-yang-salah");

        Assert.Equal(1, hasher.Verified);
    }

    [Fact]
    public async Task A_deactivated_account_is_told_so_only_after_its_password_was_right()
    {
        var email = await App.CreateUserAsync(Roles.Staff);
        await DeactivateAsync(email);

        Assert.DoesNotContain("dinonaktifkan", await FailureAsync(email, "tebakan-yang-salah"), StringComparison.Ordinal);
        Assert.Contains("dinonaktifkan", await FailureAsync(email, RegistryApp.TestPassword), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_account_deactivated_between_the_two_steps_is_refused_at_the_second()
    {
        var email = await App.CreateUserAsync(Roles.Admin);
        using var browser = new Browser(App);
        var second = await browser.PasswordStepAsync(email);
        Assert.True(browser.IsSecondStep(second));

        await DeactivateAsync(email);
        var page = await browser.SubmitCodeAsync(second, await RegistryApp.AuthenticatorCodeAsync(App, email));

        Assert.Contains("dinonaktifkan", page.QuerySelector(".alert-danger")!.TextContent, StringComparison.Ordinal);
        await browser.GetAsync("/Registry/Units");
        Assert.Equal("/Account/Login", browser.LastUrl!.AbsolutePath);
    }

    private sealed class CountingHasher : IPasswordHasher<AppUser>
    {
        private readonly PasswordHasher<AppUser> _inner = new();
        private int _verified;

        public int Verified => _verified;

        public string HashPassword(AppUser user, string password) => _inner.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(AppUser user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref _verified);
            return _inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }
}
