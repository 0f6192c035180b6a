using Microsoft.AspNetCore.Identity;

namespace IkmRegistry.Tests.Security;

/// <summary>An authenticator code works once (ASVS 2.8.4, issue 18.6): someone who saw it cannot sign in with it again.</summary>
public class AuthenticatorReplayTests(RegistryApp app) : RegistryTest(app)
{
    private async Task<string> KeyAsync(string email)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        return (await users.GetAuthenticatorKeyAsync((await users.FindByEmailAsync(email))!))!;
    }

    [Fact]
    public async Task A_code_accepted_once_is_refused_the_second_time_and_a_newer_one_still_works()
    {
        var email = await App.CreateUserAsync(Roles.Admin);
        var key = await KeyAsync(email);
        var now = DateTimeOffset.UtcNow;
        var seen = Totp.Code(key, now);

        using (var owner = new Browser(App))
        {
            await owner.SubmitCodeAsync(await owner.PasswordStepAsync(email), seen);
            Assert.Equal("/", owner.LastUrl!.AbsolutePath);
        }

        using var attacker = new Browser(App);
        var step = await attacker.SubmitCodeAsync(await attacker.PasswordStepAsync(email), seen);
        Assert.Equal("/Account/LoginTwoFactor", attacker.LastUrl!.AbsolutePath);
        Assert.Contains("Kode salah atau sudah dipakai", step.QuerySelector("#code-error")!.TextContent, StringComparison.Ordinal);

        // An older code (still inside the allowed clock drift) is refused too; the next step's code is accepted.
        step = await attacker.SubmitCodeAsync(step, Totp.Code(key, now.AddSeconds(-30)));
        Assert.Equal("/Account/LoginTwoFactor", attacker.LastUrl!.AbsolutePath);
        await attacker.SubmitCodeAsync(step, Totp.Code(key, now.AddSeconds(30)));
        Assert.Equal("/", attacker.LastUrl!.AbsolutePath);
    }

    [Fact]
    public async Task Two_sign_ins_racing_with_the_same_code_let_only_one_in()
    {
        var email = await App.CreateUserAsync(Roles.Admin);
        var code = Totp.Code(await KeyAsync(email));
        using var first = new Browser(App);
        using var second = new Browser(App);
        var firstStep = await first.PasswordStepAsync(email);
        var secondStep = await second.PasswordStepAsync(email);

        await Task.WhenAll(first.SubmitCodeAsync(firstStep, code), second.SubmitCodeAsync(secondStep, code));

        Assert.Single(new[] { first, second }, b => b.LastUrl!.AbsolutePath == "/");
    }

    [Fact]
    public async Task The_code_that_turned_two_factor_on_cannot_also_sign_in()
    {
        var email = await App.CreateUserAsync(Roles.Official, twoFactor: false);
        using var browser = new Browser(App);
        await browser.SignInAsync(email);
        var setup = await browser.GetAsync("/Account/TwoFactor/Setup");
        var key = setup.QuerySelector("kbd.shared-key")!.TextContent.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        var code = Totp.Code(key);
        await browser.SubmitAsync(setup.QuerySelector<AngleSharp.Html.Dom.IHtmlFormElement>("main form")!, new Dictionary<string, string> { ["Input.Code"] = code });

        using var other = new Browser(App);
        await other.SubmitCodeAsync(await other.PasswordStepAsync(email), code);
        Assert.Equal("/Account/LoginTwoFactor", other.LastUrl!.AbsolutePath);
    }
}
