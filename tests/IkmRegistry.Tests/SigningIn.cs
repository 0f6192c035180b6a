namespace IkmRegistry.Tests;

public static class SigningIn
{
    /// <summary>A new browser signed in as a new user of <paramref name="role"/> (with <paramref name="email"/>, or a generated one).</summary>
    public static async Task<Browser> SignedInAsync(this RegistryApp app, string role, string? email = null)
    {
        var browser = new Browser(app);
        await browser.SignInAsync(await app.CreateUserAsync(role, email));
        return browser;
    }
}
