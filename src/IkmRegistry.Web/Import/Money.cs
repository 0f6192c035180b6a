using System.Globalization;
using System.Text.RegularExpressions;

namespace IkmRegistry.Web.Import;

/// <summary>
/// Reads money and other amounts the way they are typed in the agency's sheets: "Rp 25.000.000", "25.000.000,00",
/// "Rp. 2.500.000,-", "25 jt", "1,5 M", "2,5 juta", "750 rb", "25,000,000" (typed the English way) and numbers
/// stored as numbers. Says whether the text needed reading beyond the registry's own form (the preview lists that
/// as a repair).
/// </summary>
public static partial class Money
{
    private static readonly CultureInfo _invariant = CultureInfo.InvariantCulture;

    [GeneratedRegex(@"^(?:rp\.?|idr)?\s*(?<number>\d[\d.,\s]*?)\s*(?<unit>rb|ribu|k|jt|juta|m|miliar|milyar|t|triliun)?\s*(?:,-|\.-|-)?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Amount();

    /// <summary>An amount from a cell: a number stored as a number is taken as it is.</summary>
    public static bool TryRead(object? cell, out decimal value, out bool repaired)
    {
        repaired = false;
        switch (cell)
        {
            case double d when d >= 0 && d < 1e17:
                value = (decimal)d;
                return true;
            case decimal m when m >= 0:
                value = m;
                return true;
            case int or long:
                value = Convert.ToDecimal(cell, _invariant);
                return value >= 0;
            default:
                return TryRead(cell as string ?? SheetTable.Text(cell), out value, out repaired);
        }
    }

    /// <summary>An amount from text; false for text that is not an amount (or a negative one).</summary>
    public static bool TryRead(string? text, out decimal value, out bool repaired)
    {
        value = 0;
        repaired = false;
        var cleaned = SheetTable.Clean(text);
        if (cleaned is null)
        {
            return false;
        }

        var match = Amount().Match(cleaned);
        if (!match.Success)
        {
            return false;
        }

        var multiplier = match.Groups["unit"].Value.ToLowerInvariant() switch
        {
            "rb" or "ribu" or "k" => 1_000m,
            "jt" or "juta" => 1_000_000m,
            "m" or "miliar" or "milyar" => 1_000_000_000m,
            "t" or "triliun" => 1_000_000_000_000m,
            _ => 1m,
        };
        if (!TryNumber(match.Groups["number"].Value.Replace(" ", "", StringComparison.Ordinal), multiplier != 1m, out var number))
        {
            return false;
        }

        value = decimal.Round(number * multiplier, 2);
        repaired = !(Domain.Parsing.TryAmount(cleaned, out var plain) && plain == value);
        return true;
    }

    /// <summary>
    /// The number part. With both separators the later one is the decimal mark. With one kind only: several are
    /// thousands separators; one followed by exactly three digits is a thousands separator unless a unit word follows
    /// ("1.500" is fifteen hundred, "1.5 M" one and a half billion); one followed by one or two digits is a decimal mark.
    /// </summary>
    private static bool TryNumber(string text, bool hasUnit, out decimal number)
    {
        number = 0;
        var lastDot = text.LastIndexOf('.');
        var lastComma = text.LastIndexOf(',');
        string normal;
        if (lastDot >= 0 && lastComma >= 0)
        {
            var decimalMark = lastDot > lastComma ? '.' : ',';
            var thousands = decimalMark == '.' ? ',' : '.';
            if (text.Count(c => c == decimalMark) > 1)
            {
                return false;
            }

            normal = text.Replace(thousands.ToString(), "", StringComparison.Ordinal).Replace(decimalMark, '.');
        }
        else if (lastDot >= 0 || lastComma >= 0)
        {
            var mark = lastDot >= 0 ? '.' : ',';
            var count = text.Count(c => c == mark);
            var after = text.Length - text.LastIndexOf(mark) - 1;
            var isThousands = count > 1 || (after == 3 && !hasUnit);
            if (isThousands && !ThousandsGroups(text, mark))
            {
                return false;
            }

            normal = isThousands ? text.Replace(mark.ToString(), "", StringComparison.Ordinal) : text.Replace(mark, '.');
        }
        else
        {
            normal = text;
        }

        return decimal.TryParse(normal, NumberStyles.AllowDecimalPoint, _invariant, out number);
    }

    /// <summary>"25.000.000": groups of three after the first.</summary>
    private static bool ThousandsGroups(string text, char mark)
    {
        var groups = text.Split(mark);
        return groups[0].Length is >= 1 and <= 3 && groups.Skip(1).All(g => g.Length == 3);
    }
}
