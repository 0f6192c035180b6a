using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using IkmRegistry.Web.Import;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Extensions.Options;

namespace IkmRegistry.Web.Pages.Registry.Import;

/// <summary>
/// Unit imports: the templates to download, the upload, and the recent batches. The upload is checked by content
/// (xlsx or CSV, size, zip bomb) and stored outside the web root under a generated name; the background worker
/// then reads it and the batch page shows the preview.
/// </summary>
[UploadLimit]
public class IndexModel(RegistryDbContext db, ImportWorker worker, IOptions<ImportOptions> options, IStringLocalizer<SharedResource> l, TimeProvider clock, ILogger<IndexModel> logger) : PageModel
{
    public List<ImportBatch> Batches { get; private set; } = [];

    public long MaxFileBytes => options.Value.MaxFileBytes;

    public async Task OnGetAsync(bool besar, CancellationToken cancellationToken)
    {
        if (besar)
        {
            ModelState.AddModelError("berkas", TooLarge());
        }

        await LoadAsync(cancellationToken);
    }

    public async Task<IActionResult> OnGetTemplateAsync(string format, CancellationToken cancellationToken) => format switch
    {
        "xlsx" => File(await ImportTemplate.XlsxAsync(db, cancellationToken), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "templat-impor-unit-usaha.xlsx"),
        "csv" => File(ImportTemplate.Csv(), "text/csv; charset=utf-8", "templat-impor-unit-usaha.csv"),
        _ => NotFound(),
    };

    public async Task<IActionResult> OnPostUploadAsync(CancellationToken cancellationToken)
    {
        var limit = options.Value.MaxFileBytes;
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
            return await RefuseAsync(TooLarge(), cancellationToken);
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

    private string TooLarge() => l["Berkas terlalu besar. Ukuran paling besar {0} MB; bagi data menjadi beberapa berkas.", options.Value.MaxFileBytes / (1024 * 1024)];

    private async Task<IActionResult> RefuseAsync(string message, CancellationToken cancellationToken)
    {
        ModelState.AddModelError("berkas", message);
        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken) =>
        Batches = await BatchModel.Owned(db.ImportBatches, User).AsNoTracking().OrderByDescending(b => b.CreatedAt).Take(20).ToListAsync(cancellationToken);

    /// <summary>The file's own name, for display only: no path, no control characters, at most 255 characters.</summary>
    private static string SafeName(string name)
    {
        var plain = Identifiers.Clean(Path.GetFileName(name.Replace('\\', '/'))) ?? "berkas";
        return plain.Length > 255 ? plain[..255] : plain;
    }
}

/// <summary>
/// The upload's request limits are the configured file limit (plus room for the form around the file), set before
/// antiforgery reads the form: otherwise the body would be read up to a fixed bound before the size is checked. A
/// request that declares a larger body is answered at once with the page's own message, without reading it.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class UploadLimitAttribute : Attribute, IFilterFactory, IOrderedFilter
{
    /// <summary>Room for the form's other fields and the multipart boundaries around the file.</summary>
    public const long FormOverheadBytes = 64 * 1024;

    // Before the antiforgery filter (order 1000), which reads the form; after authorization, so strangers are sent to sign in.
    public int Order => 900;

    public bool IsReusable => true;

    public IFilterMetadata CreateInstance(IServiceProvider serviceProvider) =>
        new Filter(serviceProvider.GetRequiredService<IOptions<ImportOptions>>());

    private sealed class Filter(IOptions<ImportOptions> options) : IAuthorizationFilter
    {
        public void OnAuthorization(AuthorizationFilterContext context)
        {
            var http = context.HttpContext;
            if (!HttpMethods.IsPost(http.Request.Method) || context.Result is not null)
            {
                return;
            }

            var limit = options.Value.MaxFileBytes + FormOverheadBytes;
            if (http.Request.ContentLength > limit)
            {
                context.Result = new RedirectToPageResult("/Registry/Import/Index", new { besar = true });
                return;
            }

            if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
            {
                size.MaxRequestBodySize = limit;
            }

            if (http.Features.Get<IFormFeature>()?.Form is null)
            {
                http.Features.Set<IFormFeature>(new FormFeature(http.Request, new FormOptions { MultipartBodyLengthLimit = limit }));
            }
        }
    }
}
