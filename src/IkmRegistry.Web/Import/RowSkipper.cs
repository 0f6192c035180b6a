using System.Globalization;

namespace IkmRegistry.Web.Import;

/// <summary>What a row under the header is.</summary>
public enum RowKind
{
    /// <summary>A row of data: a unit, valid or not.</summary>
    Data,

    /// <summary>No cell has text (a sheet formatted far below its data has a great many).</summary>
    Empty,

    /// <summary>The row of column numbers printed under a header: 1, 2, 3, ... or (1), (2), (3), ...</summary>
    ColumnNumbers,

    /// <summary>A total: "JUMLAH", "TOTAL", "Sub Total", or no name and numbers that equal the sum of the rows above.</summary>
    Total,

    /// <summary>The header again (printed sheets repeat it on every page).</summary>
    RepeatedHeader,
}

/// <summary>
/// Tells the rows under a header that are not units from those that are, one row at a time, so a sheet of any
/// length is read in one pass. Skipped rows are counted in the preview, never reported as errors. Pure: no database.
/// </summary>
public sealed class RowSkipper
{
    private static readonly string[] _totalWords = ["jumlah", "total", "subtotal", "grandtotal", "jumlahtotal", "totalkeseluruhan", "jumlahkeseluruhan"];
    private static readonly int MaxTotalWordLength = _totalWords.Max(w => w.Length);

    private readonly SheetTable _table;
    private readonly Func<string, string?> _recognise;
    private readonly int _nameColumn;
    private readonly int[] _numberColumns;
    private readonly decimal[] _sumSinceTotal;
    private readonly decimal[] _sumAll;
    private readonly int _repeatedHeaderMinimum;
    private bool _dataSeen;

    /// <param name="table">The header found in the sheet.</param>
    /// <param name="recognise">The same recogniser that found the header (to know a repeated header).</param>
    /// <param name="nameField">The field of the business name: a total has no name, or a total word in its place.</param>
    /// <param name="numberFields">Fields holding numbers that a total row sums (workers, money).</param>
    public RowSkipper(SheetTable table, Func<string, string?> recognise, string nameField, IEnumerable<string> numberFields)
    {
        _table = table;
        _recognise = recognise;
        _nameColumn = table.ColumnOf(nameField);
        _numberColumns = [.. numberFields.Select(table.ColumnOf).Where(c => c >= 0)];
        _sumSinceTotal = new decimal[_numberColumns.Length];
        _sumAll = new decimal[_numberColumns.Length];
        _repeatedHeaderMinimum = Math.Max(SheetTable.MinimumRecognised, (table.Recognised + 1) / 2);
    }

    public Dictionary<RowKind, int> Counts { get; } = Enum.GetValues<RowKind>().ToDictionary(k => k, _ => 0);

    /// <summary>The kind of the next row. Data rows add to the running sums that a later total is compared with.</summary>
    public RowKind Next(IReadOnlyList<string?> cells)
    {
        var kind = Classify(cells);
        Counts[kind]++;
        if (kind == RowKind.Data)
        {
            _dataSeen = true;
            for (var i = 0; i < _numberColumns.Length; i++)
            {
                if (Number(Cell(cells, _numberColumns[i])) is { } n)
                {
                    _sumSinceTotal[i] += n;
                    _sumAll[i] += n;
                }
            }
        }
        else if (kind == RowKind.Total)
        {
            Array.Clear(_sumSinceTotal);
        }

        return kind;
    }

    private RowKind Classify(IReadOnlyList<string?> cells)
    {
        var texts = cells.Select(SheetTable.Clean).ToList();
        if (texts.All(t => t is null))
        {
            return RowKind.Empty;
        }

        if (!_dataSeen && IsColumnNumbers(texts))
        {
            return RowKind.ColumnNumbers;
        }

        if (IsRepeatedHeader(texts))
        {
            return RowKind.RepeatedHeader;
        }

        if (IsTotal(texts))
        {
            return RowKind.Total;
        }

        return RowKind.Data;
    }

    /// <summary>At least three cells, each a whole number, rising by one from left to right: "1 2 3 4" or "(1) (2) (3)".</summary>
    private static bool IsColumnNumbers(List<string?> texts)
    {
        var numbers = new List<int>();
        foreach (var t in texts.Where(t => t is not null))
        {
            var digits = t!.Trim('(', ')', '.', ' ');
            if (!int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            {
                return false;
            }

            numbers.Add(n);
        }

        return numbers.Count >= 3 && numbers.Zip(numbers.Skip(1)).All(p => p.Second == p.First + 1);
    }

    /// <summary>Most of the header's known columns named again in the same places.</summary>
    private bool IsRepeatedHeader(List<string?> texts)
    {
        // A repeated header names the business-name column again. Asked first, this costs a data row one recognition
        // instead of one per cell (100,000 rows of 25 known columns made 2.5 million).
        if (_nameColumn >= 0 && (_nameColumn >= texts.Count || texts[_nameColumn] is not { } name || _recognise(name) != _table.Fields[_nameColumn]))
        {
            return false;
        }

        var same = 0;
        var left = _table.Recognised;
        for (var c = 0; c < texts.Count && c < _table.Fields.Count && same + left >= _repeatedHeaderMinimum; c++)
        {
            if (_table.Fields[c] is { } field)
            {
                left--;
                if (texts[c] is { } text && _recognise(text) == field)
                {
                    same++;
                }
            }
        }

        return same >= _repeatedHeaderMinimum;
    }

    private bool IsTotal(List<string?> texts)
    {
        // A total word in the name column or in one of the first columns (where "No" and the name usually are).
        var wordColumns = Enumerable.Range(0, Math.Min(texts.Count, 3)).Append(_nameColumn).Where(c => c >= 0 && c < texts.Count);
        if (wordColumns.Any(c => texts[c] is { } t && IsTotalWord(t)))
        {
            return true;
        }

        // No name, and every filled number cell equals the sum since the last total (a subtotal) or the sum of all (a grand total).
        if (_nameColumn < 0 || Cell(texts, _nameColumn) is not null || !_dataSeen)
        {
            return false;
        }

        var filled = 0;
        for (var i = 0; i < _numberColumns.Length; i++)
        {
            if (Number(Cell(texts, _numberColumns[i])) is not { } n)
            {
                continue;
            }

            filled++;
            if (n != _sumSinceTotal[i] && n != _sumAll[i])
            {
                return false;
            }
        }

        return filled > 0;
    }

    /// <summary>"JUMLAH", "Total", "Sub Total", "Jumlah Total", "TOTAL :" and the like.</summary>
    public static bool IsTotalWord(string text)
    {
        // Called for several cells of every row: a name longer than any total word is rejected without allocating.
        Span<char> key = stackalloc char[MaxTotalWordLength];
        var length = 0;
        foreach (var c in text)
        {
            if (!char.IsLetter(c))
            {
                continue;
            }

            if (length == MaxTotalWordLength)
            {
                return false;
            }

            key[length++] = char.ToLowerInvariant(c);
        }

        return _totalWords.Contains(new string(key[..length]));
    }

    private static string? Cell(IReadOnlyList<string?> cells, int column) => column >= 0 && column < cells.Count ? SheetTable.Clean(cells[column]) : null;

    private static decimal? Number(string? text) => Money.TryRead(text, out var value, out _) ? value : null;
}
