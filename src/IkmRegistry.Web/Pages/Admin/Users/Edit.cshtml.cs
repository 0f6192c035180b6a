using Microsoft.AspNetCore.Identity;

namespace IkmRegistry.Web.Pages.Admin.Users;

/// <summary>
/// Role, name and activity of an account, and a new password. An admin cannot lock themselves out. Setting another
/// account's password needs the admin's own password or a fresh code (<see cref="Reauthentication"/>); an admin's
/// own password is changed on the change-password page, with the old one, never here.
/// </summary>
public class EditModel(UserManager<AppUser> users, Reauthentication reauthentication, IStringLocalizer<SharedResource> l, ILogger<EditModel> logger) : PageModel
{
    [BindProperty]
    public Reauthentication.Input Confirm { get; set; } = new();

    public AppUser Account { get; private set; } = null!;

    public string? Role { get; private set; }

    public bool IsSelf { get; private set; }

    public async Task<IActionResult> OnGetAsync(string id) => await LoadAsync(id) ? Page() : NotFound();

    public async Task<IActionResult> OnPostRoleAsync(string id, string role, string? displayName)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        if (!Roles.All.Contains(role) || (IsSelf && role != Roles.Admin))
        {
            ModelState.AddModelError("", l["Pilih peran. Anda tidak dapat mencabut peran admin dari akun Anda sendiri."]);
            return Page();
        }

        if (Identifiers.Clean(displayName) is { Length: <= 150 } name)
        {
            Account.DisplayName = name;
            await users.UpdateAsync(Account);
        }

        if (Role != role)
        {
            if (Role is not null)
            {
                await users.RemoveFromRoleAsync(Account, Role);
            }

            await users.AddToRoleAsync(Account, role);
            await users.UpdateSecurityStampAsync(Account);
            logger.LogInformation("Role of user {UserId} changed from {OldRole} to {NewRole} by {AdminId}", Account.Id, Role, role, users.GetUserId(User));
        }

        TempData["Message"] = l["Akun {0} tersimpan.", Account.Email!].Value;
        return RedirectToPage("Index");
    }

    public async Task<IActionResult> OnPostActiveAsync(string id, bool active)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        if (IsSelf)
        {
            ModelState.AddModelError("", l["Anda tidak dapat menonaktifkan akun Anda sendiri."]);
            return Page();
        }

        Account.IsActive = active;
        await users.UpdateAsync(Account);
        // Ends the account's open sessions at the next stamp check.
        await users.UpdateSecurityStampAsync(Account);
        logger.LogInformation("User {UserId} {Change} by {AdminId}", Account.Id, active ? "reactivated" : "deactivated", users.GetUserId(User));
        TempData["Message"] = active ? l["Akun {0} diaktifkan kembali.", Account.Email!].Value : l["Akun {0} dinonaktifkan.", Account.Email!].Value;
        return RedirectToPage("Index");
    }

    public async Task<IActionResult> OnPostPasswordAsync(string id, string? password)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        if (IsSelf)
        {
            logger.LogWarning("Admin {AdminId} tried to reset their own password through the admin page; refused", Account.Id);
            ModelState.AddModelError("", l["Ganti kata sandi Anda sendiri di halaman Ganti kata sandi, dengan kata sandi lama."]);
            return Page();
        }

        if (string.IsNullOrEmpty(password))
        {
            ModelState.AddModelError("password", l["Isi kata sandi baru (minimal 12 karakter)."]);
            return Page();
        }

        if (await users.GetUserAsync(User) is not { } admin)
        {
            return Challenge();
        }

        if (!await reauthentication.ConfirmAsync(admin, Confirm, "reset the password of another account", ModelState, nameof(Confirm)))
        {
            Confirm = new Reauthentication.Input();
            return Page();
        }

        var token = await users.GeneratePasswordResetTokenAsync(Account);
        var result = await users.ResetPasswordAsync(Account, token, password);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError("password", error.Description);
            }

            return Page();
        }

        await users.SetLockoutEndDateAsync(Account, null);
        logger.LogInformation("Password of user {UserId} reset by {AdminId}", Account.Id, users.GetUserId(User));
        TempData["Message"] = l["Kata sandi akun {0} diganti.", Account.Email!].Value;
        return RedirectToPage("Index");
    }

    private async Task<bool> LoadAsync(string id)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null)
        {
            return false;
        }

        Account = user;
        Role = (await users.GetRolesAsync(user)).FirstOrDefault();
        IsSelf = users.GetUserId(User) == user.Id;
        return true;
    }
}
