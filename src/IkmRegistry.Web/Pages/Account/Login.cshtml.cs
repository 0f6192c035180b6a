using FluentValidation;
using IkmRegistry.Web.Domain;
using IkmRegistry.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

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

        var user = await users.FindByEmailAsync(Input.Email.Trim());
        if (user is { IsActive: false })
        {
            logger.LogWarning("Sign-in refused for deactivated user {UserId}", user.Id);
            ModelState.AddModelError("", l["Akun ini sudah dinonaktifkan. Hubungi admin."]);
            return Page();
        }

        var result = user is null
            ? Microsoft.AspNetCore.Identity.SignInResult.Failed
            : await signIn.PasswordSignInAsync(user, Input.Password, isPersistent: false, lockoutOnFailure: true);

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

        if (result.IsLockedOut)
        {
            logger.LogWarning("Sign-in refused: user {UserId} is locked out", user!.Id);
            ModelState.AddModelError("", l["Terlalu banyak percobaan gagal. Akun dikunci sementara; coba lagi 15 menit lagi."]);
        }
        else
        {
            // The same message whether the email exists or not, so accounts cannot be discovered.
            if (user is null)
            {
                logger.LogWarning("Sign-in failed for an unknown account");
            }
            else
            {
                logger.LogWarning("Sign-in failed for user {UserId}", user.Id);
            }

            ModelState.AddModelError("", l["Email atau kata sandi salah."]);
        }

        Input.Password = "";
        return Page();
    }
}
