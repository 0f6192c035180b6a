using System.Globalization;
using System.Security.Claims;
using IkmRegistry.Web.Import;
using MiniExcelLibs;

namespace IkmRegistry.Web.Pages.Registry.Import;

/// <summary>
/// One import batch: progress while the file is read, then the preview (counts, every row error with what to
/// fix, corrections, possible duplicates) and the confirmation; progress again while it is written; the result.
/// A batch belongs to its uploader: other staff get 404 for every handler (ids are sequential), admins may act on
/// any batch and what they do to another's is audited.
/// </summary>
public class BatchModel(RegistryDbContext db, ImportWorker worker, ImportMatching matching, Audit audit, IStringLocalizer<SharedResource> l, ILogger<BatchModel> logger) : PageModel
{
    public const int ListLimit = 500;

    public ImportBatch Batch { get; private set; } = null!;

    public List<ImportIssue> Errors { get; private set; } = [];

    public List<ImportIssue> Corrections { get; private set; } = [];

    public List<ImportIssue> Notices { get; private set; } = [];

    public List<DuplicateRow> Duplicates { get; private set; } = [];

    /// <summary>The rows that can be saved, by the data status they will get.</summary>
    public ImportMatching.Quality? Quality { get; private set; }

    /// <summary>An earlier batch of the very same file (same SHA-256) that was committed.</summary>
    public ImportBatch? SameFileCommitted { get; private set; }

    [BindProperty]
    public ImportUpdateMode Mode { get; set; } = ImportUpdateMode.Overwrite;

    [BindProperty]
    public bool IncludeDuplicates { get; set; }

    public sealed record DuplicateRow(int RowNumber, string? BusinessName, string? Kelurahan, int? SimilarUnitId, string? SimilarName, int? SimilarRow);

