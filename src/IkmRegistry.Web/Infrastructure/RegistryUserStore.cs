using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;

namespace IkmRegistry.Web.Infrastructure;

/// <summary>
/// Identity's EF Core user store, keeping the second factor's secrets out of a database dump (ASVS 2.8.x, 6.4.1):
/// authenticator keys are encrypted with data protection (whose key ring is itself protected, <see cref="KeyRing"/>)
/// and recovery codes are stored as salted PBKDF2 hashes, never as typed.
/// </summary>
public sealed class RegistryUserStore(RegistryDbContext context, IDataProtectionProvider protection, IdentityErrorDescriber? describer = null)
    : UserStore<AppUser, IdentityRole, RegistryDbContext>(context, describer)
{
    private readonly AccountSecrets _secrets = new(protection);

    /// <summary>A new authenticator key starts its own sequence of codes: the old key's last step no longer applies.</summary>
    public override Task SetAuthenticatorKeyAsync(AppUser user, string key, CancellationToken cancellationToken)
    {
        user.LastAuthenticatorStep = null;
        return base.SetAuthenticatorKeyAsync(user, _secrets.ProtectKey(key), cancellationToken);
    }

    public override async Task<string?> GetAuthenticatorKeyAsync(AppUser user, CancellationToken cancellationToken) =>
        await base.GetAuthenticatorKeyAsync(user, cancellationToken) is { } stored ? _secrets.UnprotectKey(stored) : null;

    public override Task ReplaceCodesAsync(AppUser user, IEnumerable<string> recoveryCodes, CancellationToken cancellationToken) =>
        SetTokenAsync(user, AccountSecrets.LoginProvider, AccountSecrets.RecoveryCodesName, string.Join(';', recoveryCodes.Select(AccountSecrets.HashCode)), cancellationToken);

    public override async Task<bool> RedeemCodeAsync(AppUser user, string code, CancellationToken cancellationToken)
    {
        var stored = await GetTokenAsync(user, AccountSecrets.LoginProvider, AccountSecrets.RecoveryCodesName, cancellationToken) ?? "";
        var entries = stored.Split(';', StringSplitOptions.RemoveEmptyEntries);
        // Every entry is checked, so the time taken does not tell which one matched.
        var match = entries.Where(e => AccountSecrets.CodeMatches(e, code)).ToList();
        if (match.Count == 0)
        {
            return false;
        }

        await SetTokenAsync(user, AccountSecrets.LoginProvider, AccountSecrets.RecoveryCodesName, string.Join(';', entries.Except(match)), cancellationToken);
        return true;
    }
}

/// <summary>How authenticator keys and recovery codes are written, and the one-off conversion of values written before.</summary>
public sealed class AccountSecrets(IDataProtectionProvider protection)
{
    /// <summary>The token row Identity's store keeps these secrets under (UserStoreBase's own constants are private).</summary>
    public const string LoginProvider = "[AspNetUserStore]";

    public const string AuthenticatorKeyName = "AuthenticatorKey";

    public const string RecoveryCodesName = "RecoveryCodes";

    private const string ProtectedKeyPrefix = "dp1:";

    private const string HashedCodePrefix = "h1.";

    private const int HashIterations = 10_000;

    private readonly IDataProtector _keys = protection.CreateProtector("IkmRegistry.AuthenticatorKey.v1");

    public string ProtectKey(string key) => ProtectedKeyPrefix + _keys.Protect(key);

    /// <summary>The key as the app needs it; a value written before keys were encrypted is read as it is.</summary>
    public string UnprotectKey(string stored) =>
        stored.StartsWith(ProtectedKeyPrefix, StringComparison.Ordinal) ? _keys.Unprotect(stored[ProtectedKeyPrefix.Length..]) : stored;

    public static bool IsProtectedKey(string stored) => stored.StartsWith(ProtectedKeyPrefix, StringComparison.Ordinal);

    public static bool IsHashedCode(string entry) => entry.StartsWith(HashedCodePrefix, StringComparison.Ordinal);

    public static string HashCode(string code)
    {
        var salt = RandomNumberGenerator.GetBytes(16);
        return $"{HashedCodePrefix}{Convert.ToBase64String(salt)}.{Convert.ToBase64String(Derive(code, salt))}";
    }

    public static bool CodeMatches(string entry, string code)
    {
        if (!IsHashedCode(entry))
        {
            // Written before codes were hashed (the start-up conversion hashes them).
            return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(entry), Encoding.UTF8.GetBytes(code));
        }

        var parts = entry[HashedCodePrefix.Length..].Split('.');
        return parts.Length == 2
            && CryptographicOperations.FixedTimeEquals(Convert.FromBase64String(parts[1]), Derive(code, Convert.FromBase64String(parts[0])));
    }

    private static byte[] Derive(string code, byte[] salt) =>
        Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(code), salt, HashIterations, HashAlgorithmName.SHA256, 32);

    /// <summary>
    /// Encrypts authenticator keys and hashes recovery codes written in clear by earlier versions (run at start with
    /// the migrations, <see cref="DatabaseSetup.PrepareAsync"/>); returns how many accounts' values it converted.
    /// </summary>
    public async Task<int> ProtectClearValuesAsync(RegistryDbContext db, CancellationToken cancellationToken)
    {
        var tokens = await db.UserTokens
            .Where(t => t.LoginProvider == LoginProvider && (t.Name == AuthenticatorKeyName || t.Name == RecoveryCodesName))
            .ToListAsync(cancellationToken);
        var converted = 0;
        foreach (var token in tokens.Where(t => !string.IsNullOrEmpty(t.Value)))
        {
            var value = token.Value!;
            if (token.Name == AuthenticatorKeyName && !IsProtectedKey(value))
            {
                token.Value = ProtectKey(value);
                converted++;
            }
            else if (token.Name == RecoveryCodesName && value.Split(';').Any(e => !IsHashedCode(e)))
            {
                token.Value = string.Join(';', value.Split(';', StringSplitOptions.RemoveEmptyEntries).Select(e => IsHashedCode(e) ? e : HashCode(e)));
                converted++;
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        return converted;
    }
}
