using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using IkmRegistry.Web.Data;
using IkmRegistry.Web.Domain;
using IkmRegistry.Web.Import;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace IkmRegistry.Web.Pages.Registry.Import;

/// <summary>
/// Unit imports: the templates to download, the upload, and the recent batches. The upload is checked by content
/// (xlsx or CSV, size, zip bomb) and stored outside the web root under a generated name; the background worker
/// then reads it and the batch page shows the preview.
/// </summary>
// The outer bound for Kestrel; the configured limit (20 MB by default) is checked below with a clear message.
[RequestSizeLimit(200_000_000)]
[RequestFormLimits(MultipartBodyLengthLimit = 200_000_000)]
public class IndexModel(RegistryDbContext db, ImportWorker worker, IOptions<ImportOptions> options, IStringLocalizer<SharedResource> l, TimeProvider clock, ILogger<IndexModel> logger) : PageModel
{
    public List<ImportBatch> Batches { get; private set; } = [];

    public long MaxFileBytes => options.Value.MaxFileBytes;

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnGetTemplateAsync(string format, CancellationToken cancellationToken) => format switch
    {
        "xlsx" => File(await ImportTemplate.XlsxAsync(db, cancellationToken), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "templat-impor-unit-usaha.xlsx"),
        "csv" => File(ImportTemplate.Csv(), "text/csv; charset=utf-8", "templat-impor-unit-usaha.csv"),
        _ => NotFound(),
    };

    public async Task<IActionResult> OnPostUploadAsync(CancellationToken cancellationToken)
    {
        var limit = options.Value.MaxFileBytes;
        if (Request.ContentLength > limit + 64 * 1024)
        {
            return await RefuseAsync(l["Berkas terlalu besar. Ukuran paling besar {0} MB; bagi data menjadi beberapa berkas.", limit / (1024 * 1024)], cancellationToken);
        }

        var file = (await Request.ReadFormAsync(cancellationToken)).Files.GetFile("berkas");
        if (file is null)
        {
            return await RefuseAsync(l["Pilih berkas xlsx atau CSV untuk diunggah."], cancellationToken);
        }

        if (file.Length == 0)
        {
            return await RefuseAsync(l["Berkas kosong. Pilih berkas xlsx atau CSV yang berisi data."], cancellationToken);
        }

        if (file.Length > limit)
        {
            return await RefuseAsync(l["Berkas terlalu besar. Ukuran paling besar {0} MB; bagi data menjadi beberapa berkas.", limit / (1024 * 1024)], cancellationToken);
        }

        System.IO.Directory.CreateDirectory(worker.Folder);
        var storedName = Guid.NewGuid().ToString("N") + ".upload";
        var path = Path.Combine(worker.Folder, storedName);
        string sha256;
        await using (var target = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 81920, useAsync: true))
        {
            await file.CopyToAsync(target, cancellationToken);
            target.Position = 0;
            sha256 = Convert.ToHexStringLower(await SHA256.HashDataAsync(target, cancellationToken));
        }

        var check = ImportFile.Inspect(path, options.Value);
        if (check.Problem is not null)
        {
            System.IO.File.Delete(path);
            logger.LogInformation("Import upload refused: {Reason}", check.Problem);
            return await RefuseAsync(l[check.Problem], cancellationToken);
        }

        var batch = new ImportBatch
        {
            FileName = SafeName(file.FileName),
            Sha256 = sha256,
            StoredName = storedName,
            Format = check.Format!,
            SizeBytes = file.Length,
            Status = ImportStatus.Queued,
            Culture = CultureInfo.CurrentUICulture.Name,
            CreatedById = User.FindFirstValue(ClaimTypes.NameIdentifier),
            CreatedByName = User.Identity?.Name,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.ImportBatches.Add(batch);
        await db.SaveChangesAsync(cancellationToken);
        worker.Enqueue(batch.Id);
        logger.LogInformation("Import batch {BatchId} uploaded by {UserId}: {Format}, {Bytes} bytes", batch.Id, batch.CreatedById, batch.Format, batch.SizeBytes);
        return RedirectToPage("Batch", new { id = batch.Id });
    }

    private async Task<IActionResult> RefuseAsync(string message, CancellationToken cancellationToken)
    {
        ModelState.AddModelError("berkas", message);
        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken) =>
        Batches = await db.ImportBatches.AsNoTracking().OrderByDescending(b => b.CreatedAt).Take(20).ToListAsync(cancellationToken);

    /// <summary>The file's own name, for display only: no path, no control characters, at most 255 characters.</summary>
    private static string SafeName(string name)
    {
        var plain = Identifiers.Clean(Path.GetFileName(name.Replace('\\', '/'))) ?? "berkas";
        return plain.Length > 255 ? plain[..255] : plain;
    }
}
