using System.Globalization;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using Npgsql;

namespace IkmRegistry.Web.Import;

/// <summary>
/// Reads and commits import batches in the background, one at a time, so a 100,000-row file never meets a request
/// timeout and the user can leave the page. The batch row in PostgreSQL is the state: the page polls it, and a
/// restart picks up what was queued (and returns an interrupted commit, which rolled back, to the preview).
/// </summary>
public sealed class ImportWorker(IServiceScopeFactory scopes, IOptions<ImportOptions> options, IWebHostEnvironment environment, ILogger<ImportWorker> logger) : BackgroundService
{
    private readonly Channel<int> _queue = Channel.CreateUnbounded<int>();

    public string Folder => Path.GetFullPath(Path.Combine(environment.ContentRootPath, options.Value.Folder));

    public void Enqueue(int batchId) => _queue.Writer.TryWrite(batchId);

    /// <summary>The first pause before a batch's state is written again while the database is unreachable; it doubles up to <see cref="MaxRetryDelay"/>.</summary>
    public static readonly TimeSpan FirstRetryDelay = TimeSpan.FromMilliseconds(250);

    public static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(15);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await RecoverAsync(stoppingToken);
        await foreach (var batchId in _queue.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await RunAsync(batchId, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // Even a batch that could not be released must not stop the worker for the batches after it.
                logger.LogError("Import batch {BatchId} could not be released ({ExceptionType})", batchId, e.GetType().Name);
            }
        }
    }

    private async Task RecoverAsync(CancellationToken ct)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
            await db.ImportBatches.Where(b => b.Status == ImportStatus.Committing)
                .ExecuteUpdateAsync(s => s.SetProperty(b => b.Status, ImportStatus.Ready)
                    .SetProperty(b => b.Message, "Penyimpanan terhenti karena aplikasi dimulai ulang; tidak ada yang tersimpan. Simpan lagi."), ct);
            foreach (var id in await db.ImportBatches.Where(b => b.Status == ImportStatus.Queued || b.Status == ImportStatus.Reading).Select(b => b.Id).ToListAsync(ct))
            {
                await db.ImportBatches.Where(b => b.Id == id).ExecuteUpdateAsync(s => s.SetProperty(b => b.Status, ImportStatus.Queued), ct);
                Enqueue(id);
            }
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
        {
            // The database may not exist yet at the first start; there is nothing to recover then.
            logger.LogWarning("Import recovery skipped ({ExceptionType})", e.GetType().Name);
        }
    }

    /// <summary>
    /// Reads or commits one batch. Whatever goes wrong, the batch never stays "being read" or "being saved": it is
    /// released (a commit back to its preview, a read to failed), retried until the database answers again.
    /// </summary>
    public async Task RunAsync(int batchId, CancellationToken ct)
    {
        try
        {
            await ProcessAsync(batchId, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            // The exception's message can hold a row's values (personal data); log its type only.
            logger.LogError("Import batch {BatchId} failed unexpectedly ({ExceptionType})", batchId, e.GetType().Name);
            await ReleaseAsync(batchId, ct);
        }
    }

    private async Task ProcessAsync(int batchId, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<RegistryDbContext>();
        // A 100,000-row file's matching and commit are single statements that may outlast Npgsql's 30 s default on a busy machine.
        db.Database.SetCommandTimeout(DatabaseSetup.LongCommandTimeout);
        var batch = await db.ImportBatches.SingleOrDefaultAsync(b => b.Id == batchId, ct);
        if (batch is null)
        {
            return;
        }

        var culture = new CultureInfo(batch.Culture);
        CultureInfo.CurrentCulture = culture;
        CultureInfo.CurrentUICulture = culture;
        if (batch.Status == ImportStatus.Queued)
        {
            await ReadAsync(services, db, batch, ct);
        }
        else if (batch.Status == ImportStatus.Committing)
        {
            await CommitAsync(services, db, batch, ct);
        }
    }

    private async Task ReadAsync(IServiceProvider services, RegistryDbContext db, ImportBatch batch, CancellationToken ct)
    {
        var clock = services.GetRequiredService<TimeProvider>();
        var started = clock.GetTimestamp();
        await db.ImportIssues.Where(i => i.BatchId == batch.Id).ExecuteDeleteAsync(ct);
        await db.ImportRows.Where(r => r.BatchId == batch.Id).ExecuteDeleteAsync(ct);
        batch.Status = ImportStatus.Reading;
        batch.ProcessedRows = 0;
        await db.SaveChangesAsync(ct);

        // Progress goes through its own connection: the main one is busy with COPY.
        await using var progressConnection = new NpgsqlConnection(db.Database.GetConnectionString());
        await progressConnection.OpenAsync(ct);
        async Task Progress(int rows)
        {
            await using var command = new NpgsqlCommand("UPDATE import_batch SET processed_rows = @n WHERE id = @id", progressConnection);
            command.Parameters.AddWithValue("n", rows);
            command.Parameters.AddWithValue("id", batch.Id);
            await command.ExecuteNonQueryAsync(ct);
        }

        try
        {
            await services.GetRequiredService<ImportReader>().ReadAsync(batch, Path.Combine(Folder, batch.StoredName!), Progress, ct);
            var readSeconds = clock.GetElapsedTime(started).TotalSeconds;
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await services.GetRequiredService<ImportMatching>().MatchAsync(batch, ImportUpdateMode.Overwrite, Wib.Today(clock), ct);
            batch.Status = ImportStatus.Ready;
            batch.ReadAt = clock.GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            logger.LogInformation("Import batch {BatchId} read: {Rows} rows, {Errors} with errors, in {Seconds:0.0} s ({ReadSeconds:0.0} s reading the file, the rest matching)",
                batch.Id, batch.TotalRows, batch.ErrorCount, clock.GetElapsedTime(started).TotalSeconds, readSeconds);
        }
        catch (ImportReader.ChooseSheetsException)
        {
            // Nothing was staged yet: the batch waits for the user to choose the sheets, then is queued again.
            db.ChangeTracker.Clear();
            await db.ImportBatches.Where(b => b.Id == batch.Id).ExecuteUpdateAsync(s => s.SetProperty(b => b.Status, ImportStatus.ChoosingSheets), ct);
        }
        catch (ImportReader.ProblemException problem)
        {
            await FailAsync(db, batch, problem.Message, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError("Import batch {BatchId} could not be read ({ExceptionType}: {SqlState})", batch.Id, e.GetType().Name, (e as PostgresException)?.SqlState);
            await FailAsync(db, batch, services.GetRequiredService<IStringLocalizer<SharedResource>>()["Berkas ini tidak dapat dibaca sampai selesai. Periksa isinya atau simpan ulang dari Excel, lalu unggah lagi."], ct);
        }
    }

    private async Task FailAsync(RegistryDbContext db, ImportBatch batch, string message, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        DeleteFile(batch.StoredName);
        var columns = batch.Columns;
        await PersistAsync(batch.Id, async services =>
        {
            var other = services.GetRequiredService<RegistryDbContext>();
            await other.ImportIssues.Where(i => i.BatchId == batch.Id).ExecuteDeleteAsync(ct);
            await other.ImportRows.Where(r => r.BatchId == batch.Id).ExecuteDeleteAsync(ct);
            await other.ImportBatches.Where(b => b.Id == batch.Id).ExecuteUpdateAsync(s => s
                .SetProperty(b => b.Status, ImportStatus.Failed)
                .SetProperty(b => b.Message, message)
                .SetProperty(b => b.StoredName, (string?)null)
                .SetProperty(b => b.ErrorCount, 0)
                .SetProperty(b => b.Columns, columns), ct);
        }, ct);
    }

    /// <summary>
    /// Frees a batch whose work stopped: a commit (which rolled back) returns to its preview with the message that
    /// nothing was saved, so it can be confirmed again; a read fails with a message. Runs after an outage too.
    /// </summary>
    private async Task ReleaseAsync(int batchId, CancellationToken ct)
    {
        string? file = null;
        await PersistAsync(batchId, async services =>
        {
            var db = services.GetRequiredService<RegistryDbContext>();
            var l = services.GetRequiredService<IStringLocalizer<SharedResource>>();
            var batch = await db.ImportBatches.AsNoTracking().Where(b => b.Id == batchId).Select(b => new { b.Status, b.Culture, b.StoredName }).SingleOrDefaultAsync(ct);
            if (batch is null)
            {
                return;
            }

            CultureInfo.CurrentUICulture = new CultureInfo(batch.Culture);
            if (batch.Status == ImportStatus.Committing)
            {
                string message = l["Penyimpanan gagal dan dibatalkan seluruhnya; tidak ada data yang tersimpan. Coba simpan lagi; bila gagal lagi, hubungi admin."];
                await db.ImportBatches.Where(b => b.Id == batchId && b.Status == ImportStatus.Committing)
                    .ExecuteUpdateAsync(s => s.SetProperty(b => b.Status, ImportStatus.Ready).SetProperty(b => b.Message, message), ct);
            }
            else if (batch.Status is ImportStatus.Queued or ImportStatus.Reading)
            {
                string message = l["Pembacaan berkas terhenti karena gangguan; tidak ada yang tersimpan. Unggah berkasnya lagi."];
                await db.ImportIssues.Where(i => i.BatchId == batchId).ExecuteDeleteAsync(ct);
                await db.ImportRows.Where(r => r.BatchId == batchId).ExecuteDeleteAsync(ct);
                await db.ImportBatches.Where(b => b.Id == batchId && (b.Status == ImportStatus.Queued || b.Status == ImportStatus.Reading))
                    .ExecuteUpdateAsync(s => s.SetProperty(b => b.Status, ImportStatus.Failed).SetProperty(b => b.Message, message)
                        .SetProperty(b => b.StoredName, (string?)null), ct);
                file = batch.StoredName;
            }
        }, ct);
        DeleteFile(file);
    }

    /// <summary>
    /// Writes a batch's state through a fresh context, trying again with pauses that double (up to
    /// <see cref="MaxRetryDelay"/>) for as long as the database is unreachable: a batch must not stay "being saved"
    /// because the database was down at the moment it was released. Other errors are not retried.
    /// </summary>
    private async Task PersistAsync(int batchId, Func<IServiceProvider, Task> write, CancellationToken ct)
    {
        var delay = FirstRetryDelay;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await write(scope.ServiceProvider);
                if (attempt > 1)
                {
                    logger.LogInformation("Import batch {BatchId} state saved after {Attempts} attempts", batchId, attempt);
                }

                return;
            }
            catch (Exception e) when (IsOutage(e) && !ct.IsCancellationRequested)
            {
                logger.LogWarning("Import batch {BatchId} state not saved, the database is unreachable ({ExceptionType}); trying again in {Delay} ms",
                    batchId, e.GetType().Name, (int)delay.TotalMilliseconds);
                await Task.Delay(delay, ct);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxRetryDelay.Ticks));
            }
        }
    }

    /// <summary>A database that is down, restarting or cut off: the same write can succeed later.</summary>
    private static bool IsOutage(Exception e)
    {
        for (var inner = e; inner is not null; inner = inner.InnerException)
        {
            if (inner is NpgsqlException { IsTransient: true } or TimeoutException or IOException or System.Net.Sockets.SocketException)
            {
                return true;
            }
        }

        return false;
    }

    private async Task CommitAsync(IServiceProvider services, RegistryDbContext db, ImportBatch batch, CancellationToken ct)
    {
        var clock = services.GetRequiredService<TimeProvider>();
        var started = clock.GetTimestamp();
        var now = clock.GetUtcNow().UtcDateTime;
        var mode = batch.UpdateMode ?? ImportUpdateMode.Overwrite;
        try
        {
            await using (var transaction = await db.Database.BeginTransactionAsync(ct))
            {
                var matching = services.GetRequiredService<ImportMatching>();
                await matching.MatchAsync(batch, mode, Wib.Today(clock), ct);
                await matching.WriteAsync(batch, mode, batch.IncludeDuplicates, Wib.Today(clock), now, batch.CommittedById, batch.CommittedByName, ct);
                batch.Status = ImportStatus.Committed;
                batch.CommittedAt = now;
                batch.Message = null;
                var file = batch.StoredName;
                batch.StoredName = null;
                services.GetRequiredService<Audit>().Record(AuditAction.Import, nameof(ImportBatch), batch.Id.ToString(CultureInfo.InvariantCulture), new Dictionary<string, object?>
                {
                    ["FileName"] = batch.FileName,
                    ["Sha256"] = batch.Sha256,
                    ["Mode"] = mode.ToString(),
                    ["IncludeDuplicates"] = batch.IncludeDuplicates,
                    ["Inserted"] = batch.InsertedCount,
                    ["Updated"] = batch.UpdatedCount,
                    ["Memberships"] = batch.MembershipCount,
                    ["Unchanged"] = batch.UnchangedCount,
                    ["Skipped"] = batch.ErrorCount + (batch.IncludeDuplicates ? 0 : batch.DuplicateCount),
                    // An admin may confirm another's batch: the uploader is named then.
                    ["UploadedBy"] = batch.CreatedById == batch.CommittedById ? null : batch.CreatedById,
                }, batch.CommittedById, batch.CommittedByName);
                await db.SaveChangesAsync(ct);
                await db.ImportIssues.Where(i => i.BatchId == batch.Id).ExecuteDeleteAsync(ct);
                await db.ImportRows.Where(r => r.BatchId == batch.Id).ExecuteDeleteAsync(ct);
                await transaction.CommitAsync(ct);
                DeleteFile(file);
            }

            await db.Database.ExecuteSqlRawAsync("ANALYZE industrial_unit", ct);
            logger.LogInformation("Import batch {BatchId} committed by {UserId}: {Inserted} new, {Updated} updated, {Memberships} memberships, in {Seconds:0.0} s",
                batch.Id, batch.CommittedById, batch.InsertedCount, batch.UpdatedCount, batch.MembershipCount, clock.GetElapsedTime(started).TotalSeconds);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            logger.LogError("Import batch {BatchId} commit rolled back ({ExceptionType})", batch.Id, e.GetType().Name);
            db.ChangeTracker.Clear();
            await ReleaseAsync(batch.Id, ct);
        }
    }

    public void DeleteFile(string? storedName)
    {
        if (storedName is not null)
        {
            File.Delete(Path.Combine(Folder, storedName));
        }
    }
}

public static class ImportSetup
{
    public static WebApplicationBuilder AddRegistryImports(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<ImportOptions>(builder.Configuration.GetSection("Import"));
        builder.Services.AddScoped<ImportReader>();
        builder.Services.AddScoped<ImportMatching>();
        builder.Services.AddSingleton<ImportWorker>();
        builder.Services.AddHostedService(services => services.GetRequiredService<ImportWorker>());
        builder.Services.AddSingleton<ImportRetention>();
        builder.Services.AddHostedService(services => services.GetRequiredService<ImportRetention>());
        return builder;
    }
}
