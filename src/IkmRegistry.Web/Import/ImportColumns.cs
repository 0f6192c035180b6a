using System.Globalization;
using System.Text;
using IkmRegistry.Web.Pages.Registry;

namespace IkmRegistry.Web.Import;

/// <summary>Recognises the file's columns by header, in any order, ignoring case, spaces and punctuation, with common aliases.</summary>
public static class ImportColumns
{
    /// <summary>
    /// Columns a file must have; "Kelurahan" is satisfied by the name or the code (or by a kelurahan named in the sheet's
    /// name or title). NIK, NIB and the category are not required: a row without them is incomplete, not invalid, and
    /// the category comes from the KBLI code when the file has none.
    /// </summary>
    public static readonly string[] Required = [UnitSheet.BusinessName, UnitSheet.OwnerName];

    /// <summary>"JENIS PRODUK" means the category in some sheets and the product in most: the reader decides by the column's content.</summary>
    public static readonly string AmbiguousProductHeader = Key("Jenis Produk");

    /// <summary>The first column of a downloaded error file; read back without a notice.</summary>
    public const string ErrorColumn = "Keterangan Kesalahan";

    private static readonly HashSet<string> _ignored = [Key(ErrorColumn), Key("Baris Asal"), Key("No"), Key("Nomor"), Key("No Urut"), Key("No.")];

    private static readonly Dictionary<string, string> _aliases = BuildAliases();

    /// <summary>Columns that help people (row numbers, the error file's notes) and carry nothing to import.</summary>
    public static bool IsIgnored(string header) => _ignored.Contains(Key(header)) || Submissions.IsSystem(header);

    /// <summary>Each field's header and the aliases its definition lists (<see cref="UnitFields"/>), read back as the header.</summary>
    private static Dictionary<string, string> BuildAliases()
    {
        var map = new Dictionary<string, string>();
        foreach (var field in UnitFields.Sheet)
        {
            foreach (var name in field.Aliases.Prepend(field.Header!))
            {
                map[Key(name)] = field.Header!;
            }
        }

        return map;
    }

    /// <summary>The canonical header for a file's header cell, or null when the importer does not know it.</summary>
    public static string? Recognise(string? header) =>
        header is null ? null : _aliases.GetValueOrDefault(Key(header)) ?? Submissions.Recognise(header);

    /// <summary>Lower case letters and digits only, accents removed: "Tenaga Kerja Laki-laki" and "tenaga kerja lakilaki" meet.</summary>
    public static string Key(string text)
    {
        // Nearly every text in a sheet is ASCII: no accents to remove, so no normalisation and one allocation at most.
        if (System.Text.Ascii.IsValid(text))
        {
            Span<char> buffer = text.Length <= 256 ? stackalloc char[text.Length] : new char[text.Length];
            var length = 0;
            var same = true;
            foreach (var c in text)
            {
                if (char.IsAsciiLetterOrDigit(c))
                {
                    var lower = char.ToLowerInvariant(c);
                    same &= lower == c;
                    buffer[length++] = lower;
                }
                else
                {
                    same = false;
                }
            }

            return same ? text : new string(buffer[..length]);
        }

        var builder = new StringBuilder(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                builder.Append(char.ToLowerInvariant(c));
            }
            else if (char.IsLetterOrDigit(c) && CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                builder.Append(char.ToLowerInvariant(c));
            }
        }

        return builder.ToString();
    }
}
