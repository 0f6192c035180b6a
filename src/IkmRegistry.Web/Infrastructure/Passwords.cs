using Microsoft.AspNetCore.Identity;

namespace IkmRegistry.Web.Infrastructure;

/// <summary>
/// OWASP ASVS 2.1: at least 12 characters (Identity's options), no composition rules, and refused when the
/// password is a common one (Resources/common-passwords.txt, shipped with the app) or the user's own name.
/// </summary>
public sealed class RegistryPasswordValidator(IStringLocalizer<SharedResource> l) : IPasswordValidator<AppUser>
{
    private static HashSet<string>? _common;

    public Task<IdentityResult> ValidateAsync(UserManager<AppUser> manager, AppUser user, string? password)
    {
        if (string.IsNullOrEmpty(password))
        {
            return Task.FromResult(IdentityResult.Success);
        }

        var lowered = password.Trim().ToLowerInvariant();
        var names = new[] { user.UserName, user.Email, user.Email?.Split('@')[0], user.DisplayName }
            .Where(n => !string.IsNullOrWhiteSpace(n)).Select(n => n!.Trim().ToLowerInvariant());
        if (names.Contains(lowered))
        {
            return Task.FromResult(IdentityResult.Failed(new IdentityError { Code = "PasswordIsUserName", Description = l["Kata sandi tidak boleh sama dengan nama pengguna atau email."] }));
        }

        if (Common().Contains(lowered))
        {
            return Task.FromResult(IdentityResult.Failed(new IdentityError { Code = "PasswordTooCommon", Description = l["Kata sandi ini terlalu umum dan mudah ditebak. Pilih kalimat atau rangkaian kata yang lain."] }));
        }

        return Task.FromResult(IdentityResult.Success);
    }

    private static HashSet<string> Common() =>
        _common ??= File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Resources", "common-passwords.txt"))
            .Select(line => line.Trim().ToLowerInvariant())
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .ToHashSet();
}

/// <summary>Identity's own messages (too short, email taken...) in Indonesian, with English through the resource file.</summary>
public sealed class LocalizedIdentityErrors(IStringLocalizer<SharedResource> l) : IdentityErrorDescriber
{
    public override IdentityError PasswordTooShort(int length) =>
        new() { Code = nameof(PasswordTooShort), Description = l["Kata sandi minimal {0} karakter.", length] };

    public override IdentityError DuplicateEmail(string email) =>
        new() { Code = nameof(DuplicateEmail), Description = l["Email ini sudah dipakai akun lain."] };

    public override IdentityError DuplicateUserName(string userName) =>
        new() { Code = nameof(DuplicateUserName), Description = l["Email ini sudah dipakai akun lain."] };

    public override IdentityError InvalidEmail(string? email) =>
        new() { Code = nameof(InvalidEmail), Description = l["Alamat email tidak valid."] };

    public override IdentityError InvalidUserName(string? userName) =>
        new() { Code = nameof(InvalidUserName), Description = l["Alamat email tidak valid."] };

    public override IdentityError PasswordMismatch() =>
        new() { Code = nameof(PasswordMismatch), Description = l["Kata sandi lama salah."] };

    public override IdentityError DefaultError() =>
        new() { Code = nameof(DefaultError), Description = l["Perubahan tidak dapat disimpan."] };
}
