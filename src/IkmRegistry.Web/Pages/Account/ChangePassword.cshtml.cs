using FluentValidation;
using Microsoft.AspNetCore.Identity;

namespace IkmRegistry.Web.Pages.Account;

/// <summary>Every signed-in user can change their own password.</summary>
public class ChangePasswordModel(UserManager<AppUser> users, SignInManager<AppUser> signIn, IValidator<ChangePasswordModel.InputModel> validator, IStringLocalizer<SharedResource> l, ILogger<ChangePasswordModel> logger) : PageModel, IFormPage
{
    /// <summary>No option lists: while the database is unreachable the form comes back as typed.</summary>
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public sealed class InputModel
    {
        public string? CurrentPassword { get; set; }
        public string? NewPassword { get; set; }
        public string? ConfirmPassword { get; set; }
    }

    public sealed class InputValidator : AbstractValidator<InputModel>
    {
        public InputValidator(IStringLocalizer<SharedResource> l)
        {
            RuleFor(x => x.CurrentPassword).NotEmpty().WithMessage(_ => l["Isi kata sandi lama."]);
            RuleFor(x => x.NewPassword).NotEmpty().WithMessage(_ => l["Isi kata sandi baru (minimal 12 karakter)."]).MaximumLength(256);
            RuleFor(x => x.ConfirmPassword).Equal(x => x.NewPassword).WithMessage(_ => l["Ulangi kata sandi baru dengan tepat."]);
        }
    }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        (await validator.ValidateAsync(Input)).AddTo(ModelState);
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        if (ModelState.IsValid)
        {
            var result = await users.ChangePasswordAsync(user, Input.CurrentPassword!, Input.NewPassword!);
            if (result.Succeeded)
            {
                await signIn.RefreshSignInAsync(user);
                logger.LogInformation("User {UserId} changed their password", user.Id);
                TempData["Message"] = l["Kata sandi Anda sudah diganti."].Value;
                return RedirectToPage("/Index");
            }

            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(error.Code == "PasswordMismatch" ? "Input.CurrentPassword" : "Input.NewPassword", error.Description);
            }
        }

        Input = new InputModel();
        return Page();
    }
}
