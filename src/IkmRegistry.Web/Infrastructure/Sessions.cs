using System.Globalization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.CookiePolicy;

namespace IkmRegistry.Web.Infrastructure;

/// <summary>
/// Session rules for the sign-in cookie and every other cookie: Secure outside Development and Testing
/// (same as the request there, which runs over http), HttpOnly, SameSite; an idle timeout with sliding
/// expiration, and an absolute maximum counted from the sign-in, which renewals do not extend.
/// </summary>
public static class Sessions
{
    /// <summary>Where the sign-in time is kept: in the cookie's properties, which renewals and security stamp refreshes keep.</summary>
    public const string SignedInAtItem = "ikm.signed_in_at";

    public sealed class SessionSettings
    {
        public int IdleMinutes { get; set; } = 30;
        public int AbsoluteHours { get; set; } = 12;
    }

    public static WebApplicationBuilder AddRegistrySessions(this WebApplicationBuilder builder)
    {
        var settings = builder.Configuration.GetSection("Sessions").Get<SessionSettings>() ?? new SessionSettings();
        var overHttpOnly = builder.Environment.IsDevelopment() || builder.Environment.IsEnvironment("Testing");
        // Sessions:CookieSecurePolicy lets scripts/run.sh serve plain http on the loopback address.
        var secure = builder.Configuration.GetValue<CookieSecurePolicy?>("Sessions:CookieSecurePolicy")
            ?? (overHttpOnly ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always);

        builder.Services.ConfigureApplicationCookie(options =>
        {
            options.Cookie.SecurePolicy = secure;
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.ExpireTimeSpan = TimeSpan.FromMinutes(settings.IdleMinutes);
            options.SlidingExpiration = true;

            var onSigningIn = options.Events.OnSigningIn;
            options.Events.OnSigningIn = context =>
            {
                // A new sign-in starts a new session; a refresh after a password change keeps the original time.
                if (!context.Properties.Items.ContainsKey(SignedInAtItem))
                {
                    var now = context.HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
                    context.Properties.Items[SignedInAtItem] = now.ToString("O", CultureInfo.InvariantCulture);
                }

                return onSigningIn(context);
            };

            // Identity's security stamp check runs first; then the absolute maximum.
            var onValidatePrincipal = options.Events.OnValidatePrincipal;
            options.Events.OnValidatePrincipal = async context =>
            {
                await onValidatePrincipal(context);
                if (context.Principal?.Identity?.IsAuthenticated != true)
                {
                    return;
                }

                var now = context.HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
                if (!context.Properties.Items.TryGetValue(SignedInAtItem, out var value)
                    || !DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var signedInAt)
                    || now - signedInAt > TimeSpan.FromHours(settings.AbsoluteHours))
                {
                    context.RejectPrincipal();
                    await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
                }
            };
        });

        builder.Services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "ikm.af";
            options.Cookie.SecurePolicy = secure;
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Strict;
        });

        // Cookies the app appends itself (the language choice) follow the same rules.
        builder.Services.Configure<CookiePolicyOptions>(options =>
        {
            options.Secure = secure;
            options.HttpOnly = HttpOnlyPolicy.Always;
            options.MinimumSameSitePolicy = SameSiteMode.Lax;
        });
        return builder;
    }
}
