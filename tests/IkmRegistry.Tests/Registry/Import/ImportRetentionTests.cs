using IkmRegistry.Web.Import;
using static IkmRegistry.Tests.Registry.Import.Importing;

namespace IkmRegistry.Tests.Registry.Import;

/// <summary>Uploaded files hold NIK and phones: an unconfirmed batch and its file are removed after the retention period.</summary>
public class ImportRetentionTests(RegistryApp app) : RegistryTest(app)
{
    [Fact]
    public async Task A_batch_left_unconfirmed_past_the_retention_is_closed_with_its_rows_and_file_while_a_recent_one_stays()
    {
        using var browser = await StaffAsync(App);
        var (old, _) = await PreviewAsync(App, browser, Xlsx(Row("Amplang Lama")));
        var (recent, _) = await PreviewAsync(App, browser, Xlsx(Row("Amplang Baru")));
        Assert.Equal((ImportStatus.Ready, ImportStatus.Ready), (old.Status, recent.Status));
        var worker = App.Services.GetRequiredService<ImportWorker>();
        var oldFile = Path.Combine(worker.Folder, old.StoredName!);
        var recentFile = Path.Combine(worker.Folder, recent.StoredName!);
        await using (var db = App.NewDbContext())
        {
            await db.ImportBatches.Where(b => b.Id == old.Id).ExecuteUpdateAsync(s => s.SetProperty(b => b.CreatedAt, b => b.CreatedAt.AddDays(-8)));
        }

        var closed = await App.Services.GetRequiredService<ImportRetention>().RemoveExpiredAsync(CancellationToken.None);

        Assert.Equal(1, closed);
        Assert.False(File.Exists(oldFile));
        Assert.True(File.Exists(recentFile));
        await using (var db = App.NewDbContext())
        {
            var batches = await db.ImportBatches.AsNoTracking().OrderBy(b => b.Id).Select(b => new { b.Status, b.StoredName }).ToListAsync();
            Assert.Equal((ImportStatus.Cancelled, (string?)null), (batches[0].Status, batches[0].StoredName));
            Assert.Equal(ImportStatus.Ready, batches[1].Status);
            Assert.Equal(0, await db.ImportRows.CountAsync(r => r.BatchId == old.Id));
            Assert.Equal(1, await db.ImportRows.CountAsync(r => r.BatchId == recent.Id));
            Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.EntityType == "ImportBatch" && a.EntityId == old.Id.ToString() && a.Action == AuditAction.Delete));
        }
    }
}
