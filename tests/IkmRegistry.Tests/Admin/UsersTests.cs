using Microsoft.AspNetCore.Identity;

namespace IkmRegistry.Tests.Admin;

public class UsersTests(RegistryApp app) : RegistryTest(app)
{
    private Task<Browser> AdminAsync() => App.SignedInAsync(Roles.Admin, "admin@dpkukmp.test");

    private static async Task<IDocument> CreateAccountAsync(Browser browser, string email, string password, string role = Roles.Staff)
    {
        var page = await browser.GetAsync("/Admin/Users/Create");
        return await browser.SubmitAsync(page.QuerySelector<IHtmlFormElement>("main form")!, new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.DisplayName"] = "Petugas Baru",
            ["Input.Role"] = role,
            ["Input.Password"] = password,
        });
    }

    [Fact]
    public async Task An_admin_creates_an_account_that_can_sign_in_with_its_role()
    {
        using var admin = await AdminAsync();
        var page = await CreateAccountAsync(admin, "baru@dpkukmp.test", "sungai kahayan mengalir jauh", Roles.Official);

        Assert.Contains("Akun baru@dpkukmp.test dibuat.", page.QuerySelector(".alert-success")!.TextContent);
        using var official = new Browser(App);
        await official.SignInAsync("baru@dpkukmp.test", "sungai kahayan mengalir jauh");
        await official.GetAsync("/Registry/Units");
        Assert.Equal(System.Net.HttpStatusCode.OK, official.LastStatus);
        await official.GetAsync("/Registry/Units/Create");
        Assert.Equal("/Account/AccessDenied", official.LastUrl!.AbsolutePath);
    }

    [Theory]
    [InlineData("pendek123", "Kata sandi minimal 12 karakter.")]
    [InlineData("palangkaraya", "terlalu umum")]
    [InlineData("Password1234", "terlalu umum")]
    [InlineData("baru@dpkukmp.test", "tidak boleh sama dengan nama pengguna")]
    public async Task Weak_passwords_are_refused_with_a_reason(string password, string message)
    {
        using var admin = await AdminAsync();
        var page = await CreateAccountAsync(admin, "baru@dpkukmp.test", password);

        Assert.Contains(message, page.QuerySelector("[data-valmsg-for='Input.Password']")!.TextContent);
        Assert.Equal("baru@dpkukmp.test", page.QuerySelector<IHtmlInputElement>("[name='Input.Email']")!.Value);
        await using var scope = App.Services.CreateAsyncScope();
        Assert.Null(await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByEmailAsync("baru@dpkukmp.test"));
    }

    [Fact]
    public async Task A_long_password_without_composition_rules_is_accepted()
    {
        using var admin = await AdminAsync();
        var page = await CreateAccountAsync(admin, "baru@dpkukmp.test", "ikan haruan bakar");

        Assert.Contains("dibuat", page.QuerySelector(".alert-success")!.TextContent);
    }

    [Fact]
    public async Task Deactivating_an_account_refuses_its_next_sign_in_and_changing_a_role_takes_effect()
    {
        var email = await App.CreateUserAsync(Roles.Staff, "staf@dpkukmp.test");
        using var admin = await AdminAsync();
        await using var scope = App.Services.CreateAsyncScope();
        var id = (await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByEmailAsync(email))!.Id;

        var page = await admin.GetAsync($"/Admin/Users/Edit/{id}");
        page = await admin.SubmitAsync(page.QuerySelector<IHtmlFormElement>("form[action*='handler=Role']")!, new Dictionary<string, string> { ["role"] = Roles.Official });
        Assert.Contains("tersimpan", page.QuerySelector(".alert-success")!.TextContent);
        using (var user = new Browser(App))
        {
            await user.SignInAsync(email);
            await user.GetAsync("/Registry/Units/Create");
            Assert.Equal("/Account/AccessDenied", user.LastUrl!.AbsolutePath);
        }

        page = await admin.GetAsync($"/Admin/Users/Edit/{id}");
        await admin.SubmitAsync(page.QuerySelector<IHtmlFormElement>("form[action*='handler=Active']")!);
        using var again = new Browser(App);
        page = await again.SignInAsync(email);
        Assert.Contains("dinonaktifkan", page.QuerySelector(".alert-danger")!.TextContent);
    }

    [Fact]
    public async Task An_admin_resets_a_password_and_cannot_remove_their_own_admin_role()
    {
        var email = await App.CreateUserAsync(Roles.Staff, "staf@dpkukmp.test");
        using var admin = await AdminAsync();
        await using var scope = App.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var id = (await users.FindByEmailAsync(email))!.Id;

        var page = await admin.GetAsync($"/Admin/Users/Edit/{id}");
        await admin.SubmitAsync(page.QuerySelector<IHtmlFormElement>("form[action*='handler=Password']")!, new Dictionary<string, string> { ["password"] = "danau tundai yang tenang", ["Confirm.Proof"] = RegistryApp.TestPassword });
        using (var user = new Browser(App))
        {
            await user.SignInAsync(email, "danau tundai yang tenang");
            Assert.Equal("/", user.LastUrl!.AbsolutePath);
        }

        var self = (await users.FindByEmailAsync("admin@dpkukmp.test"))!.Id;
        page = await admin.GetAsync($"/Admin/Users/Edit/{self}");
        page = await admin.SubmitAsync(page.QuerySelector<IHtmlFormElement>("form[action*='handler=Role']")!, new Dictionary<string, string> { ["role"] = Roles.Staff });
        Assert.Contains("tidak dapat mencabut peran admin", page.QuerySelector(".alert-danger")!.TextContent);
        Assert.Null(page.QuerySelector("form[action*='handler=Active']"));
    }

    [Fact]
    public async Task Every_user_changes_their_own_password()
    {
        var email = await App.CreateUserAsync(Roles.Official);
        using var browser = new Browser(App);
        await browser.SignInAsync(email);
        var page = await browser.GetAsync("/Account/ChangePassword");

        page = await browser.SubmitAsync(page.QuerySelector<IHtmlFormElement>("main form")!, new Dictionary<string, string>
        {
            ["Input.CurrentPassword"] = "salah-salah-salah",
            ["Input.NewPassword"] = "bukit batu yang tinggi",
            ["Input.ConfirmPassword"] = "bukit batu yang tinggi",
        });
        Assert.Contains("Kata sandi lama salah.", page.QuerySelector("[data-valmsg-for='Input.CurrentPassword']")!.TextContent);

        page = await browser.SubmitAsync(page.QuerySelector<IHtmlFormElement>("main form")!, new Dictionary<string, string>
        {
            ["Input.CurrentPassword"] = RegistryApp.TestPassword,
            ["Input.NewPassword"] = "bukit batu yang tinggi",
            ["Input.ConfirmPassword"] = "bukit batu yang tinggi",
        });
        Assert.Contains("Kata sandi Anda sudah diganti.", page.QuerySelector(".alert-success")!.TextContent);
        using var again = new Browser(App);
        await again.SignInAsync(email, "bukit batu yang tinggi");
        Assert.Equal("/", again.LastUrl!.AbsolutePath);
    }
}
