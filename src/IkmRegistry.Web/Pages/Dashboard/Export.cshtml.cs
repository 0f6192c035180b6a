using System.Globalization;
using System.Security.Claims;
using System.Text;
using MiniExcelLibs;

namespace IkmRegistry.Web.Pages.Dashboard;

/// <summary>
/// Downloads one dashboard table as xlsx (numbers as numeric cells) or CSV (UTF-8 with BOM, semicolon, decimal
/// comma: what Excel expects with Indonesian regional settings). Exports are always in Indonesian, each one is
/// logged and audited with the user id and the table, never with personal data.
/// </summary>
public class ExportModel(RegistryDbContext db, CoverageQuery query, IStringLocalizer<SharedResource> localizer, ILogger<ExportModel> logger, Audit audit, TimeProvider clock) : PageModel
{
    public async Task<IActionResult> OnGetAsync(
        [FromQuery(Name = "tabel")] string table,
        [FromQuery(Name = "format")] string format,
        [FromQuery(Name = "kecamatan")] string? kecamatanCode,
        [FromQuery(Name = "kelurahan")] string? kelurahanCode,
        CancellationToken cancellationToken)
    {
        if (format is not ("xlsx" or "csv"))
        {
            return NotFound();
        }

        var indonesian = new CultureInfo(Localization.Indonesian);
        CultureInfo.CurrentCulture = indonesian;
        CultureInfo.CurrentUICulture = indonesian;

        var scope = CoverageScope.City;
        var scopeName = "kota";
        if (!string.IsNullOrEmpty(kelurahanCode))
        {
            var id = await db.Kelurahan.Where(k => k.Code == kelurahanCode).Select(k => (int?)k.Id).SingleOrDefaultAsync(cancellationToken);
            if (id is null)
            {
                return NotFound();
            }

            (scope, scopeName) = (new CoverageScope(KelurahanId: id), kelurahanCode);
        }
        else if (!string.IsNullOrEmpty(kecamatanCode))
        {
            var id = await db.Kecamatan.Where(k => k.Code == kecamatanCode).Select(k => (int?)k.Id).SingleOrDefaultAsync(cancellationToken);
            if (id is null)
            {
                return NotFound();
            }

            (scope, scopeName) = (new CoverageScope(KecamatanId: id), kecamatanCode);
        }

        ReportTable? report;
        IQueryable<CoverageQuery.UnitListRow>? units = null;
        if (table == "unit" && scope.KelurahanId is int kelurahanId)
        {
            // Only the headers here: the rows are read one by one while the file is written.
            report = UnitTable.Create([], localizer);
            units = query.AllUnits(kelurahanId);
        }
        else
        {
            report = new CoverageReport(await query.LoadAsync(scope, allDuplicateNames: table == "kemungkinan-duplikat", cancellationToken), localizer).Tables().FirstOrDefault(t => t.Key == table);
        }

        if (report is null)
        {
            return NotFound();
        }

        var userId = User.FindFirstValue(ClaimTypes.NameIdentifier);
        audit.Record(AuditAction.Export, "DashboardTable", $"{report.Key}:{scopeName}:{format}");
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Dashboard export of table {Table} ({Scope}) as {Format} by user {UserId}", report.Key, scopeName, format, userId);

        var fileName = $"{report.Key}-{scopeName.Replace('.', '-')}-{Wib.Today(clock):yyyy-MM-dd}.{format}";
        if (units is not null)
        {
            return File(await WriteUnitsAsync(report, units, format, cancellationToken), ContentType(format), fileName);
        }

        return format == "xlsx"
            ? File(await TableExport.XlsxAsync(report, cancellationToken), ContentType(format), fileName)
            : File(TableExport.Csv(report), ContentType(format), fileName);
    }

    private static string ContentType(string format) =>
        format == "xlsx" ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : "text/csv; charset=utf-8";

