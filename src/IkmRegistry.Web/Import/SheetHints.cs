using System.Globalization;
using System.Text;

namespace IkmRegistry.Web.Import;

/// <summary>
/// What a sheet says about itself outside its rows: the area in its name or title rows ("Kec. Jekan Raya",
/// "DATA IKM KELURAHAN MENTENG TAHUN 2025"), and what an ambiguous column means by its content. Pure: no database.
/// </summary>
public static class SheetHints
{
    /// <summary>
    /// The area named in a text, from the candidates given (kelurahan or kecamatan names with their keys, misspellings
    /// included), matched as whole words. A name inside a longer one that also matches gives way to it ("Pahandut" in
    /// "Pahandut Seberang"); null when none, or when the text names two different areas.
    /// </summary>
    public static TKey? Area<TKey>(string? text, IEnumerable<(string Name, TKey Key)> candidates) where TKey : struct
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var words = " " + Words(text) + " ";
        var found = candidates.Select(c => (Needle: " " + Words(c.Name) + " ", c.Key))
            .Where(c => c.Needle.Trim().Length > 0 && words.Contains(c.Needle, StringComparison.Ordinal))
            .ToList();
        var keys = found.Where(c => !found.Any(o => o.Needle.Length > c.Needle.Length && o.Needle.Contains(c.Needle, StringComparison.Ordinal)))
            .Select(c => c.Key).Distinct().ToList();
        return keys.Count == 1 ? keys[0] : null;
    }

    /// <summary>
    /// True when a column's values are mostly category names ("JENIS PRODUK" means the category in some sheets and the
    /// product in most): at least three quarters of its filled cells name a category.
    /// </summary>
    public static bool MostlyCategories(IEnumerable<string?> values, Func<string, bool> isCategory)
    {
        var filled = 0;
        var categories = 0;
        foreach (var value in values.Select(SheetTable.Clean).Where(v => v is not null))
        {
            filled++;
            if (isCategory(value!))
            {
                categories++;
            }
        }

        return filled > 0 && categories * 4 >= filled * 3;
    }

    /// <summary>Lower-case words of letters and digits separated by single spaces, accents removed ("Kec. Jekan-Raya" is "kec jekan raya").</summary>
    public static string Words(string text)
    {
        var builder = new StringBuilder(text.Length);
        var space = true;
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            if (char.IsLetterOrDigit(c))
            {
                builder.Append(char.ToLowerInvariant(c));
                space = false;
            }
            else if (!space)
            {
                builder.Append(' ');
                space = true;
            }
        }

        return builder.ToString().TrimEnd();
    }
}
