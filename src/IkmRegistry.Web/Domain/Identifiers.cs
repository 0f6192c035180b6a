using System.Globalization;

namespace IkmRegistry.Web.Domain;

/// <summary>Checks and normal forms for NIK, NIB, KBLI and Indonesian phone numbers (shared by forms and imports).</summary>
public static class Identifiers
{
    // Kemendagri province codes (the first two digits of a NIK).
    private static readonly HashSet<int> _provinces =
    [
        11, 12, 13, 14, 15, 16, 17, 18, 19, 21, 31, 32, 33, 34, 35, 36, 51, 52, 53,
        61, 62, 63, 64, 65, 71, 72, 73, 74, 75, 76, 81, 82, 91, 92, 93, 94, 95, 96, 97,
    ];

    public static bool IsDigits(string? value, int length) =>
        value is not null && value.Length == length && value.All(char.IsAsciiDigit);

    /// <summary>
    /// A plausible NIK: 16 digits; a real province code and non-zero regency and district parts; a birth date
    /// (day + 40 for women) that exists; a serial other than 0000.
    /// </summary>
    public static bool IsPlausibleNik(string? nik)
    {
        if (!IsDigits(nik, 16))
        {
            return false;
        }

        var province = int.Parse(nik![..2], CultureInfo.InvariantCulture);
        var regency = int.Parse(nik[2..4], CultureInfo.InvariantCulture);
        var district = int.Parse(nik[4..6], CultureInfo.InvariantCulture);
        var day = int.Parse(nik[6..8], CultureInfo.InvariantCulture);
        var month = int.Parse(nik[8..10], CultureInfo.InvariantCulture);
        var year = int.Parse(nik[10..12], CultureInfo.InvariantCulture);
        if (!_provinces.Contains(province) || regency == 0 || district == 0 || nik[12..] == "0000")
        {
            return false;
        }

        if (day > 40)
        {
            day -= 40;
        }

        // Any century will do for plausibility; 2000 is a leap year, so 29 February passes.
        return month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(2000 + year, month);
    }

    /// <summary>The sex a plausible NIK records (day of birth + 40 for women); null when the NIK is missing or implausible.</summary>
    public static OwnerSex? SexFromNik(string? nik) =>
        !IsPlausibleNik(nik) ? null : int.Parse(nik![6..8], CultureInfo.InvariantCulture) > 40 ? OwnerSex.Perempuan : OwnerSex.LakiLaki;

    public static bool IsNib(string? nib) => IsDigits(nib, 13);

    /// <summary>
    /// "0812-3456-7890", "+62 812 3456 7890" and "62812..." all become "+6281234567890"; null when it is not an
    /// Indonesian number (a national number of 8 to 12 digits after the leading 0).
    /// </summary>
    public static string? NormalizePhone(string? phone)
    {
        if (string.IsNullOrWhiteSpace(phone))
        {
            return null;
        }

        var trimmed = phone.Trim();
        var digits = new string(trimmed.Where(char.IsAsciiDigit).ToArray());
        if (trimmed.Any(c => !char.IsAsciiDigit(c) && c is not (' ' or '-' or '+' or '(' or ')' or '.')))
        {
            return null;
        }

        string national;
        if (trimmed.StartsWith('+'))
        {
            if (!digits.StartsWith("62", StringComparison.Ordinal))
            {
                return null;
            }

            national = digits[2..];
        }
        else if (digits.StartsWith("62", StringComparison.Ordinal))
        {
            national = digits[2..];
        }
        else if (digits.StartsWith('0'))
        {
            national = digits[1..];
        }
        else
        {
            return null;
        }

        return national.Length is >= 8 and <= 12 && national[0] != '0' ? "+62" + national : null;
    }

    /// <summary>The longest search term the search boxes take (their maxlength); the server cuts longer ones.</summary>
    public const int SearchMaxLength = 100;

    /// <summary>A search term cut to <see cref="SearchMaxLength"/>.</summary>
    public static string SearchTerm(string term) => term.Length > SearchMaxLength ? term[..SearchMaxLength] : term;

    /// <summary>A LIKE/ILIKE pattern that finds the text anywhere, with its own %, _ and \ taken literally.</summary>
    public static string ContainsPattern(string text) =>
        "%" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";

    /// <summary>True when <see cref="Clean"/> would give the text back unchanged: no control character, single plain spaces only between words.</summary>
    public static bool IsClean(string text)
    {
        if (text.Length == 0 || text[0] == ' ' || text[^1] == ' ')
        {
            return false;
        }

        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == ' ' ? text[i - 1] == ' ' : char.IsWhiteSpace(c) || char.IsControl(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Collapses runs of white space and trims; null for nothing.</summary>
    public static string? Clean(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        // Most values are clean already; the import cleans every cell of every row, so that case allocates nothing.
        if (IsClean(text))
        {
            return text;
        }

        // Control characters (NUL among them, which PostgreSQL refuses) never belong in registry text.
        var visible = new string(text.Where(c => !char.IsControl(c) || char.IsWhiteSpace(c)).ToArray());
        var cleaned = string.Join(' ', visible.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return cleaned.Length == 0 ? null : cleaned;
    }
}
