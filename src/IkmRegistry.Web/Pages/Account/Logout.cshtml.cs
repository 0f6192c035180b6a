using Microsoft.AspNetCore.Identity;

namespace IkmRegistry.Web.Pages.Account;

/// <summary>Sign-out is a POST (the layout's button), so another site cannot sign a user out.</summary>
public class LogoutModel(SignInManager<AppUser> signIn, UserManager<AppUser> users, ILogger<LogoutModel> logger) : PageModel
{
    public IActionResult OnGet() => RedirectToPage("/Index");

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await users.GetUserAsync(User);
        // A new security stamp ends every copy of this session's cookie, not just the browser's own.
        if (user is not null)
        {
            await users.UpdateSecurityStampAsync(user);
        }

        await signIn.SignOutAsync();
        var userId = user?.Id;
        logger.LogInformation("Sign-out by user {UserId}", userId);
        return RedirectToPage("/Index");
    }
}