    public sealed record Progress(string Status, int Rows, bool Done);

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        return Page();
    }

    /// <summary>Polled by wwwroot/js/import.js while the batch is being read or written.</summary>
    public async Task<IActionResult> OnGetProgressAsync(int id, CancellationToken cancellationToken)
    {
        var progress = await Visible().AsNoTracking().Where(b => b.Id == id)
            .Select(b => new Progress(b.Status.ToString(), b.ProcessedRows, b.Status != ImportStatus.Queued && b.Status != ImportStatus.Reading && b.Status != ImportStatus.Committing))
            .SingleOrDefaultAsync(cancellationToken);
        return progress is null ? NotFound() : new JsonResult(progress);
    }

    public async Task<IActionResult> OnPostCommitAsync(int id, CancellationToken cancellationToken)
    {
        // Only one confirmation wins: the status moves from Ready to Committing in one statement.
        var userId = User.FindFirstValue(ClaimTypes.NameIdentifier);
        var userName = User.Identity?.Name;
        var mode = Enum.IsDefined(Mode) ? Mode : ImportUpdateMode.Overwrite;
        if (!await Visible().AnyAsync(b => b.Id == id, cancellationToken))
        {
            return NotFound();
        }

        var claimed = await db.ImportBatches.Where(b => b.Id == id && b.Status == ImportStatus.Ready)
            .ExecuteUpdateAsync(s => s
                .SetProperty(b => b.Status, ImportStatus.Committing)
                .SetProperty(b => b.UpdateMode, mode)
                .SetProperty(b => b.IncludeDuplicates, IncludeDuplicates)
                .SetProperty(b => b.CommittedById, userId)
                .SetProperty(b => b.CommittedByName, userName)
                .SetProperty(b => b.Message, (string?)null), cancellationToken);
        if (claimed == 1)
        {
            worker.Enqueue(id);
        }

        return RedirectToPage(new { id });
    }

    /// <summary>The workbook's sheets, for a batch whose table is in several: which hold a table, and their layouts.</summary>
    public List<ImportReader.SheetSurvey> Sheets { get; private set; } = [];

    [BindProperty]
    public List<string> Chosen { get; set; } = [];

    /// <summary>
    /// Reads the sheets the user chose. They must share one layout (the same columns), so that every row means the
    /// same; a choice of sheets laid out differently is asked again.
    /// </summary>
    public async Task<IActionResult> OnPostSheetsAsync(int id, CancellationToken cancellationToken)
    {
        var batch = await Visible().AsNoTracking().SingleOrDefaultAsync(b => b.Id == id, cancellationToken);
        if (batch is null)
        {
            return NotFound();
        }

        if (batch.Status != ImportStatus.ChoosingSheets || batch.StoredName is null)
        {
            return RedirectToPage(new { id });
        }

        var survey = ImportReader.Survey(Path.Combine(worker.Folder, batch.StoredName), batch.Format);
        var chosen = survey.Where(s => s.Importable && Chosen.Contains(s.Name!)).ToList();
        if (chosen.Count == 0)
        {
            ModelState.AddModelError(nameof(Chosen), l["Pilih paling sedikit satu lembar."]);
        }
        else if (chosen.Select(s => s.Layout).Distinct().Count() > 1)
        {
            ModelState.AddModelError(nameof(Chosen), l["Lembar yang dipilih susunan kolomnya berbeda: {0}. Pilih lembar dengan susunan yang sama, lalu impor yang lain sebagai berkas terpisah.",
                string.Join("; ", chosen.GroupBy(s => s.Layout).Select(g => $"{string.Join(", ", g.Select(s => s.Name))} ({string.Join(", ", g.First().Fields)})"))]);
        }

        if (!ModelState.IsValid)
        {
            await LoadAsync(id, cancellationToken);
            return Page();
        }

        string[] names = [.. chosen.Select(s => s.Name!)];
        if (await db.ImportBatches.Where(b => b.Id == id && b.Status == ImportStatus.ChoosingSheets)
                .ExecuteUpdateAsync(s => s.SetProperty(b => b.Status, ImportStatus.Queued).SetProperty(b => b.Sheets, names), cancellationToken) == 1)
        {
            worker.Enqueue(id);
        }

        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostCancelAsync(int id, CancellationToken cancellationToken)
    {
        var batch = await Visible().AsNoTracking().Where(b => b.Id == id).Select(b => new { b.StoredName, b.Status, b.CreatedById }).SingleOrDefaultAsync(cancellationToken);
        if (batch is null)
        {
            return NotFound();
        }

        // The status changes first, in one statement: a commit confirmed at the same moment then finds no Ready batch,
        // and the staged rows are deleted only once nothing can write them any more.
        var cancelled = batch.Status is ImportStatus.Ready or ImportStatus.ChoosingSheets
            && await db.ImportBatches.Where(b => b.Id == id && (b.Status == ImportStatus.Ready || b.Status == ImportStatus.ChoosingSheets))
            .ExecuteUpdateAsync(s => s.SetProperty(b => b.Status, ImportStatus.Cancelled).SetProperty(b => b.StoredName, (string?)null), cancellationToken) == 1;
        if (cancelled)
        {
            await db.ImportIssues.Where(i => i.BatchId == id).ExecuteDeleteAsync(cancellationToken);
            await db.ImportRows.Where(r => r.BatchId == id).ExecuteDeleteAsync(cancellationToken);
            worker.DeleteFile(batch.StoredName);
            AuditAct(id, "Cancel", batch.CreatedById);
            await db.SaveChangesAsync(cancellationToken);
            logger.LogInformation("Import batch {BatchId} cancelled by {UserId}", id, User.FindFirstValue(ClaimTypes.NameIdentifier));
        }

        return RedirectToPage(new { id });
    }

    /// <summary>
    /// The rows with errors as the file had them, plus a column saying what to fix: staff correct this file and upload
    /// it again. The original file is read again (it is kept until the batch closes), so nothing of it is stored twice.
    /// </summary>
    public async Task<IActionResult> OnGetErrorsAsync(int id, CancellationToken cancellationToken)
    {
        var batch = await Visible().AsNoTracking().SingleOrDefaultAsync(b => b.Id == id, cancellationToken);
        if (batch?.StoredName is null || batch.Status != ImportStatus.Ready)
        {
            return NotFound();
        }

        // The error rows carry the file's raw values (NIK among them): an export of personal data.
        AuditAct(id, "ErrorRows", batch.CreatedById, AuditAction.Export);
        await db.SaveChangesAsync(cancellationToken);

        var messages = (await db.ImportIssues.AsNoTracking()
                .Where(i => i.BatchId == id && i.Kind == ImportIssueKind.Error)
                .OrderBy(i => i.Seq)
                .Select(i => new { i.RowNumber, i.Column, i.Message })
                .ToListAsync(cancellationToken))
            .GroupBy(i => i.RowNumber)
            .ToDictionary(g => g.Key, g => string.Join(" ", g.Select(i => i.Column is null ? i.Message : $"[{i.Column}] {i.Message}")));

        var rows = new List<Dictionary<string, object?>>();
        var path = Path.Combine(worker.Folder, batch.StoredName);
        string?[] sheets = batch.Sheets.Length > 0 ? [.. batch.Sheets] : [null];
        for (var s = 0; s < sheets.Length; s++)
        {
            // The header as the reader found it (below any title rows), else the first row with text.
            var head = ImportFile.Rows(path, batch.Format, sheets[s]).Take(SheetTable.SearchRows).Select(r => (IReadOnlyList<string?>)[.. r.Select(SheetTable.Text)]).ToList();
            var table = SheetTable.Find(head, ImportReader.RecogniseHeader);
            var header = table?.Names ?? head.FirstOrDefault(r => r.Any(c => c is not null)) ?? [];
            var firstData = table?.FirstDataRow ?? head.FindIndex(r => r.Any(c => c is not null)) + 1;
            var number = s * ImportReader.SheetRowSpan;
            var index = 0;
            foreach (var cells in ImportFile.Rows(path, batch.Format, sheets[s]))
            {
                number++;
                if (index++ < firstData || !messages.TryGetValue(number, out var message))
                {
                    continue;
                }

                var row = new Dictionary<string, object?> { [ImportColumns.ErrorColumn] = message, ["Baris Asal"] = ImportReader.Where(batch.Sheets, number) };
                for (var i = 0; i < header.Count; i++)
                {
                    if (header[i] is { } name && !row.ContainsKey(name))
                    {
                        row[name] = UnitSheet.Neutralize(ImportReader.Text(i < cells.Length ? cells[i] : null));
                    }
                }

                rows.Add(row);
            }
        }

        using var stream = new MemoryStream();
        await stream.SaveAsAsync(rows, sheetName: ImportTemplate.DataSheet, cancellationToken: cancellationToken);
        return File(stream.ToArray(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"kesalahan-impor-{id}.xlsx");
    }

    /// <summary>The batches this user may see and act on: their own, or every batch for an admin.</summary>
    private IQueryable<ImportBatch> Visible() => Owned(db.ImportBatches, User);

    public static IQueryable<ImportBatch> Owned(IQueryable<ImportBatch> batches, ClaimsPrincipal user)
    {
        if (user.IsInRole(Roles.Admin))
        {
            return batches;
        }

        var userId = user.FindFirstValue(ClaimTypes.NameIdentifier);
        return batches.Where(b => b.CreatedById != null && b.CreatedById == userId);
    }

    /// <summary>Audits an act on a batch, naming its uploader when that is someone else (an admin acting on another's batch).</summary>
    private void AuditAct(int id, string act, string? uploader, AuditAction action = AuditAction.Update)
    {
        var details = new Dictionary<string, object?> { ["Act"] = act };
        if (uploader != User.FindFirstValue(ClaimTypes.NameIdentifier))
        {
            details["UploadedBy"] = uploader;
        }

        audit.Record(action, nameof(ImportBatch), id.ToString(CultureInfo.InvariantCulture), details);
    }

    private async Task<bool> LoadAsync(int id, CancellationToken cancellationToken)
    {
        var batch = await Visible().AsNoTracking().SingleOrDefaultAsync(b => b.Id == id, cancellationToken);
        if (batch is null)
        {
            return false;
        }

        Batch = batch;
        if (batch.Status == ImportStatus.ChoosingSheets && batch.StoredName is not null)
        {
            Sheets = ImportReader.Survey(Path.Combine(worker.Folder, batch.StoredName), batch.Format);
            if (Chosen.Count == 0)
            {
                // Offered: every sheet laid out as the first one with a table.
                var layout = Sheets.FirstOrDefault(s => s.Importable)?.Layout;
                Chosen = [.. Sheets.Where(s => s.Importable && s.Layout == layout).Select(s => s.Name!)];
            }
        }

        if (batch.Status != ImportStatus.Ready)
        {
            return true;
        }

        var issues = db.ImportIssues.AsNoTracking().Where(i => i.BatchId == id);
        Errors = await issues.Where(i => i.Kind == ImportIssueKind.Error).OrderBy(i => i.RowNumber).ThenBy(i => i.Seq).Take(ListLimit).ToListAsync(cancellationToken);
        Corrections = await issues.Where(i => i.Kind == ImportIssueKind.Correction).OrderBy(i => i.RowNumber).ThenBy(i => i.Seq).Take(ListLimit).ToListAsync(cancellationToken);
        Notices = await issues.Where(i => i.Kind == ImportIssueKind.Notice).OrderBy(i => i.Seq).ToListAsync(cancellationToken);
        Duplicates = await (
                from r in db.ImportRows.AsNoTracking()
                where r.BatchId == id && r.Kind == ImportRowKind.Duplicate
                orderby r.RowNumber
                select new DuplicateRow(
                    r.RowNumber,
                    r.BusinessName,
                    db.Kelurahan.Where(k => k.Id == r.KelurahanId).Select(k => k.Name).FirstOrDefault(),
                    r.SimilarUnitId,
                    db.IndustrialUnits.Where(u => u.Id == r.SimilarUnitId).Select(u => u.BusinessName).FirstOrDefault(),
                    r.SimilarRow))
            .Take(ListLimit).ToListAsync(cancellationToken);
        Quality = await matching.QualityAsync(id, cancellationToken);
        SameFileCommitted = await db.ImportBatches.AsNoTracking()
            .Where(b => b.Sha256 == batch.Sha256 && b.Id != id && b.Status == ImportStatus.Committed)
            .OrderByDescending(b => b.CommittedAt).FirstOrDefaultAsync(cancellationToken);
        return true;
    }

    public string Describe(ImportStatus status) => status switch
    {
        ImportStatus.Queued => l["Menunggu giliran dibaca."],
        ImportStatus.Reading => l["Berkas sedang dibaca dan diperiksa."],
        _ => l["Data sedang disimpan."],
    };
}
