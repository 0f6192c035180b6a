using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml;

namespace IkmRegistry.Web.Import;

/// <summary>
/// Reads one sheet of an xlsx workbook as rows of cells (string, double, DateTime, bool or null), in ONE streaming pass
/// over the sheet's XML, with merged cells filled with the value of their first cell.
/// </summary>
/// <remarks>
/// Why not MiniExcel here (it still writes every workbook): to read a sheet it first scans the whole sheet for its
/// size whenever the sheet has no &lt;dimension&gt; (sheets written by many tools, MiniExcel included), then again for
/// merged cells, then reads it, so a 100,000-row sheet was parsed three times and looking at its first 30 rows cost a
/// full parse. Here the merged ranges, which the format stores after the rows, are found by a byte search over the
/// inflated part (about a fifth of the cost of parsing it), and the first rows cost only themselves.
/// Measured on the 100,000-row agency-layout benchmark file: docs/benchmarks-raw/import-100000-session5.jsonl.
/// </remarks>
public static partial class XlsxRows
{
    private const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

    /// <summary>The workbook's sheet names in tab order.</summary>
    public static IReadOnlyList<string> SheetNames(string path)
    {
        using var zip = ZipFile.OpenRead(path);
        return [.. Sheets(zip).Select(s => s.Name)];
    }

    /// <summary>The rows of the named sheet (null: the first). Row numbers are kept: a missing row is an empty row.</summary>
    public static IEnumerable<object?[]> Read(string path, string? sheet)
    {
        using var zip = ZipFile.OpenRead(path);
        var sheets = Sheets(zip);
        var target = sheet is null ? sheets.FirstOrDefault() : sheets.FirstOrDefault(s => s.Name == sheet);
        if (target.Part is null)
        {
            yield break;
        }

        var part = zip.GetEntry(target.Part) ?? throw new InvalidDataException($"The sheet part {target.Part} is missing.");
        var strings = SharedStrings(zip);
        var dates = DateStyles(zip);
        var merges = MergedRanges(part);

        using var stream = part.Open();
        using var xml = XmlReader.Create(stream, new XmlReaderSettings { IgnoreWhitespace = false, IgnoreComments = true, DtdProcessing = DtdProcessing.Prohibit });
        var expected = 1;
        var buffer = new char[256];
        var cells = new List<object?>();
        while (xml.Read())
        {
            if (xml.NodeType != XmlNodeType.Element || xml.LocalName != "row")
            {
                continue;
            }

            var number = int.TryParse(xml.GetAttribute("r"), NumberStyles.None, CultureInfo.InvariantCulture, out var r) ? r : expected;
            for (; expected < number; expected++)
            {
                yield return Fill([], expected, merges);
            }

            cells.Clear();
            if (!xml.IsEmptyElement)
            {
                ReadRow(xml, cells, strings, dates, ref buffer);
            }

            yield return Fill([.. cells], number, merges);
            expected = number + 1;
        }
    }

    // ReadElementContentAsString and ReadText leave the reader on the node after the element, so these loops read on
    // only when nothing was consumed: a plain Read() after them would skip the next cell.
    private static void ReadRow(XmlReader xml, List<object?> cells, List<string> strings, HashSet<int> dates, ref char[] buffer)
    {
        var depth = xml.Depth;
        xml.Read();
        while (!xml.EOF && xml.Depth > depth)
        {
            if (xml.NodeType == XmlNodeType.Element && xml.LocalName == "c")
            {
                ReadCell(xml, cells, strings, dates, ref buffer);
            }
            else
            {
                xml.Read();
            }
        }
    }

    private enum CellType { Number, Shared, Inline, Text, Boolean, Error, Date }

