using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using IkmRegistry.Web.Pages.Registry;
using IkmRegistry.Web.Import;
using MiniExcelLibs;

namespace IkmRegistry.Web.Benchmarking;

/// <summary>
/// For scripts/bench.sh: writes a generated field-data file (--import-sample N PATH), and runs one file through the
/// import exactly as the background worker does (--import-file PATH): the same checks, reader, matching and
/// commit, without the HTTP upload. Prints the timings and the process's peak working set as one JSON line.
/// </summary>
public static class ImportBenchmark
{
    public static async Task WriteSampleAsync(IServiceProvider services, int count, string path, int seed)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        var kelurahan = (await db.Kelurahan.AsNoTracking().OrderBy(k => k.Code).Select(k => new { k.Code, k.Name }).ToListAsync())
            .Select(k => (k.Code, k.Name)).ToList();
        var categories = await db.ProductCategories.AsNoTracking().ToDictionaryAsync(c => c.Code, c => c.NameId);
        var rows = DemoData.SampleRows(kelurahan, categories, count, seed, Wib.Today(db.Clock));
        if (path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
        {
            await using var writer = new StreamWriter(path, false, new UTF8Encoding(true));
            var first = true;
            foreach (var row in rows)
            {
                if (first)
                {
                    await writer.WriteAsync(string.Join(SheetExport.CsvSeparator, row.Keys.Select(SheetExport.Quote)) + "\r\n");
                    first = false;
                }

                await writer.WriteAsync(string.Join(SheetExport.CsvSeparator, row.Values.Select(SheetExport.CsvField)) + "\r\n");
            }
        }
        else if (Path.GetFileName(path).Contains(AgencyShaped, StringComparison.OrdinalIgnoreCase))
        {
            await MiniExcel.SaveAsAsync(path, AgencySheet(rows), printHeader: false, sheetName: "IKM", overwriteFile: true);
        }
        else
        {
            await MiniExcel.SaveAsAsync(path, rows, sheetName: ImportTemplate.DataSheet, overwriteFile: true);
        }
    }

    /// <summary>A sample file whose name holds this is laid out as the agency's own sheets are (issue 13).</summary>
    public const string AgencyShaped = "dinas";

    /// <summary>A JUMLAH row after every this many units (1.000 of them in 100.000 rows).</summary>
    public const int RowsPerTotal = 100;

    /// <summary>
    /// The sample rows as an agency keeps them: three title rows, a header over two rows (TENAGA KERJA over L and P,
    /// typed without merging), and a JUMLAH row summing the workers after every <see cref="RowsPerTotal"/> units.
    /// </summary>
    private static IEnumerable<Dictionary<string, object?>> AgencySheet(IEnumerable<Dictionary<string, object?>> rows)
    {
        List<string>? keys = null;
        Dictionary<string, object?> Line(IEnumerable<object?> cells)
        {
            var values = cells.ToList();
            return keys!.Select((k, i) => (k, i)).ToDictionary(c => "c" + c.i.ToString(CultureInfo.InvariantCulture), c => c.i < values.Count ? values[c.i] : null);
        }

        var (male, female, n) = (0, 0, 0);
        foreach (var row in rows)
        {
            if (keys is null)
            {
                keys = [.. row.Keys];
                yield return Line(["DATA INDUSTRI KECIL MENENGAH (IKM) KOTA PALANGKA RAYA"]);
                yield return Line(["DINAS PERDAGANGAN, KOPERASI, UKM DAN PERINDUSTRIAN"]);
                yield return Line(["KEADAAN S/D 31 DESEMBER 2025"]);
                yield return Line(keys.Select(k => k switch { UnitSheet.WorkersMale => "TENAGA KERJA", UnitSheet.WorkersFemale => null, _ => (object?)k.ToUpperInvariant() }));
                yield return Line(keys.Select(k => k switch { UnitSheet.WorkersMale => "L", UnitSheet.WorkersFemale => (object?)"P", _ => null }));
            }

            yield return Line(row.Values);
            male += row[UnitSheet.WorkersMale] as int? ?? 0;
            female += row[UnitSheet.WorkersFemale] as int? ?? 0;
            if (++n % RowsPerTotal == 0)
            {
                yield return Line(keys.Select(k => k switch { UnitSheet.Nib => "JUMLAH", UnitSheet.WorkersMale => male, UnitSheet.WorkersFemale => (object?)female, _ => null }));
                (male, female) = (0, 0);
            }
        }
    }

