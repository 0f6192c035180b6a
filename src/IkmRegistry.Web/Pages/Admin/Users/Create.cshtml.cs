using FluentValidation;
using Microsoft.AspNetCore.Identity;

namespace IkmRegistry.Web.Pages.Admin.Users;

/// <summary>Accounts are created by an admin; there is no self-registration.</summary>
public class CreateModel(UserManager<AppUser> users, IValidator<CreateModel.InputModel> validator, IStringLocalizer<SharedResource> l, TimeProvider clock, ILogger<CreateModel> logger) : PageModel, IFormPage
{
    /// <summary>No option lists: while the database is unreachable the form comes back as typed.</summary>
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public sealed class InputModel
    {
        public string? Email { get; set; }
        public string? DisplayName { get; set; }
        public string? Role { get; set; } = Roles.Staff;
        public string? Password { get; set; }
    }

    public sealed class InputValidator : AbstractValidator<InputModel>
    {
        public InputValidator(IStringLocalizer<SharedResource> l)
        {
            RuleFor(x => x.Email).NotEmpty().WithMessage(_ => l["Isi alamat email."]).EmailAddress().WithMessage(_ => l["Alamat email tidak valid."]).MaximumLength(256);
            RuleFor(x => x.DisplayName).NotEmpty().WithMessage(_ => l["Isi nama."]).MaximumLength(150).WithMessage(_ => l["Nama paling banyak 150 karakter."]);
            RuleFor(x => x.Role).Must(r => Roles.All.Contains(r)).WithMessage(_ => l["Pilih peran."]);
            RuleFor(x => x.Password).NotEmpty().WithMessage(_ => l["Isi kata sandi awal (minimal 12 karakter)."]).MaximumLength(256);
        }
    }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        (await validator.ValidateAsync(Input)).AddTo(ModelState);
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var email = Input.Email!.Trim();
        var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = Identifiers.Clean(Input.DisplayName)!, CreatedAt = clock.GetUtcNow().UtcDateTime };
        var result = await users.CreateAsync(user, Input.Password!);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(error.Code.StartsWith("Password", StringComparison.Ordinal) ? "Input.Password" : "Input.Email", error.Description);
            }

            Input.Password = null;
            return Page();
        }

        await users.AddToRoleAsync(user, Input.Role!);
        logger.LogInformation("User {UserId} created with role {Role} by {AdminId}", user.Id, Input.Role, users.GetUserId(User));
        TempData["Message"] = l["Akun {0} dibuat.", email].Value;
        return RedirectToPage("Index");
    }
}