    // A sheet has millions of cells: their attributes and numbers are read through one reused buffer, not as strings.
    private static void ReadCell(XmlReader xml, List<object?> cells, List<string> strings, HashSet<int> dates, ref char[] buffer)
    {
        int? column = null;
        var type = CellType.Number;
        var style = 0;
        if (Attribute(xml, "r", buffer) is var r and > 0)
        {
            column = ColumnIndex(buffer.AsSpan(0, r));
        }

        if (Attribute(xml, "t", buffer) is var t and > 0)
        {
            type = buffer.AsSpan(0, t) switch
            {
                "s" => CellType.Shared,
                "inlineStr" => CellType.Inline,
                "str" => CellType.Text,
                "b" => CellType.Boolean,
                "e" => CellType.Error,
                "d" => CellType.Date,
                _ => CellType.Number,
            };
        }

        if (Attribute(xml, "s", buffer) is var st and > 0)
        {
            style = int.TryParse(buffer.AsSpan(0, st), NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : 0;
        }

        object? value = null;
        StringBuilder? inline = null;
        var depth = xml.Depth;
        var empty = xml.IsEmptyElement;
        xml.Read();
        while (!empty && !xml.EOF && xml.Depth > depth)
        {
            if (xml.NodeType == XmlNodeType.Element && xml.LocalName == "v")
            {
                var length = ReadText(xml, ref buffer);
                value = Value(type, buffer.AsSpan(0, length), style, strings, dates);
            }
            else if (xml.NodeType == XmlNodeType.Element && xml.LocalName == "t") // an inline string, plain or in rich-text runs
            {
                (inline ??= new()).Append(xml.ReadElementContentAsString());
            }
            else
            {
                xml.Read();
            }
        }

        if (!empty && xml.NodeType == XmlNodeType.EndElement && xml.Depth == depth)
        {
            xml.Read(); // past </c>
        }

        if (inline is { Length: > 0 } && value is null)
        {
            value = inline.ToString();
        }

        var index = column ?? cells.Count;
        while (cells.Count <= index)
        {
            cells.Add(null);
        }

        cells[index] = value;
    }

    /// <summary>The attribute's value copied into the buffer (its length), or 0 when the element has no such attribute.</summary>
    private static int Attribute(XmlReader xml, string name, char[] buffer)
    {
        if (!xml.MoveToAttribute(name))
        {
            return 0;
        }

        var length = xml.ReadValueChunk(buffer, 0, buffer.Length);
        xml.MoveToElement();
        return length;
    }

    /// <summary>The element's text into the buffer (grown when needed); leaves the reader after the element.</summary>
    private static int ReadText(XmlReader xml, ref char[] buffer)
    {
        var length = 0;
        if (xml.IsEmptyElement)
        {
            xml.Read();
            return 0;
        }

        var depth = xml.Depth;
        xml.Read();
        while (!xml.EOF && xml.Depth > depth)
        {
            if (xml.NodeType is XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace)
            {
                int read;
                while ((read = xml.ReadValueChunk(buffer, length, buffer.Length - length)) > 0)
                {
                    length += read;
                    if (length == buffer.Length)
                    {
                        Array.Resize(ref buffer, buffer.Length * 2);
                    }
                }
            }

            xml.Read();
        }

        xml.Read(); // past the end tag
        return length;
    }

    private static object? Value(CellType type, ReadOnlySpan<char> raw, int style, List<string> strings, HashSet<int> dates)
    {
        if (raw.IsEmpty)
        {
            return null;
        }

        switch (type)
        {
            case CellType.Shared:
                return int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < strings.Count ? strings[index] : null;
            case CellType.Boolean:
                return raw is "1";
            case CellType.Text or CellType.Error or CellType.Inline:
                return new string(raw);
            case CellType.Date:
                return DateTime.TryParse(raw, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : new string(raw);
        }

        if (!double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            return new string(raw);
        }

        return dates.Contains(style) && number is >= 0 and < 2958466 ? DateTime.FromOADate(number) : number;
    }

    /// <summary>0 for A, 25 for Z, 26 for AA; null when the reference is missing.</summary>
    private static int? ColumnIndex(ReadOnlySpan<char> reference)
    {

        var index = 0;
        var letters = 0;
        foreach (var c in reference)
        {
            if (c is < 'A' or > 'Z')
            {
                break;
            }

            index = index * 26 + (c - 'A' + 1);
            letters++;
        }

        return letters == 0 ? null : index - 1;
    }

    private readonly record struct Merge(int FirstRow, int LastRow, int FirstColumn, int LastColumn);

    /// <summary>Gives every cell of a merged range the value of the range's first cell (kept when the first row passes).</summary>
    private static object?[] Fill(object?[] cells, int row, List<(Merge Range, object? Value)> merges)
    {
        for (var i = 0; i < merges.Count; i++)
        {
            var (m, value) = merges[i];
            if (row < m.FirstRow || row > m.LastRow)
            {
                continue;
            }

            if (row == m.FirstRow)
            {
                value = m.FirstColumn < cells.Length ? cells[m.FirstColumn] : null;
                merges[i] = (m, value);
            }

            if (cells.Length <= m.LastColumn)
            {
                Array.Resize(ref cells, m.LastColumn + 1);
            }

            for (var c = m.FirstColumn; c <= m.LastColumn; c++)
            {
                cells[c] = value;
            }
        }

        return cells;
    }

    /// <summary>
    /// The merged ranges, which the format writes after all the rows: a search for "mergeCell" in the inflated bytes,
    /// then an XML read of only that tail. A sheet without merges costs one inflate.
    /// </summary>
    private static List<(Merge, object?)> MergedRanges(ZipArchiveEntry part)
    {
        var pattern = "<mergeCells"u8.ToArray();
        var prefixed = ":mergeCells"u8.ToArray();
        using var stream = part.Open();
        var buffer = new byte[1 << 16];
        var carry = 0;
        MemoryStream? tail = null;
        int read;
        while ((read = stream.Read(buffer, carry, buffer.Length - carry)) > 0)
        {
            var span = buffer.AsSpan(0, carry + read);
            var at = span.IndexOf(pattern);
            if (at < 0)
            {
                at = span.IndexOf(prefixed);
            }

            if (at >= 0)
            {
                // From the element's "<" (the prefix, if any, is skipped back to) to the end of the part.
                var start = span[..at].LastIndexOf((byte)'<');
                tail = new MemoryStream();
                tail.Write(span[(start < 0 ? at : start)..]);
                stream.CopyTo(tail);
                break;
            }

            // Keep the last bytes: the word may straddle two reads.
            carry = Math.Min(span.Length, pattern.Length + 8);
            span[^carry..].CopyTo(buffer);
        }

        var merges = new List<(Merge, object?)>();
        if (tail is null)
        {
            return merges;
        }

        // The tail holds the merges and the sheet's last elements; the element may carry any namespace prefix.
        foreach (System.Text.RegularExpressions.Match m in MergeCell().Matches(Encoding.UTF8.GetString(tail.GetBuffer(), 0, (int)tail.Length)))
        {
            if (Range(m.Groups[1].Value) is { } range)
            {
                merges.Add((range, null));
            }
        }

        return merges;
    }

    private static Merge? Range(string? reference)
    {
        var parts = reference?.Split(':');
        if (parts is not { Length: 2 } || ColumnIndex(parts[0]) is not { } c1 || ColumnIndex(parts[1]) is not { } c2
            || !int.TryParse(parts[0].AsSpan(parts[0].TakeWhile(char.IsAsciiLetterUpper).Count()), NumberStyles.None, CultureInfo.InvariantCulture, out var r1)
            || !int.TryParse(parts[1].AsSpan(parts[1].TakeWhile(char.IsAsciiLetterUpper).Count()), NumberStyles.None, CultureInfo.InvariantCulture, out var r2))
        {
            return null;
        }

        return new Merge(Math.Min(r1, r2), Math.Max(r1, r2), Math.Min(c1, c2), Math.Max(c1, c2));
    }

    /// <summary>The sheets (name and part path) in tab order, from the workbook and its relationships.</summary>
    private static List<(string Name, string? Part)> Sheets(ZipArchive zip)
    {
        var targets = new Dictionary<string, string>();
        if (Entry(zip, "xl/_rels/workbook.xml.rels") is { } rels)
        {
            using var xml = XmlReader.Create(rels.Open(), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit });
            while (xml.Read())
            {
                if (xml.NodeType == XmlNodeType.Element && xml.LocalName == "Relationship" && xml.GetAttribute("Id") is { } id && xml.GetAttribute("Target") is { } target)
                {
                    // Targets are relative to xl/, or absolute from the package root.
                    targets[id] = target.StartsWith('/') ? target.TrimStart('/') : "xl/" + target;
                }
            }
        }

        var sheets = new List<(string, string?)>();
        var workbook = Entry(zip, "xl/workbook.xml") ?? throw new InvalidDataException("The workbook part xl/workbook.xml is missing.");
        using (var xml = XmlReader.Create(workbook.Open(), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit }))
        {
            while (xml.Read())
            {
                if (xml.NodeType == XmlNodeType.Element && xml.LocalName == "sheet" && xml.NamespaceURI == Main)
                {
                    var id = xml.GetAttribute("id", "http://schemas.openxmlformats.org/officeDocument/2006/relationships");
                    sheets.Add((xml.GetAttribute("name") ?? "", id is not null && targets.TryGetValue(id, out var part) ? part : null));
                }
            }
        }

        return sheets;
    }

