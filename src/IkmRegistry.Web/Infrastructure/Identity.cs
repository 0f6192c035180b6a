using Microsoft.AspNetCore.Identity;

namespace IkmRegistry.Web.Infrastructure;

public static class Identity
{
    public static WebApplicationBuilder AddRegistryIdentity(this WebApplicationBuilder builder)
    {
        builder.Services
            .AddIdentity<AppUser, IdentityRole>(options =>
            {
                // OWASP ASVS 2.1: length over composition rules.
                options.Password.RequiredLength = 12;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequiredUniqueChars = 1;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                options.User.RequireUniqueEmail = true;
                options.SignIn.RequireConfirmedAccount = false;
            })
            .AddEntityFrameworkStores<RegistryDbContext>()
            .AddUserStore<RegistryUserStore>()
            .AddDefaultTokenProviders()
            .AddTokenProvider<ReplayProtectedAuthenticatorTokenProvider>(TokenOptions.DefaultAuthenticatorProvider)
            .AddClaimsPrincipalFactory<TwoFactorSignIn.ClaimsFactory>()
            .AddPasswordValidator<RegistryPasswordValidator>()
            .AddErrorDescriber<LocalizedIdentityErrors>();

        builder.Services.ConfigureApplicationCookie(options =>
        {
            options.LoginPath = "/Account/Login";
            options.LogoutPath = "/Account/Logout";
            options.AccessDeniedPath = "/Account/AccessDenied";
            options.Cookie.Name = "ikm.auth";
            // Secure, HttpOnly, SameSite and the timeouts: Sessions.cs.
        });

        // A deactivated account or a reset password ends existing sessions within a minute (security stamp check).
        builder.Services.Configure<SecurityStampValidatorOptions>(options => options.ValidationInterval = TimeSpan.FromMinutes(1));

        builder.Services.AddSingleton<SignInThrottle>();
        builder.Services.AddScoped<Reauthentication>();

        builder.AddRegistryDataProtection();
        return builder;
    }
}
