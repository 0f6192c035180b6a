using System.Buffers.Binary;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;

namespace IkmRegistry.Web.Infrastructure;

/// <summary>
/// Authenticator codes (RFC 6238: SHA-1, 30 s steps, 6 digits, what every authenticator app computes) that work
/// once (ASVS 2.8.4): a code is accepted only when its time step is newer than the last one this account used, and
/// that step is stored with Identity's optimistic concurrency, so two requests racing with the same code cannot
/// both pass. Like Identity's own provider, codes up to two steps before or after the server's clock are accepted.
/// </summary>
public sealed class ReplayProtectedAuthenticatorTokenProvider(TimeProvider clock, ILogger<ReplayProtectedAuthenticatorTokenProvider> logger)
    : AuthenticatorTokenProvider<AppUser>
{
    public const int StepSeconds = 30;

    public const int AllowedDriftSteps = 2;

    public override async Task<bool> ValidateAsync(string purpose, string token, UserManager<AppUser> manager, AppUser user)
    {
        var key = await manager.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key) || token.Length != 6 || !token.All(char.IsAsciiDigit) || Base32.Decode(key) is not { } keyBytes)
        {
            return false;
        }

        var now = clock.GetUtcNow().ToUnixTimeSeconds() / StepSeconds;
        long? matched = null;
        for (var step = now - AllowedDriftSteps; step <= now + AllowedDriftSteps; step++)
        {
            if (CryptographicOperations.FixedTimeEquals(System.Text.Encoding.ASCII.GetBytes(Code(keyBytes, step)), System.Text.Encoding.ASCII.GetBytes(token)))
            {
                matched = step;
            }
        }

        if (matched is not { } accepted)
        {
            return false;
        }

        if (user.LastAuthenticatorStep is { } last && accepted <= last)
        {
            logger.LogWarning("Authenticator code of user {UserId} refused: its time step was already used", user.Id);
            return false;
        }

        user.LastAuthenticatorStep = accepted;
        var saved = await manager.UpdateAsync(user);
        if (!saved.Succeeded)
        {
            // Another request changed the account meanwhile (possibly with the same code): this one does not pass.
            logger.LogWarning("Authenticator code of user {UserId} refused: the account changed while it was checked", user.Id);
        }

        return saved.Succeeded;
    }

    /// <summary>The six-digit code of one time step.</summary>
    public static string Code(byte[] key, long step)
    {
        Span<byte> counter = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(counter, step);
        // SHA-1 is what RFC 6238 and every authenticator app use; HMAC-SHA-1 is not weak in this use.
#pragma warning disable CA5350
        var hash = HMACSHA1.HashData(key, counter);
#pragma warning restore CA5350
        var offset = hash[^1] & 0x0f;
        var value = (BinaryPrimitives.ReadInt32BigEndian(hash.AsSpan(offset, 4)) & 0x7fffffff) % 1_000_000;
        return value.ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>RFC 4648 Base32, as Identity writes authenticator keys (its own decoder is internal).</summary>
    public static class Base32
    {
        private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

        public static byte[]? Decode(string text)
        {
            var bytes = new List<byte>(text.Length * 5 / 8);
            int buffer = 0, bits = 0;
            foreach (var c in text)
            {
                if (c is '=' or ' ')
                {
                    continue;
                }

                var value = Alphabet.IndexOf(char.ToUpperInvariant(c), StringComparison.Ordinal);
                if (value < 0)
                {
                    return null;
                }

                buffer = ((buffer << 5) | value) & 0xffff;
                bits += 5;
                if (bits >= 8)
                {
                    bytes.Add((byte)(buffer >> (bits - 8)));
                    bits -= 8;
                }
            }

            return [.. bytes];
        }
    }
}
