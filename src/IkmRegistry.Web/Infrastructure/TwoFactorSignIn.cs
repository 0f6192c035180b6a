using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Extensions.Options;

namespace IkmRegistry.Web.Infrastructure;

/// <summary>
/// Two-factor sign-in with an authenticator app (TOTP, codes checked by <see cref="ReplayProtectedAuthenticatorTokenProvider"/>).
/// Admins must have it (ASVS 4.3.1), and so must Staff, who read NIK, phone numbers and addresses in bulk, unless
/// <c>TwoFactor:RequiredForStaff</c> is false: until they set it up, every page sends them to the set-up page.
/// </summary>
public static class TwoFactorSignIn
{
    /// <summary>The <c>TwoFactor</c> section of the settings.</summary>
    public sealed class Options
    {
        public const string Section = "TwoFactor";

        /// <summary>Staff must set up two-factor sign-in like admins (on unless the settings turn it off).</summary>
        public bool RequiredForStaff { get; set; } = true;
    }

    public static WebApplicationBuilder AddRegistryTwoFactor(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<Options>(builder.Configuration.GetSection(Options.Section));
        return builder;
    }

    /// <summary>Whether accounts in these roles must have two-factor sign-in.</summary>
    public static bool IsRequired(Func<string, bool> isInRole, Options options) =>
        isInRole(Roles.Admin) || (options.RequiredForStaff && isInRole(Roles.Staff));

    public static async Task<bool> IsRequiredAsync(UserManager<AppUser> users, AppUser user, Options options)
    {
        var roles = await users.GetRolesAsync(user);
        return IsRequired(roles.Contains, options);
    }

    public const string SetupPage = "/Account/TwoFactor/Setup";

    public const string Issuer = "IKM Palangka Raya";

    public const int RecoveryCodeCount = 10;

    /// <summary>
    /// In the sign-in cookie when the account has two-factor sign-in, so the check needs no query (and still works
    /// while the database is unreachable). Identity rebuilds the claims at every security stamp check and refresh.
    /// </summary>
    public const string EnabledClaim = "ikm:two_factor";

    /// <summary>What an account that must have two-factor sign-in but has not set it up may still open: the set-up page and the way out.</summary>
    private static readonly HashSet<string> _openWithoutTwoFactor =
        [SetupPage, "/Account/Logout", "/Account/Login", "/Account/LoginTwoFactor", "/Account/AccessDenied", "/Error", "/Language"];

    /// <summary>The shared key in groups of four, as people type it into an app.</summary>
    public static string FormatKey(string key)
    {
        var text = new StringBuilder();
        for (var i = 0; i < key.Length; i += 4)
        {
            text.Append(key.AsSpan(i, Math.Min(4, key.Length - i))).Append(' ');
        }

        return text.ToString().TrimEnd().ToLowerInvariant();
    }

    /// <summary>The otpauth URI an authenticator app reads from the QR code (Key Uri Format).</summary>
    public static string AuthenticatorUri(string account, string key) =>
        $"otpauth://totp/{Uri.EscapeDataString(Issuer)}:{Uri.EscapeDataString(account)}?secret={key}&issuer={Uri.EscapeDataString(Issuer)}&digits=6";

    /// <summary>A typed code without the spaces and dashes apps and people put in; null when it cannot be one.</summary>
    public static string? NormalizeCode(string? code)
    {
        var compact = new string([.. (code ?? "").Where(c => !char.IsWhiteSpace(c))]);
        return compact.Length is > 0 and <= 32 ? compact : null;
    }

    /// <summary>Registered for every page in <see cref="Authorization.AddRegistryPages"/>.</summary>
    public sealed class RequiredTwoFactorFilter : IAsyncPageFilter
    {
        public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

        public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
        {
            var principal = context.HttpContext.User;
            var options = context.HttpContext.RequestServices.GetRequiredService<IOptions<Options>>().Value;
            if (principal.Identity?.IsAuthenticated == true && !principal.HasClaim(EnabledClaim, "true") && IsRequired(principal.IsInRole, options)
                && !_openWithoutTwoFactor.Contains(context.ActionDescriptor.ViewEnginePath))
            {
                context.Result = new RedirectToPageResult(SetupPage);
                return;
            }

            await next();
        }
    }

    /// <summary>Identity's claims plus <see cref="EnabledClaim"/>.</summary>
    public sealed class ClaimsFactory(UserManager<AppUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options)
        : UserClaimsPrincipalFactory<AppUser, IdentityRole>(users, roles, options)
    {
        protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
        {
            var identity = await base.GenerateClaimsAsync(user);
            if (user.TwoFactorEnabled)
            {
                identity.AddClaim(new Claim(EnabledClaim, "true"));
            }

            return identity;
        }
    }
}
