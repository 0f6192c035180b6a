using System.Globalization;
using System.Security.Claims;
using System.Text;
using IkmRegistry.Web.Data;
using IkmRegistry.Web.Data.Queries;
using IkmRegistry.Web.Domain;
using IkmRegistry.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MiniExcelLibs;

namespace IkmRegistry.Web.Pages.Dashboard;

/// <summary>
/// Downloads one dashboard table as xlsx (numbers as numeric cells) or CSV (UTF-8 with BOM, semicolon, decimal
/// comma: what Excel expects with Indonesian regional settings). Exports are always in Indonesian, each one is
/// logged and audited with the user id and the table, never with personal data.
/// </summary>
public class ExportModel(RegistryDbContext db, CoverageQuery query, IStringLocalizer<SharedResource> localizer, ILogger<ExportModel> logger) : PageModel
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
        if (table == "unit" && scope.KelurahanId is int kelurahanId)
        {
            var (rows, _) = await query.UnitsAsync(kelurahanId, 0, int.MaxValue, cancellationToken);
            report = KelurahanModel.UnitTable(rows, localizer);
        }
        else
        {
            report = new CoverageReport(await query.LoadAsync(scope, cancellationToken), localizer).Tables().FirstOrDefault(t => t.Key == table);
        }

        if (report is null)
        {
            return NotFound();
        }

        var userId = User.FindFirstValue(ClaimTypes.NameIdentifier);
        db.AuditEntries.Add(new AuditEntry
        {
            OccurredAt = DateTime.UtcNow,
            UserId = userId,
            UserName = User.Identity?.Name,
            Action = AuditAction.Export,
            EntityType = "DashboardTable",
            EntityId = $"{report.Key}:{scopeName}:{format}",
        });
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Dashboard export of table {Table} ({Scope}) as {Format} by user {UserId}", report.Key, scopeName, format, userId);

        var fileName = $"{report.Key}-{scopeName.Replace('.', '-')}-{DateTime.UtcNow.AddHours(7):yyyy-MM-dd}.{format}";
        return format == "xlsx"
            ? File(await TableExport.XlsxAsync(report, cancellationToken), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", fileName)
            : File(TableExport.Csv(report), "text/csv; charset=utf-8", fileName);
    }
}

/// <summary>Writes a <see cref="ReportTable"/> to xlsx or CSV with its headers, its rows and its total row.</summary>
public static class TableExport
{
    /// <summary>The registry exports' rule (<see cref="Registry.UnitSheet.Neutralize"/>): a text cell that could run as a formula gets a leading apostrophe.</summary>
    public static string Neutralise(string text) => Registry.UnitSheet.Neutralize(text) ?? "";

    public static async Task<byte[]> XlsxAsync(ReportTable table, CancellationToken cancellationToken)
    {
        var rows = table.AllRows.Select(row =>
        {
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

            return values;
        }).ToList();

        if (rows.Count == 0)
        {
            // MiniExcel writes headers from the first row: an empty table still gets its header row.
            rows.Add(table.Columns.ToDictionary(c => c.Header, _ => (object?)null));
        }

        using var stream = new MemoryStream();
        await stream.SaveAsAsync(rows, sheetName: SheetName(table.Key), cancellationToken: cancellationToken);
        return stream.ToArray();
    }

    public static byte[] Csv(ReportTable table)
    {
        var text = new StringBuilder();
        text.AppendJoin(Registry.SheetExport.CsvSeparator, table.Columns.Select(c => Quote(c.Header))).Append("\r\n");
        foreach (var row in table.AllRows)
        {
            text.AppendJoin(Registry.SheetExport.CsvSeparator, row.Select((cell, i) => cell.Value switch
            {
                null => "",
                int n => n.ToString(CultureInfo.InvariantCulture),
                // Decimal comma without thousands separator, as Excel reads it with Indonesian settings.
                double d => d.ToString("0.0", CultureInfo.GetCultureInfo(Localization.Indonesian)),
                var v => Quote(Neutralise(v.ToString() ?? "")),
            })).Append("\r\n");
        }

        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    private static string Quote(string text) => Registry.SheetExport.Quote(text);

    private static string SheetName(string key) => key.Length > 31 ? key[..31] : key;
}
