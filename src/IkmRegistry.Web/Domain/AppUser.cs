using Microsoft.AspNetCore.Identity;

namespace IkmRegistry.Web.Domain;

public class AppUser : IdentityUser, ICreatedAt
{
    public string DisplayName { get; set; } = "";

    /// <summary>An admin deactivates an account instead of deleting it, so its audit trail keeps a name.</summary>
    public bool IsActive { get; set; } = true;

    public DateTime CreatedAt { get; set; }

    /// <summary>The time step (Unix time / 30 s) of the last authenticator code accepted: a code is never accepted twice.</summary>
    public long? LastAuthenticatorStep { get; set; }
}

public static class Roles
{
    public const string Admin = "Admin";
    public const string Staff = "Staff";
    public const string Official = "Official";

    public static readonly string[] All = [Admin, Staff, Official];
}
