using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace IkmRegistry.Web.Infrastructure;

/// <summary>
/// A sensitive change to an account (turning two-factor sign-in off, new recovery codes, an admin setting another
/// account's password) needs the signed-in person to prove again that they are at the keyboard (ASVS 3.7.1): their
/// password, or a fresh authenticator code (which then counts as used). A wrong answer counts towards the lockout
/// like a wrong password at sign-in, so a stolen session cannot be used to guess.
/// </summary>
public sealed class Reauthentication(UserManager<AppUser> users, SignInManager<AppUser> signIn, IValidator<Reauthentication.Input> validator, IStringLocalizer<SharedResource> l, ILogger<Reauthentication> logger)
{
    /// <summary>The form field every such form carries.</summary>
    public sealed class Input
    {
        public string? Proof { get; set; }
    }

    public sealed class InputValidator : AbstractValidator<Input>
    {
        public InputValidator(IStringLocalizer<SharedResource> l) =>
            RuleFor(x => x.Proof).NotEmpty().WithMessage(_ => l["Isi kata sandi Anda atau kode dari aplikasi autentikator untuk memastikan ini Anda."]).MaximumLength(256);
    }

    /// <summary>
    /// True when the input's proof is the user's password or a fresh code; otherwise adds the error beside the
    /// field (<paramref name="prefix"/>.Proof).
    /// </summary>
    public async Task<bool> ConfirmAsync(AppUser user, Input input, string action, ModelStateDictionary modelState, string prefix)
    {
        var validation = await validator.ValidateAsync(input);
        if (!validation.IsValid)
        {
            validation.AddTo(modelState, prefix);
            return false;
        }

        var proof = input.Proof!;
        var field = $"{prefix}.{nameof(Input.Proof)}";

        // A password has at least 12 characters, so six digits can only be an authenticator code.
        var code = TwoFactorSignIn.NormalizeCode(proof);
        bool confirmed;
        if (user.TwoFactorEnabled && code is { Length: 6 } && code.All(char.IsAsciiDigit))
        {
            confirmed = !await users.IsLockedOutAsync(user)
                && await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code);
            if (!confirmed)
            {
                await users.AccessFailedAsync(user);
            }
        }
        else
        {
            confirmed = (await signIn.CheckPasswordSignInAsync(user, proof, lockoutOnFailure: true)).Succeeded;
        }

        if (confirmed)
        {
            logger.LogInformation("User {UserId} confirmed their identity to {Action}", user.Id, action);
            return true;
        }

        logger.LogWarning("User {UserId} failed to confirm their identity to {Action}", user.Id, action);
        modelState.AddModelError(field, await users.IsLockedOutAsync(user)
            ? l["Terlalu banyak percobaan gagal. Akun dikunci sementara; coba lagi 15 menit lagi."]
            : l["Kata sandi atau kode salah."]);
        return false;
    }
}