    private static List<string> SharedStrings(ZipArchive zip)
    {
        var strings = new List<string>();
        if (Entry(zip, "xl/sharedStrings.xml") is not { } part)
        {
            return strings;
        }

        using var xml = XmlReader.Create(part.Open(), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit });
        var text = new StringBuilder();
        var inPhonetic = false;
        xml.Read();
        while (!xml.EOF)
        {
            if (xml.NodeType == XmlNodeType.Element && xml.LocalName == "t" && !inPhonetic)
            {
                text.Append(xml.ReadElementContentAsString());
                continue;
            }

            switch (xml.NodeType)
            {
                case XmlNodeType.Element when xml.LocalName == "si":
                    text.Clear();
                    if (xml.IsEmptyElement)
                    {
                        strings.Add("");
                    }

                    break;
                case XmlNodeType.Element when xml.LocalName == "rPh": // phonetic hints (Japanese) are not the text
                    inPhonetic = !xml.IsEmptyElement;
                    break;
                case XmlNodeType.EndElement when xml.LocalName == "rPh":
                    inPhonetic = false;
                    break;
                case XmlNodeType.EndElement when xml.LocalName == "si":
                    strings.Add(text.ToString());
                    break;
            }

            xml.Read();
        }

        return strings;
    }

    /// <summary>The cell styles (indexes into cellXfs) whose number format shows a date or time.</summary>
    private static HashSet<int> DateStyles(ZipArchive zip)
    {
        var dates = new HashSet<int>();
        if (Entry(zip, "xl/styles.xml") is not { } part)
        {
            return dates;
        }

        var custom = new Dictionary<int, string>();
        using var xml = XmlReader.Create(part.Open(), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit });
        var inCellXfs = false;
        var index = 0;
        while (xml.Read())
        {
            if (xml.NodeType == XmlNodeType.Element && xml.LocalName == "numFmt"
                && int.TryParse(xml.GetAttribute("numFmtId"), CultureInfo.InvariantCulture, out var id))
            {
                custom[id] = xml.GetAttribute("formatCode") ?? "";
            }
            else if (xml.LocalName == "cellXfs")
            {
                inCellXfs = xml.NodeType == XmlNodeType.Element && !xml.IsEmptyElement;
            }
            else if (inCellXfs && xml.NodeType == XmlNodeType.Element && xml.LocalName == "xf")
            {
                var format = int.TryParse(xml.GetAttribute("numFmtId"), CultureInfo.InvariantCulture, out var f) ? f : 0;
                if (custom.TryGetValue(format, out var code) ? IsDateFormat(code) : format is >= 14 and <= 22 or >= 27 and <= 36 or >= 45 and <= 47 or >= 50 and <= 58)
                {
                    dates.Add(index);
                }

                index++;
            }
        }

        return dates;
    }

    /// <summary>A format code shows a date when it has d, m, y, h or s outside quotes, brackets and escapes ("[$Rp]#,##0" does not).</summary>
    public static bool IsDateFormat(string code)
    {
        var quoted = false;
        var bracket = false;
        for (var i = 0; i < code.Length; i++)
        {
            var c = code[i];
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (quoted)
            {
                continue;
            }
            else if (c == '[')
            {
                bracket = true;
            }
            else if (c == ']')
            {
                bracket = false;
            }
            else if (bracket)
            {
                continue;
            }
            else if (c is '\\' or '_' or '*')
            {
                i++;
            }
            else if (c == ';')
            {
                break; // the first section decides
            }
            else if ("dmyhsDMYHS".Contains(c))
            {
                return true;
            }
        }

        return false;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"<(?:[\w.-]+:)?mergeCell\b[^>]*?\bref=""([^""]+)""")]
    private static partial System.Text.RegularExpressions.Regex MergeCell();

    private static ZipArchiveEntry? Entry(ZipArchive zip, string name) =>
        zip.GetEntry(name) ?? zip.Entries.FirstOrDefault(e => string.Equals(e.FullName, name, StringComparison.OrdinalIgnoreCase));
}