    /// <summary>
    /// A kelurahan can hold tens of thousands of units: they are written row by row to a temporary file that is
    /// deleted when the answer has been sent, so memory does not grow with the number of units.
    /// </summary>
    private async Task<Stream> WriteUnitsAsync(ReportTable headers, IQueryable<CoverageQuery.UnitListRow> units, string format, CancellationToken cancellationToken)
    {
        var file = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 64 * 1024,
            FileOptions.Asynchronous | FileOptions.DeleteOnClose);
        try
        {
            if (format == "xlsx")
            {
                // MiniExcel reads its rows synchronously: the query is read as a synchronous stream too.
                await TableExport.WriteXlsxAsync(file, headers, units.AsEnumerable().Select(u => UnitTable.Row(u, localizer)), cancellationToken);
            }
            else
            {
                await TableExport.WriteCsvAsync(file, headers, units.AsAsyncEnumerable().Select(u => UnitTable.Row(u, localizer)), cancellationToken);
            }

            file.Position = 0;
            return file;
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }
    }
}

/// <summary>Writes a <see cref="ReportTable"/> to xlsx or CSV with its headers, its rows and its total row.</summary>
public static class TableExport
{
    /// <summary>The registry exports' rule (<see cref="Registry.UnitSheet.Neutralize"/>): a text cell that could run as a formula gets a leading apostrophe.</summary>
    public static string Neutralise(string text) => Registry.UnitSheet.Neutralize(text) ?? "";

    public static async Task<byte[]> XlsxAsync(ReportTable table, CancellationToken cancellationToken)
    {
        using var stream = new MemoryStream();
        await WriteXlsxAsync(stream, table, table.AllRows, cancellationToken);
        return stream.ToArray();
    }

    /// <summary>Writes the table's headers and the given rows (read one by one) as an xlsx sheet.</summary>
    public static Task WriteXlsxAsync(Stream stream, ReportTable table, IEnumerable<Cell[]> rows, CancellationToken cancellationToken) =>
        stream.SaveAsAsync(XlsxRows(table, rows), sheetName: SheetName(table.Key), cancellationToken: cancellationToken);

    private static IEnumerable<Dictionary<string, object?>> XlsxRows(ReportTable table, IEnumerable<Cell[]> rows)
    {
        var any = false;
        foreach (var row in rows)
        {
            any = true;
            var values = new Dictionary<string, object?>(table.Columns.Count);
            for (var i = 0; i < table.Columns.Count; i++)
            {
                values[table.Columns[i].Header] = row[i].Value switch
                {
                    null => null,
                    int n => n,
                    double d => d,
                    var v => Neutralise(v.ToString() ?? ""),
                };
            }

            yield return values;
        }

        if (!any)
        {
            // MiniExcel writes headers from the first row: an empty table still gets its header row.
            yield return table.Columns.ToDictionary(c => c.Header, _ => (object?)null);
        }
    }

    public static byte[] Csv(ReportTable table)
    {
        var text = new StringBuilder();
        text.Append(CsvHeader(table));
        foreach (var row in table.AllRows)
        {
            text.Append(CsvLine(row));
        }

        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    /// <summary>Writes the table's headers and the given rows, read one by one, as CSV (UTF-8 with BOM).</summary>
    public static async Task WriteCsvAsync(Stream stream, ReportTable table, IAsyncEnumerable<Cell[]> rows, CancellationToken cancellationToken)
    {
        var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), 64 * 1024, leaveOpen: true);
        await using (writer.ConfigureAwait(false))
        {
            await writer.WriteAsync(CsvHeader(table).AsMemory(), cancellationToken);
            await foreach (var row in rows.WithCancellation(cancellationToken))
            {
                await writer.WriteAsync(CsvLine(row).AsMemory(), cancellationToken);
            }
        }
    }

    private static string CsvHeader(ReportTable table) => string.Join(Registry.SheetExport.CsvSeparator, table.Columns.Select(c => Quote(c.Header))) + "\r\n";

    private static string CsvLine(Cell[] row) => string.Join(Registry.SheetExport.CsvSeparator, row.Select(cell => cell.Value switch
    {
        null => "",
        int n => n.ToString(CultureInfo.InvariantCulture),
        // Decimal comma without thousands separator, as Excel reads it with Indonesian settings.
        double d => d.ToString("0.0", CultureInfo.GetCultureInfo(Localization.Indonesian)),
        var v => Registry.SheetExport.QuoteText(Neutralise(v.ToString() ?? "")),
    })) + "\r\n";

    private static string Quote(string text) => Registry.SheetExport.Quote(text);

    private static string SheetName(string key) => key.Length > 31 ? key[..31] : key;
}
