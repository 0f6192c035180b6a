using Npgsql;
using static IkmRegistry.Tests.Registry.Import.Importing;

namespace IkmRegistry.Tests.Registry.Import;

/// <summary>A commit cut off by a database outage (issue 18 item 3a): nothing is written, and the batch frees itself once the database answers.</summary>
public class CommitOutageTests(RegistryApp app) : RegistryTest(app)
{
    [Fact]
    public async Task A_commit_whose_connection_is_killed_while_the_database_is_down_returns_to_its_preview_when_the_database_is_back_and_commits_again()
    {
        using var browser = await StaffAsync(App);
        var (_, preview) = await PreviewAsync(App, browser, Xlsx([.. Enumerable.Range(1, 20).Select(i => Row($"Unit {i:00}"))]));

        // The commit is held at its first audit entry (after the units were inserted) by a lock the test owns.
        await using var locker = new NpgsqlConnection(App.ConnectionString);
        await locker.OpenAsync();
        await using var hold = await locker.BeginTransactionAsync();
        await Execute(locker, "LOCK TABLE audit_entry IN SHARE MODE");
        await browser.SubmitAsync(preview.QuerySelector<IHtmlFormElement>("form[action*='handler=Commit']")!);
        var batchId = BatchId(browser);

        await using var admin = new NpgsqlConnection(App.ConnectionString);
        await admin.OpenAsync();
        var committing = await WaitForAsync(admin, "SELECT pid FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%INSERT INTO audit_entry%'");

        // The database goes down: the committing backend is killed, and until it is back every write of a batch is
        // refused the way a restarting PostgreSQL refuses connections.
        await Execute(admin, """
            SET lock_timeout = '10s';
            CREATE FUNCTION refuse_while_down() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN RAISE EXCEPTION 'the database system is starting up' USING ERRCODE = '57P03'; END $$;
            CREATE TRIGGER refuse_while_down BEFORE UPDATE OR DELETE ON import_batch FOR EACH STATEMENT EXECUTE FUNCTION refuse_while_down();
            """);
        try
        {
            await Execute(admin, $"SELECT pg_terminate_backend({committing})");
            await hold.RollbackAsync();
            await Task.Delay(1500);
            await using (var db = App.NewDbContext())
            {
                Assert.Equal(ImportStatus.Committing, (await db.ImportBatches.AsNoTracking().SingleAsync(b => b.Id == batchId)).Status);
            }
        }
        finally
        {
            await Execute(admin, "DROP TRIGGER refuse_while_down ON import_batch; DROP FUNCTION refuse_while_down();");
        }

        var batch = await WaitAsync(App, batchId);

        Assert.Equal(ImportStatus.Ready, batch.Status);
        Assert.Contains("Penyimpanan gagal dan dibatalkan seluruhnya", batch.Message);
        await using (var db = App.NewDbContext())
        {
            Assert.Equal(0, await db.IndustrialUnits.CountAsync());
            Assert.Equal(0, await db.AuditEntries.CountAsync(a => a.EntityType == nameof(IndustrialUnit)));
        }

        var page = await browser.GetAsync($"/Registry/Import/Batch/{batchId}");
        Assert.Contains("Penyimpanan gagal dan dibatalkan seluruhnya", page.QuerySelector(".alert-danger")!.TextContent);
        var retry = await CommitAsync(App, browser, page);
        Assert.Equal((ImportStatus.Committed, 20), (retry.Status, retry.InsertedCount));
    }

    private static async Task Execute(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<int> WaitForAsync(NpgsqlConnection connection, string sql)
    {
        for (var i = 0; i < 300; i++)
        {
            await using var command = new NpgsqlCommand(sql, connection);
            if (await command.ExecuteScalarAsync() is int pid)
            {
                return pid;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("The commit never reached the locked table");
    }
}
