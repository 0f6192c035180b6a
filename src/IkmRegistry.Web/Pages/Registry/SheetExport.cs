using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;
using MiniExcelLibs;
using MiniExcelLibs.Attributes;
using MiniExcelLibs.OpenXml;

namespace IkmRegistry.Web.Pages.Registry;

public enum SheetCell
{
    /// <summary>Text, also for identifiers made of digits (NIK, NIB, KBLI) so that no leading zero or digit is lost.</summary>
    Text,

    /// <summary>An int or decimal: a numeric cell in xlsx, plain digits with a decimal comma in CSV.</summary>
    Number,

    /// <summary>A <see cref="DateOnly"/>: a real date in xlsx, dd/mm/yyyy in CSV.</summary>
    Date,
}

public sealed record SheetColumn(string Header, SheetCell Kind = SheetCell.Text);

/// <summary>One sheet to write: its columns and its rows (one value per column), read as they are written.</summary>
public sealed record Sheet(string Name, IReadOnlyList<SheetColumn> Columns, IAsyncEnumerable<object?[]> Rows);

/// <summary>Counts the rows written, also when the download stops half-way (the audit says how far it got).</summary>
public sealed class RowCount
{
    public int Value { get; private set; }

    public async IAsyncEnumerable<object?[]> Counting(IAsyncEnumerable<object?[]> rows, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            Value++;
            yield return row;
        }
    }
}

/// <summary>
/// Writes registry exports straight to the response, row by row as the database returns them, so that a million
/// units never sit in memory. xlsx: numbers numeric, dates real dates, identifiers text. CSV: UTF-8 with BOM,
/// semicolons, decimal comma, dd/mm/yyyy (what Excel reads with Indonesian regional settings). Every text cell goes
/// through <see cref="UnitSheet.Neutralize"/>.
/// </summary>
public static class SheetExport
{
    public const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public const string CsvContentType = "text/csv; charset=utf-8";
    public const char CsvSeparator = ';';

    private const string DateFormat = "dd/MM/yyyy";
    private static readonly CultureInfo _indonesian = CultureInfo.GetCultureInfo("id-ID");

    /// <summary>A file name with today's date in WIB, e.g. <c>unit-usaha-2026-11-28.xlsx</c>.</summary>
    public static string FileName(string name, string format, TimeProvider clock) =>
        $"{name}-{Domain.Wib.Today(clock):yyyy-MM-dd}.{format}";

    public static async Task XlsxAsync(HttpResponse response, string fileName, IReadOnlyList<Sheet> sheets, CancellationToken cancellationToken)
    {
        Start(response, XlsxContentType, fileName);

        // MiniExcel writes the zip's closing records synchronously when it disposes the archive (MiniExcel issue
        // 904); they are a few kilobytes at the end of the file, so synchronous writes are allowed for this response
        // only, while the rows themselves are written asynchronously.
        if (response.HttpContext.Features.Get<IHttpBodyControlFeature>() is { } bodyControl)
        {
            bodyControl.AllowSynchronousIO = true;
        }

        var workbook = sheets.Select((s, i) => (s, i)).ToDictionary(x => x.s.Name, x => (object)XlsxRows(x.s, x.i, cancellationToken));
        var configuration = new OpenXmlConfiguration
        {
            // Rows are keyed by column position and the header is written as the first row, so an empty export
            // still has its header row.
            DynamicColumns = [.. sheets.SelectMany((s, sheet) => s.Columns.Select((c, column) => (c.Kind, Key: Key(sheet, column))))
                .Where(x => x.Kind == SheetCell.Date)
                .Select(x => new DynamicExcelColumn(x.Key) { Format = DateFormat, Width = 12 })],
            FastMode = false,
        };
        await response.Body.SaveAsAsync(workbook, printHeader: false, configuration: configuration, cancellationToken: cancellationToken);
    }

    public static async Task CsvAsync(HttpResponse response, string fileName, Sheet sheet, CancellationToken cancellationToken)
    {
        Start(response, CsvContentType, fileName);
        await using var writer = new StreamWriter(response.Body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), bufferSize: 64 * 1024);
        await writer.WriteAsync(string.Join(CsvSeparator, sheet.Columns.Select(c => Quote(c.Header))) + "\r\n");
        var line = new StringBuilder();
        await foreach (var row in sheet.Rows.WithCancellation(cancellationToken))
        {
            line.Clear();
            for (var i = 0; i < row.Length; i++)
            {
                if (i > 0)
                {
                    line.Append(CsvSeparator);
                }

                line.Append(CsvField(row[i]));
            }

            line.Append("\r\n");
            await writer.WriteAsync(line, cancellationToken);
        }

        await writer.FlushAsync(cancellationToken);
    }

    /// <summary>One CSV field: numbers with a decimal comma and no thousands separator, dates dd/mm/yyyy, text neutralised and quoted.</summary>
    public static string CsvField(object? value) => value switch
    {
        null => "",
        int n => n.ToString(CultureInfo.InvariantCulture),
        decimal d => d.ToString("0.############", _indonesian),
        double d => d.ToString("0.############", _indonesian),
        DateOnly date => date.ToString(DateFormat, CultureInfo.InvariantCulture),
        _ => QuoteText(UnitSheet.Neutralize(value.ToString()) ?? ""),
    };

    /// <summary>
    /// Quotes a text field always: Excel with Indonesian settings splits on ';', others on ',', so a separator in a
    /// name must never be able to start a cell of its own.
    /// </summary>
    public static string QuoteText(string text) => text.Length == 0 ? "" : "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>Quotes a CSV field that holds a separator (semicolon or comma), a quote or a line break.</summary>
    public static string Quote(string text) =>
        text.AsSpan().IndexOfAny(";,\"\r\n") >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;

    private static async IAsyncEnumerable<Dictionary<string, object?>> XlsxRows(Sheet sheet, int number, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var header = new Dictionary<string, object?>(sheet.Columns.Count);
        for (var i = 0; i < sheet.Columns.Count; i++)
        {
            header[Key(number, i)] = sheet.Columns[i].Header;
        }

        yield return header;
        await foreach (var row in sheet.Rows.WithCancellation(cancellationToken))
        {
            var cells = new Dictionary<string, object?>(row.Length);
            for (var i = 0; i < row.Length; i++)
            {
                cells[Key(number, i)] = row[i] switch
                {
                    null => null,
                    int or decimal or double => row[i],
                    DateOnly date => date.ToDateTime(TimeOnly.MinValue),
                    var text => UnitSheet.Neutralize(text.ToString()),
                };
            }

            yield return cells;
        }
    }

    // Each sheet has keys of its own, so a date format given to one sheet's column never reaches another's.
    private static string Key(int sheet, int column) => string.Create(CultureInfo.InvariantCulture, $"s{sheet}c{column}");

    private static void Start(HttpResponse response, string contentType, string fileName)
    {
        response.ContentType = contentType;
        response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileNameStar = fileName, FileName = fileName }.ToString();
        response.Headers.CacheControl = "no-store";
    }
}
