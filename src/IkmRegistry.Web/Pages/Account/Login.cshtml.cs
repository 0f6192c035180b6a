using FluentValidation;
using Microsoft.AspNetCore.Identity;

namespace IkmRegistry.Web.Pages.Account;

public class LoginModel(
    SignInManager<AppUser> signIn,
    UserManager<AppUser> users,
    IValidator<LoginModel.InputModel> validator,
    IStringLocalizer<SharedResource> l,
    SignInThrottle throttle,
    ILogger<LoginModel> logger) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public string? ReturnUrl { get; set; }

    public sealed class InputModel
    {
        public string Email { get; set; } = "";
        public string Password { get; set; } = "";
    }

    public sealed class InputValidator : AbstractValidator<InputModel>
    {
        public InputValidator(IStringLocalizer<SharedResource> l)
        {
            RuleFor(x => x.Email).NotEmpty().WithMessage(_ => l["Isi alamat email."]).MaximumLength(256);
            RuleFor(x => x.Password).NotEmpty().WithMessage(_ => l["Isi kata sandi."]).MaximumLength(256);
        }
    }

    private static string? _dummyHash;

    // A hash made with the app's own hasher settings, so that checking it costs what checking a real one does.
    private static string DummyHash(IPasswordHasher<AppUser> hasher) =>
        _dummyHash ??= hasher.HashPassword(new AppUser(), Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24)));

    public void OnGet(string? returnUrl) => ReturnUrl = returnUrl;

    public async Task<IActionResult> OnPostAsync(string? returnUrl)
    {
        ReturnUrl = returnUrl;
        var validation = await validator.ValidateAsync(Input);
        if (!validation.IsValid)
        {
            validation.AddTo(ModelState);
            return Page();
        }

        if (throttle.TryAttempt(HttpContext, Input.Email) is { } wait)
        {
            logger.LogWarning("Sign-in attempts over the limit; refused for {Seconds} s", SignInThrottle.Seconds(wait));
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            Response.Headers.RetryAfter = SignInThrottle.Header(wait);
            ModelState.AddModelError("", l["Terlalu banyak percobaan masuk. Coba lagi dalam {0} detik.", SignInThrottle.Seconds(wait)]);
            Input.Password = "";
            return Page();
        }

        // Every failure looks the same (ASVS 2.2.1, 3.2): an unknown email costs a password hash like a real one, and a
        // deactivated account is told so only once its password has been checked.
        var user = await users.FindByEmailAsync(Input.Email.Trim());
        Microsoft.AspNetCore.Identity.SignInResult result;
        if (user is null)
        {
            users.PasswordHasher.VerifyHashedPassword(new AppUser(), DummyHash(users.PasswordHasher), Input.Password);
            result = Microsoft.AspNetCore.Identity.SignInResult.Failed;
        }
        else if (!user.IsActive)
        {
            result = await signIn.CheckPasswordSignInAsync(user, Input.Password, lockoutOnFailure: true);
            if (result.Succeeded)
            {
                logger.LogWarning("Sign-in refused for deactivated user {UserId}", user.Id);
                ModelState.AddModelError("", l["Akun ini sudah dinonaktifkan. Hubungi admin."]);
                Input.Password = "";
                return Page();
            }
        }
        else
        {
            result = await signIn.PasswordSignInAsync(user, Input.Password, isPersistent: false, lockoutOnFailure: true);
        }

        if (result.Succeeded)
        {
            logger.LogInformation("Sign-in succeeded for user {UserId}", user!.Id);
            return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl : "/");
        }

        if (result.RequiresTwoFactor)
        {
            logger.LogInformation("Password accepted for user {UserId}; second step required", user!.Id);
            return RedirectToPage("/Account/LoginTwoFactor", new { returnUrl });
        }

        if (user is null)
        {
            logger.LogWarning("Sign-in failed for an unknown account");
        }
        else if (result.IsLockedOut)
        {
            logger.LogWarning("Sign-in refused: user {UserId} is locked out", user.Id);
        }
        else
        {
            logger.LogWarning("Sign-in failed for user {UserId}", user.Id);
        }

        // The one answer to every failure: unknown email, wrong password, locked account, deactivated account.
        ModelState.AddModelError("", l["Email atau kata sandi salah, atau akun sedang dikunci sementara. Coba lagi dalam 15 menit atau hubungi admin."]);
        Input.Password = "";
        return Page();
    }
}
