using System.Net.Http.Headers;
using System.Text;
using IkmRegistry.Web.Pages.Registry;
using MiniExcelLibs;

namespace IkmRegistry.Tests.Registry.Import;

/// <summary>Makes small spreadsheets and drives the import pages as staff do: upload, wait for the preview, confirm.</summary>
public static class Importing
{
    public static readonly string[] Headers =
        [UnitSheet.BusinessName, UnitSheet.OwnerName, UnitSheet.Nik, UnitSheet.Nib, UnitSheet.Kelurahan, UnitSheet.Category, UnitSheet.MainProducts, UnitSheet.Investment, UnitSheet.RegisteredOn];

    /// <summary>The columns that name a unit and place it, in the order of <see cref="Headers"/>: name, owner, NIK, NIB, kelurahan, category.</summary>
    public static Dictionary<string, object?> Named(string name, string? nik, object? nib, string kelurahan, string category) => new()
    {
        [UnitSheet.BusinessName] = name,
        [UnitSheet.OwnerName] = "Pemilik " + name,
        [UnitSheet.Nik] = nik,
        [UnitSheet.Nib] = nib,
        [UnitSheet.Kelurahan] = kelurahan,
        [UnitSheet.Category] = category,
    };

    public static Dictionary<string, object?> Row(string name, string nik = "6271014508850003", object? nib = null, string kelurahan = "Pahandut",
        string category = "Pangan", object? investment = null, object? registeredOn = null)
    {
        var row = Named(name, nik, nib, kelurahan, category);
        row[UnitSheet.MainProducts] = "produk " + name;
        row[UnitSheet.Investment] = investment;
        row[UnitSheet.RegisteredOn] = registeredOn ?? "14/03/2025";
        return row;
    }

    public static byte[] Xlsx(params Dictionary<string, object?>[] rows)
    {
        using var stream = new MemoryStream();
        stream.SaveAs(rows, sheetName: "Unit Usaha");
        return stream.ToArray();
    }

    public static byte[] Csv(string text, bool bom = true) =>
        bom ? [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text)] : Encoding.UTF8.GetBytes(text);

    public static Task<Browser> StaffAsync(RegistryApp app) => app.SignedInAsync(Roles.Staff, "petugas-impor@dpkukmp.test");

    /// <summary>Posts the file through the upload form (multipart, with the form's antiforgery token).</summary>
    public static Task<IDocument> UploadAsync(Browser browser, byte[] content, string fileName = "pendataan.xlsx") =>
        Uploading.UploadAsync(browser, "/Registry/Import", "berkas", fileName, content, "application/octet-stream");

    public static int BatchId(Browser browser) => int.Parse(browser.LastUrl!.AbsolutePath.Split('/')[^1]);

    /// <summary>Waits for the background worker to finish with the batch (not a timing assertion: a generous limit for a slow machine).</summary>
    public static async Task<ImportBatch> WaitAsync(RegistryApp app, int batchId)
    {
        for (var i = 0; i < 600; i++)
        {
            await using var db = app.NewDbContext();
            var batch = await db.ImportBatches.AsNoTracking().SingleAsync(b => b.Id == batchId);
            if (batch.Status is not (ImportStatus.Queued or ImportStatus.Reading or ImportStatus.Committing))
            {
                return batch;
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"Import batch {batchId} did not finish");
    }

    /// <summary>Uploads, waits for the preview, and returns the batch page as the user sees it.</summary>
    public static async Task<(ImportBatch Batch, IDocument Page)> PreviewAsync(RegistryApp app, Browser browser, byte[] content, string fileName = "pendataan.xlsx")
    {
        await UploadAsync(browser, content, fileName);
        var id = BatchId(browser);
        var batch = await WaitAsync(app, id);
        return (batch, await browser.GetAsync($"/Registry/Import/Batch/{id}"));
    }

    /// <summary>Confirms the preview through its form, choosing the update mode and duplicates as a user would.</summary>
    public static async Task<ImportBatch> CommitAsync(RegistryApp app, Browser browser, IDocument preview, string? mode = null, bool includeDuplicates = false)
    {
        var form = preview.QuerySelector<IHtmlFormElement>("form[action*='handler=Commit']")!;
        var values = new Dictionary<string, string>();
        if (mode is not null)
        {
            values["Mode"] = mode;
        }

        if (includeDuplicates)
        {
            values["IncludeDuplicates"] = "true";
        }

        await browser.SubmitAsync(form, values);
        return await WaitAsync(app, BatchId(browser));
    }
}
