using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using QRCoder;

namespace IkmRegistry.Web.Pages.Account.TwoFactor;

/// <summary>
/// Setting up an authenticator app: the shared key (typed, or read from the QR code served by the Qr handler as a
/// PNG, since the Content-Security-Policy allows images from 'self'), a code from the app to prove it works, and
/// then ten recovery codes shown this once.
/// </summary>
public class SetupModel(UserManager<AppUser> users, SignInManager<AppUser> signIn, IStringLocalizer<SharedResource> l, IOptions<TwoFactorSignIn.Options> twoFactor, ILogger<SetupModel> logger) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public sealed class InputModel
    {
        public string? Code { get; set; }
    }

    public string SharedKey { get; private set; } = "";

    /// <summary>The account's role must have two-factor sign-in: it cannot be turned off.</summary>
    public bool Required { get; private set; }

    public IReadOnlyList<string> RecoveryCodes { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }

        if (user.TwoFactorEnabled)
        {
            return RedirectToPage("Index");
        }

        await ShowKeyAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnGetQrAsync()
    {
        if (await users.GetUserAsync(User) is not { TwoFactorEnabled: false } user)
        {
            return NotFound();
        }

        var key = await KeyAsync(user);
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(TwoFactorSignIn.AuthenticatorUri(user.Email ?? user.UserName ?? user.Id, key), QRCodeGenerator.ECCLevel.M);
        Response.Headers.CacheControl = "no-store";
        return File(new PngByteQRCode(data).GetGraphic(5), "image/png");
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }

        if (user.TwoFactorEnabled)
        {
            return RedirectToPage("Index");
        }

        var code = TwoFactorSignIn.NormalizeCode(Input.Code);
        if (code is null)
        {
            ModelState.AddModelError("Input.Code", l["Isi kode 6 angka dari aplikasi autentikator."]);
        }
        else if (!await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code))
        {
            ModelState.AddModelError("Input.Code", l["Kode tidak cocok. Periksa jam di ponsel Anda lalu isi kode yang sedang tampil."]);
        }

        if (!ModelState.IsValid)
        {
            Input = new InputModel();
            await ShowKeyAsync(user);
            return Page();
        }

        await users.SetTwoFactorEnabledAsync(user, true);
        RecoveryCodes = [.. await users.GenerateNewTwoFactorRecoveryCodesAsync(user, TwoFactorSignIn.RecoveryCodeCount) ?? []];
        // Enabling renews the security stamp: give this browser a cookie that carries the new one.
        await signIn.RefreshSignInAsync(user);
        logger.LogInformation("Two-factor sign-in enabled by user {UserId}", user.Id);
        return Page();
    }

    private async Task ShowKeyAsync(AppUser user)
    {
        Required = await TwoFactorSignIn.IsRequiredAsync(users, user, twoFactor.Value);
        SharedKey = TwoFactorSignIn.FormatKey(await KeyAsync(user));
    }

    private async Task<string> KeyAsync(AppUser user)
    {
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            // A new key renews the security stamp: keep this browser signed in.
            await users.ResetAuthenticatorKeyAsync(user);
            await signIn.RefreshSignInAsync(user);
            key = await users.GetAuthenticatorKeyAsync(user);
        }

        return key!;
    }
}
