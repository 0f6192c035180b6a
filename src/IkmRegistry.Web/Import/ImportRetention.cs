using Microsoft.Extensions.Options;

namespace IkmRegistry.Web.Import;

/// <summary>
/// Uploaded files hold personal data (NIK, phones): a batch nobody confirmed or cancelled is closed after
/// Import:RetentionDays (7 by default) like a cancel would close it (status first, then its staged rows and its file),
/// and files in the upload folder that no open batch refers to are deleted once they are that old (issue 18, item 4).
/// Runs at start and every hour.
/// </summary>
public sealed class ImportRetention(IServiceScopeFactory scopes, ImportWorker worker, TimeProvider clock, IOptions<ImportOptions> options,
    ILogger<ImportRetention> logger) : BackgroundService
{
    public static readonly TimeSpan Every = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RemoveExpiredAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The database may be down for a moment: the next round tries again.
                logger.LogWarning("Import retention round failed ({Error})", e.GetType().Name);
            }

            await Task.Delay(Every, clock, stoppingToken);
        }
    }

    /// <summary>Closes the expired batches and deletes expired files; returns how many batches were closed.</summary>
    public async Task<int> RemoveExpiredAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var cutoff = now.UtcDateTime.AddDays(-options.Value.RetentionDays);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        var audit = scope.ServiceProvider.GetRequiredService<Audit>();

        var expired = await db.ImportBatches.AsNoTracking()
            .Where(b => b.CreatedAt < cutoff && (b.Status == ImportStatus.Ready || b.Status == ImportStatus.ChoosingSheets || b.Status == ImportStatus.Failed))
            .Select(b => new { b.Id, b.StoredName, b.Status })
            .ToListAsync(ct);
        var closed = 0;
        foreach (var batch in expired)
        {
            var open = batch.Status is ImportStatus.Ready or ImportStatus.ChoosingSheets;
            // The same guard as a cancel: a commit confirmed at this moment wins, and nothing writes the rows once the status changed.
            if (open && await db.ImportBatches.Where(b => b.Id == batch.Id && (b.Status == ImportStatus.Ready || b.Status == ImportStatus.ChoosingSheets))
                    .ExecuteUpdateAsync(s => s.SetProperty(b => b.Status, ImportStatus.Cancelled).SetProperty(b => b.StoredName, (string?)null), ct) != 1)
            {
                continue;
            }

            await db.ImportIssues.Where(i => i.BatchId == batch.Id).ExecuteDeleteAsync(ct);
            await db.ImportRows.Where(r => r.BatchId == batch.Id).ExecuteDeleteAsync(ct);
            worker.DeleteFile(batch.StoredName);
            if (open)
            {
                audit.Record(AuditAction.Delete, "ImportBatch", batch.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    new Dictionary<string, object?> { ["Reason"] = "Retention", ["RetentionDays"] = options.Value.RetentionDays });
                closed++;
            }
        }

        await db.SaveChangesAsync(ct);

        // Files no open batch refers to (a crash between upload and batch, an old version's leftovers).
        if (Directory.Exists(worker.Folder))
        {
            var kept = (await db.ImportBatches.AsNoTracking().Where(b => b.StoredName != null).Select(b => b.StoredName!).ToListAsync(ct)).ToHashSet();
            foreach (var file in Directory.EnumerateFiles(worker.Folder))
            {
                if (!kept.Contains(Path.GetFileName(file)) && File.GetLastWriteTimeUtc(file) < cutoff)
                {
                    File.Delete(file);
                }
            }
        }

        if (closed > 0)
        {
            logger.LogInformation("Import retention closed {Count} batches older than {Days} days", closed, options.Value.RetentionDays);
        }

        return closed;
    }
}
