using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;

namespace IkmRegistry.Web.Pages.Account;

/// <summary>
/// The second step of signing in for an account with two-factor sign-in: a code from the authenticator app, or one
/// of the recovery codes (each works once). Wrong codes count towards the lockout like wrong passwords.
/// </summary>
public class LoginTwoFactorModel(SignInManager<AppUser> signIn, UserManager<AppUser> users, IStringLocalizer<SharedResource> l, ILogger<LoginTwoFactorModel> logger) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public string? ReturnUrl { get; set; }

    public sealed class InputModel
    {
        public string? Code { get; set; }

        public string? RecoveryCode { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(string? returnUrl)
    {
        ReturnUrl = returnUrl;
        return await signIn.GetTwoFactorAuthenticationUserAsync() is null ? RedirectToPage("/Account/Login", new { returnUrl }) : Page();
    }

    public async Task<IActionResult> OnPostAsync(string? returnUrl)
    {
        ReturnUrl = returnUrl;
        if (await signIn.GetTwoFactorAuthenticationUserAsync() is not { } user)
        {
            return RedirectToPage("/Account/Login", new { returnUrl });
        }

        if (!user.IsActive)
        {
            return await DeactivatedAsync(user);
        }

        if (TwoFactorSignIn.NormalizeCode(Input.Code) is not { } code)
        {
            ModelState.AddModelError("Input.Code", l["Isi kode 6 angka dari aplikasi autentikator."]);
            return Page();
        }

        var result = await signIn.TwoFactorAuthenticatorSignInAsync(code, isPersistent: false, rememberClient: false);
        return Answer(result, user, "authenticator code", "Input.Code");
    }

    public async Task<IActionResult> OnPostRecoveryAsync(string? returnUrl)
    {
        ReturnUrl = returnUrl;
        if (await signIn.GetTwoFactorAuthenticationUserAsync() is not { } user)
        {
            return RedirectToPage("/Account/Login", new { returnUrl });
        }

        if (!user.IsActive)
        {
            return await DeactivatedAsync(user);
        }

        if (TwoFactorSignIn.NormalizeCode(Input.RecoveryCode) is not { } code)
        {
            ModelState.AddModelError("Input.RecoveryCode", l["Isi salah satu kode pemulihan Anda."]);
            return Page();
        }

        var result = await signIn.TwoFactorRecoveryCodeSignInAsync(code);
        if (result.Succeeded)
        {
            var left = await users.CountRecoveryCodesAsync(user);
            logger.LogWarning("User {UserId} signed in with a recovery code; {Left} left", user.Id, left);
            TempData["Warning"] = l["Anda masuk dengan kode pemulihan. Sisa kode: {0}. Buat kode baru bila tinggal sedikit.", left].Value;
        }

        return Answer(result, user, "recovery code", "Input.RecoveryCode");
    }

    // An admin may deactivate the account between the two steps: the second step checks again and ends the attempt.
    private async Task<IActionResult> DeactivatedAsync(AppUser user)
    {
        await HttpContext.SignOutAsync(IdentityConstants.TwoFactorUserIdScheme);
        logger.LogWarning("Second sign-in step refused for deactivated user {UserId}", user.Id);
        ModelState.AddModelError("", l["Akun ini sudah dinonaktifkan. Hubungi admin."]);
        Input = new InputModel();
        return Page();
    }

    private IActionResult Answer(Microsoft.AspNetCore.Identity.SignInResult result, AppUser user, string method, string field)
    {
        if (result.Succeeded)
        {
            logger.LogInformation("Sign-in succeeded for user {UserId} with an {Method}", user.Id, method);
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
        }

        Input = new InputModel();
        if (result.IsLockedOut)
        {
            logger.LogWarning("Sign-in refused: user {UserId} is locked out", user.Id);
            ModelState.AddModelError("", l["Terlalu banyak percobaan gagal. Akun dikunci sementara; coba lagi 15 menit lagi."]);
        }
        else
        {
            logger.LogWarning("Second sign-in step failed for user {UserId} ({Method})", user.Id, method);
            ModelState.AddModelError(field, l["Kode salah atau sudah dipakai."]);
        }

        return Page();
    }
}
