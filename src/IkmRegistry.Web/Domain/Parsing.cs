using System.Globalization;

namespace IkmRegistry.Web.Domain;

/// <summary>Reads numbers and dates the way Indonesian users write them (1.250.000; Rp 2.500.000,50; 27/11/2026).</summary>
public static class Parsing
{
    private static readonly CultureInfo _indonesian = CultureInfo.GetCultureInfo("id-ID");
    private static readonly string[] _dateFormats = ["yyyy-MM-dd", "dd/MM/yyyy", "d/M/yyyy", "dd-MM-yyyy", "d-M-yyyy"];

    /// <summary>An amount in rupiah: id-ID separators, optional "Rp"; plain digits too.</summary>
    public static bool TryAmount(string? text, out decimal value)
    {
        value = 0;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var t = text.Trim();
        if (t.StartsWith("Rp", StringComparison.OrdinalIgnoreCase))
        {
            t = t[2..].TrimStart('.', ' ');
        }

        t = t.Replace(" ", "", StringComparison.Ordinal);
        return decimal.TryParse(t, NumberStyles.AllowThousands | NumberStyles.AllowDecimalPoint, _indonesian, out value);
    }

    /// <summary>A whole count: "12" or "1.200".</summary>
    public static bool TryCount(string? text, out int value)
    {
        value = 0;
        return !string.IsNullOrWhiteSpace(text)
            && int.TryParse(text.Trim(), NumberStyles.AllowThousands, _indonesian, out value);
    }

    /// <summary>A date from a date field (ISO) or typed as dd/mm/yyyy.</summary>
    public static bool TryDate(string? text, out DateOnly value)
    {
        value = default;
        return !string.IsNullOrWhiteSpace(text)
            && DateOnly.TryParseExact(text.Trim(), _dateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out value);
    }

    public static string Iso(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";

    /// <summary>An amount as a user would type it back: 1.250.000.</summary>
    public static string Amount(decimal? value) => value?.ToString("#,0.##", _indonesian) ?? "";
}
