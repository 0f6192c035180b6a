using System.Globalization;

namespace IkmRegistry.Web.Import;

/// <summary>
/// Where the table is in a sheet kept by hand: which row (or pair of rows) is the header, what each column is
/// called, and which rows above it are titles. Pure: it sees cell texts and a recogniser of header names, never a
/// database, so tests call it with rows written in code.
/// </summary>
/// <param name="HeaderRow">The first header row, 0-based within the rows given.</param>
/// <param name="HeaderRows">1, or 2 for a header spread over two rows (a merged group over sub-columns).</param>
/// <param name="Names">Each column's header as read (for a two-row header the group and the sub-column joined: "TENAGA KERJA L").</param>
/// <param name="Fields">Each column's recognised field key, or null for a column the registry does not know.</param>
public sealed record SheetTable(int HeaderRow, int HeaderRows, IReadOnlyList<string?> Names, IReadOnlyList<string?> Fields)
{
    /// <summary>How far down a sheet the header is looked for (title rows, the office's name, the period come first).</summary>
    public const int SearchRows = 30;

    /// <summary>A header must name at least this many known columns, so that a title row with one word in it never wins.</summary>
    public const int MinimumRecognised = 2;

    /// <summary>The first row of data (0-based within the rows given).</summary>
    public int FirstDataRow => HeaderRow + HeaderRows;

    public int Recognised => Fields.Count(f => f is not null);

    /// <summary>The column of a field, or -1.</summary>
    public int ColumnOf(string field)
    {
        for (var i = 0; i < Fields.Count; i++)
        {
            if (Fields[i] == field)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>
    /// Finds the header in the first <see cref="SearchRows"/> rows: the row, or pair of rows, that names the most known
    /// columns. A pair wins only when it names more than either of its rows alone. Null when no row names at least
    /// <see cref="MinimumRecognised"/> known columns.
    /// </summary>
    /// <param name="rows">The sheet's first rows as text (null for an empty cell). Merged cells arrive filled with the value of their first cell.</param>
    /// <param name="recognise">Maps a header text to a field key, or null.</param>
    public static SheetTable? Find(IReadOnlyList<IReadOnlyList<string?>> rows, Func<string, string?> recognise)
    {
        SheetTable? best = null;
        var limit = Math.Min(rows.Count, SearchRows);
        for (var r = 0; r < limit; r++)
        {
            var single = Build(r, 1, [.. rows[r]], recognise);
            var candidate = single;
            if (r + 1 < rows.Count)
            {
                var pair = Build(r, 2, Combine(rows[r], rows[r + 1]), recognise);
                var below = Count(rows[r + 1], recognise);
                if (pair.Recognised > single.Recognised && pair.Recognised > below)
                {
                    candidate = pair;
                }
            }

            if (candidate.Recognised >= MinimumRecognised && (best is null || candidate.Recognised > best.Recognised))
            {
                best = candidate;
            }
        }

        return best;
    }

    /// <summary>
    /// The column names of a two-row header: the group above joined with its part below ("NILAI" over "INVESTASI" is
    /// "NILAI INVESTASI"). A group cell that is not merged (a CSV, or a sheet typed without merging) stands over the
    /// empty cells to its right while the row below names parts there. A cell merged down both rows ("NAMA USAHA" filled
    /// into both) is named once.
    /// </summary>
    public static List<string?> Combine(IReadOnlyList<string?> top, IReadOnlyList<string?> bottom)
    {
        var width = Math.Max(top.Count, bottom.Count);
        var names = new List<string?>(width);
        string? group = null;
        for (var c = 0; c < width; c++)
        {
            var above = Clean(c < top.Count ? top[c] : null);
            var below = Clean(c < bottom.Count ? bottom[c] : null);
            if (above is not null)
            {
                // Only a cell with parts below it is a group; one named down both rows (or with nothing below) is a column of its own.
                group = below is not null && !string.Equals(above, below, StringComparison.OrdinalIgnoreCase) ? above : null;
            }
            else if (below is null)
            {
                group = null;
            }

            var over = above ?? group;
            names.Add(over is null ? below
                : below is null || string.Equals(over, below, StringComparison.OrdinalIgnoreCase) ? over
                : over + " " + below);
        }

        return names;
    }

    private static SheetTable Build(int row, int headerRows, List<string?> names, Func<string, string?> recognise)
    {
        var fields = new string?[names.Count];
        var seen = new HashSet<string>();
        for (var c = 0; c < names.Count; c++)
        {
            names[c] = Clean(names[c]);
            // The first column of a field wins; a second one with the same meaning is left unread.
            if (names[c] is { } name && recognise(name) is { } field && seen.Add(field))
            {
                fields[c] = field;
            }
        }

        return new SheetTable(row, headerRows, names, fields);
    }

    private static int Count(IReadOnlyList<string?> row, Func<string, string?> recognise) =>
        row.Select(Clean).Where(t => t is not null).Select(t => recognise(t!)).Where(f => f is not null).Distinct().Count();

    /// <summary>Trimmed text with runs of white space (line breaks inside a header cell among them) as one space; null for nothing.</summary>
    public static string? Clean(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        return Domain.Identifiers.IsClean(text) ? text : string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
    }

    /// <summary>A cell as text the way a person reads it: numbers without exponent or grouping, dates as dd/MM/yyyy.</summary>
    public static string? Text(object? cell) => cell switch
    {
        null => null,
        string s => Clean(s),
        double d => d.ToString("0.##########", CultureInfo.InvariantCulture),
        DateTime t => t.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => Clean(cell.ToString()),
    };
}
