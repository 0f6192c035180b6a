using Microsoft.AspNetCore.Identity;

namespace IkmRegistry.Tests.Pages.Account;

public class LoginTests(RegistryApp app) : RegistryTest(app)
{
    [Fact]
    public async Task Staff_sign_in_with_the_form_and_sign_out_with_the_layout_button()
    {
        var email = await App.CreateUserAsync(Roles.Staff);
        using var browser = new Browser(App);

        var page = await browser.SignInAsync(email);

        Assert.Equal("/", browser.LastUrl!.AbsolutePath);
        Assert.Contains(email, page.QuerySelector("header")!.TextContent);
        var logout = page.QuerySelectorAll<IHtmlFormElement>("header form").Single(f => f.Action.EndsWith("/Account/Logout", StringComparison.Ordinal));
        page = await browser.SubmitAsync(logout);
        Assert.DoesNotContain(email, page.QuerySelector("header")!.TextContent);
        Assert.NotNull(page.QuerySelector("header a[href='/Account/Login']"));
    }

    [Fact]
    public async Task A_wrong_password_gets_a_message_in_Indonesian_and_keeps_the_email()
    {
        var email = await App.CreateUserAsync(Roles.Staff);
        using var browser = new Browser(App);

        var page = await browser.SignInAsync(email, "bukan-kata-sandinya");

        Assert.Contains("Email atau kata sandi salah", page.QuerySelector(".alert-danger")!.TextContent);
        Assert.Equal(email, page.QuerySelector<IHtmlInputElement>("#Input_Email")!.Value);
        Assert.Equal("", page.QuerySelector<IHtmlInputElement>("#Input_Password")!.Value);
    }

    [Fact]
    public async Task Empty_fields_get_a_message_beside_each_field()
    {
        using var browser = new Browser(App);
        var page = await browser.SignInAsync("", "");

        Assert.Contains("Isi alamat email.", page.QuerySelector("#email-error")!.TextContent);
        Assert.Contains("Isi kata sandi.", page.QuerySelector("#password-error")!.TextContent);
    }

    [Fact]
    public async Task Five_failures_lock_the_account_even_for_the_right_password()
    {
        var email = await App.CreateUserAsync(Roles.Staff);
        using var browser = new Browser(App);
        for (var i = 0; i < 5; i++)
        {
            await browser.SignInAsync(email, "salah-" + i);
        }

        var page = await browser.SignInAsync(email);

        Assert.Contains("akun sedang dikunci sementara", page.QuerySelector(".alert-danger")!.TextContent);
        Assert.Equal("/Account/Login", browser.LastUrl!.AbsolutePath);
    }

    [Fact]
    public async Task A_deactivated_account_cannot_sign_in()
    {
        var email = await App.CreateUserAsync(Roles.Official);
        await using (var scope = App.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var user = await users.FindByEmailAsync(email);
            user!.IsActive = false;
            await users.UpdateAsync(user);
        }

        using var browser = new Browser(App);
        var page = await browser.SignInAsync(email);

        Assert.Contains("dinonaktifkan", page.QuerySelector(".alert-danger")!.TextContent);
    }

    [Fact]
    public async Task Sign_in_never_redirects_off_site()
    {
        var email = await App.CreateUserAsync(Roles.Staff);
        using var browser = new Browser(App);
        var page = await browser.GetAsync("/Account/Login?returnUrl=https%3A%2F%2Fevil.example%2F");
        await browser.SubmitAsync(page.QuerySelector<IHtmlFormElement>("main form")!, new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = RegistryApp.TestPassword,
        });

        Assert.Equal("localhost", browser.LastUrl!.Host);
    }
}
