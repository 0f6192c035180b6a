using System.Security.Claims;

namespace IkmRegistry.Web.Pages.Registry;

/// <summary>
/// Runs one registry export and then records it: one audit entry (who, what, which filters, how many rows, whether
/// the private columns were in it) and one log line, never a value from the rows. The entry is written even when the
/// download stopped half-way, with the rows sent so far.
/// </summary>
public static class RegistryExport
{
    /// <summary>What was exported: the audit entity type, its id (e.g. <c>unit:xlsx</c>), the filters as text, and whether private columns were in it.</summary>
    public sealed record What(string EntityType, string Name, string Format, string Filters, bool PrivateColumns);

    public static async Task RunAsync(HttpContext http, RegistryDbContext db, ILogger logger, What what, RowCount rows, Func<Task> write)
    {
        var complete = false;
        try
        {
            await write();
            complete = true;
        }
        finally
        {
            var userId = http.User.FindFirstValue(ClaimTypes.NameIdentifier);
            http.RequestServices.GetRequiredService<Audit>().Record(AuditAction.Export, what.EntityType, $"{what.Name}:{what.Format}", new Dictionary<string, object?>
            {
                ["Filters"] = what.Filters.Length == 0 ? "–" : what.Filters,
                ["Rows"] = rows.Value,
                ["PrivateColumns"] = what.PrivateColumns ? "Ya" : "Tidak",
                ["Complete"] = complete ? "Ya" : "Tidak",
            });
            // Recorded even when the client went away mid-download: the rows sent so far have left the registry.
            await db.SaveChangesAsync(CancellationToken.None);
            logger.LogInformation("Registry export {Export} as {Format} by user {UserId}: {Rows} rows, private columns {PrivateColumns}, complete {Complete}",
                what.Name, what.Format, userId, rows.Value, what.PrivateColumns, complete);
        }
    }
}
