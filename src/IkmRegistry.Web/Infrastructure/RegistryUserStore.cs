using IkmRegistry.Web.Data;
using IkmRegistry.Web.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;

namespace IkmRegistry.Web.Infrastructure;

/// <summary>Identity's EF Core user store, with what the registry adds to how accounts keep their second factor.</summary>
public sealed class RegistryUserStore(RegistryDbContext context, IdentityErrorDescriber? describer = null)
    : UserStore<AppUser, IdentityRole, RegistryDbContext>(context, describer)
{
    /// <summary>A new authenticator key starts its own sequence of codes: the old key's last step no longer applies.</summary>
    public override Task SetAuthenticatorKeyAsync(AppUser user, string key, CancellationToken cancellationToken)
    {
        user.LastAuthenticatorStep = null;
        return base.SetAuthenticatorKeyAsync(user, key, cancellationToken);
    }
}
