using System.Buffers.Binary;
using System.Security.Cryptography;

namespace IkmRegistry.Tests.Infrastructure;

/// <summary>RFC 6238 (TOTP, SHA-1, 30 s, 6 digits) as an authenticator app computes it from the Base32 shared key.</summary>
public static class Totp
{
    private static readonly Dictionary<string, long> _lastStep = [];

    /// <summary>
    /// A code the server has not seen yet for this key: the current time step, or the step after the last one
    /// handed out for the key (the server refuses a step it already accepted, and accepts up to two steps ahead
    /// of its clock), so tests can sign the same account in several times within 30 s without waiting.
    /// </summary>
    public static string NextCode(string base32Key)
    {
        var now = DateTimeOffset.UtcNow;
        var current = now.ToUnixTimeSeconds() / 30;
        long step;
        lock (_lastStep)
        {
            step = Math.Max(current, _lastStep.TryGetValue(base32Key, out var last) ? last + 1 : current);
            if (step > current + 2)
            {
                throw new InvalidOperationException("More than three codes of one account within 30 s: the server would refuse the next (ahead of its clock).");
            }

            _lastStep[base32Key] = step;
        }

        return Code(base32Key, DateTimeOffset.FromUnixTimeSeconds(step * 30));
    }

    /// <summary>A code that no step the server accepts now gives for this key.</summary>
    public static string WrongCode(string base32Key)
    {
        var now = DateTimeOffset.UtcNow;
        var near = Enumerable.Range(-3, 7).Select(i => Code(base32Key, now.AddSeconds(30 * i))).ToHashSet();
        return new[] { "000000", "111111", "222222" }.First(c => !near.Contains(c));
    }

    /// <summary>The code of the time step <paramref name="at"/> falls in (now by default).</summary>
    public static string Code(string base32Key, DateTimeOffset? at = null)
    {
        var step = (at ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds() / 30;
        Span<byte> counter = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(counter, step);
        // SHA-1 is what RFC 6238 and every authenticator app use by default; HMAC-SHA-1 is not weak in this use.
#pragma warning disable CA5350
        var hash = HMACSHA1.HashData(FromBase32(base32Key), counter);
#pragma warning restore CA5350
        var offset = hash[^1] & 0x0f;
        var value = (BinaryPrimitives.ReadInt32BigEndian(hash.AsSpan(offset, 4)) & 0x7fffffff) % 1_000_000;
        return value.ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
    }

    private static byte[] FromBase32(string text)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bytes = new List<byte>();
        int buffer = 0, bits = 0;
        foreach (var c in text.ToUpperInvariant().Where(c => c is not (' ' or '=')))
        {
            buffer = (buffer << 5) | alphabet.IndexOf(c, StringComparison.Ordinal);
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