    public static async Task<int> RunAsync(IServiceProvider services, string path)
    {
        var worker = services.GetRequiredService<ImportWorker>();
        System.IO.Directory.CreateDirectory(worker.Folder);
        var stored = Guid.NewGuid().ToString("N") + ".upload";
        File.Copy(path, Path.Combine(worker.Folder, stored));
        var total = Stopwatch.StartNew();

        var check = ImportFile.Inspect(Path.Combine(worker.Folder, stored), services.GetRequiredService<Microsoft.Extensions.Options.IOptions<ImportOptions>>().Value);
        if (check.Problem is not null)
        {
            await Console.Error.WriteLineAsync(check.Problem);
            return 1;
        }

        int id;
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
            await using var file = File.OpenRead(path);
            var batch = new ImportBatch
            {
                FileName = Path.GetFileName(path),
                Sha256 = Convert.ToHexStringLower(await SHA256.HashDataAsync(file)),
                StoredName = stored,
                Format = check.Format!,
                SizeBytes = file.Length,
                Status = ImportStatus.Queued,
                CreatedByName = "benchmark",
                CreatedAt = db.Clock.GetUtcNow().UtcDateTime,
            };
            db.ImportBatches.Add(batch);
            await db.SaveChangesAsync();
            id = batch.Id;
        }

        var checkSeconds = total.Elapsed.TotalSeconds;
        // CPU time of this process beside wall time: on a busy machine wall time says more about the neighbours.
        using var self = Process.GetCurrentProcess();
        var cpuBefore = self.TotalProcessorTime;
        var (allocatedBefore, pauseBefore, gen2Before) = (GC.GetTotalAllocatedBytes(), GC.GetTotalPauseDuration(), GC.CollectionCount(2));
        var read = Stopwatch.StartNew();
        await worker.RunAsync(id, CancellationToken.None);
        read.Stop();
        self.Refresh();
        var readCpu = self.TotalProcessorTime - cpuBefore;
        var (readAllocated, readPause, readGen2) = (GC.GetTotalAllocatedBytes() - allocatedBefore, GC.GetTotalPauseDuration() - pauseBefore, GC.CollectionCount(2) - gen2Before);
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
            await db.ImportBatches.Where(b => b.Id == id && b.Status == ImportStatus.Ready)
                .ExecuteUpdateAsync(s => s.SetProperty(b => b.Status, ImportStatus.Committing).SetProperty(b => b.UpdateMode, ImportUpdateMode.Overwrite));
        }

        var commit = Stopwatch.StartNew();
        await worker.RunAsync(id, CancellationToken.None);
        commit.Stop();

        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
            var batch = await db.ImportBatches.AsNoTracking().SingleAsync(b => b.Id == id);
            using var process = Process.GetCurrentProcess();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{{\"file\":\"{Path.GetFileName(path)}\",\"format\":\"{batch.Format}\",\"bytes\":{batch.SizeBytes},\"rows\":{batch.TotalRows},\"status\":\"{batch.Status}\",\"inserted\":{batch.InsertedCount},\"errors\":{batch.ErrorCount},\"duplicates\":{batch.DuplicateCount},\"check_s\":{checkSeconds:0.00},\"read_s\":{read.Elapsed.TotalSeconds:0.00},\"read_cpu_s\":{readCpu.TotalSeconds:0.00},\"read_allocated_mb\":{readAllocated / 1048576.0:0},\"read_gc_pause_s\":{readPause.TotalSeconds:0.00},\"read_gen2\":{readGen2},\"commit_s\":{commit.Elapsed.TotalSeconds:0.00},\"peak_working_set_mb\":{process.PeakWorkingSet64 / 1024.0 / 1024.0:0}}}"));
            return batch.Status == ImportStatus.Committed ? 0 : 1;
        }
    }
}
