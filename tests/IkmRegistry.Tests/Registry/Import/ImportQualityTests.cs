using IkmRegistry.Web.Pages.Registry;
using static IkmRegistry.Tests.Registry.Import.Importing;

namespace IkmRegistry.Tests.Registry.Import;

/// <summary>The preview counts complete, incomplete (with reasons) and error rows separately (issue 13).</summary>
public class ImportQualityTests(RegistryApp app) : RegistryTest(app)
{
    private static Dictionary<string, object?> Unit(string name, string? nik, string? nib, string category, string kbli, string legalForm, string? responsible = null,
        string kelurahan = "Pahandut")
    {
        var row = Named(name, nik, nib, kelurahan, category);
        row[UnitSheet.Kbli] = kbli;
        row[UnitSheet.LegalForm] = legalForm;
        row[UnitSheet.ResponsiblePerson] = responsible;
        return row;
    }

    [Fact]
    public async Task The_preview_counts_complete_incomplete_and_error_rows_with_reasons_as_the_registry_counts_them_after_the_commit()
    {
        using var browser = await StaffAsync(App);
        var file = Xlsx(
            Unit("Lengkap Sekali", "6271014508850003", "9120301234567", "Pangan", "10750", "Perorangan"),
            Unit("Tanpa NIB", "6271014508850011", null, "Pangan", "10750", "Perorangan"),
            Unit("Tanpa NIK dan NIB", null, null, "Pangan", "10750", "UD"),
            Unit("CV Tanpa Penanggung Jawab", null, "9120301234568", "Pangan", "10750", "CV"),
            Unit("CV Dengan Penanggung Jawab", null, "9120301234569", "Pangan", "10750", "CV", responsible: "Budi"),
            Unit("Kategori Lain dari KBLI", "6271014508850029", "9120301234570", "Kerajinan", "10750", "Perorangan"),
            Unit("Kelurahan Tak Dikenal", "6271014508850037", "9120301234571", "Pangan", "10750", "Perorangan", kelurahan: "Antah Berantah"));

        var (batch, preview) = await PreviewAsync(App, browser, file);

        Assert.True(batch.Status == ImportStatus.Ready, batch.Message);
        Assert.Equal(("2", "4"), (preview.QuerySelector("#count-complete")!.TextContent.Trim(), preview.QuerySelector("#count-incomplete")!.TextContent.Trim()));
        Assert.Equal("1", preview.QuerySelector("#count-error")!.TextContent.Trim());
        var reasons = preview.QuerySelector("#incomplete-reasons")!.TextContent;
        Assert.Contains("NIB belum ada (2)", reasons);
        Assert.Contains("NIK pemilik perorangan belum ada (1)", reasons);
        Assert.Contains("Penanggung jawab badan usaha belum ada (1)", reasons);
        Assert.Contains("Kategori tidak sesuai dengan KBLI (1)", reasons);

        await CommitAsync(App, browser, preview);

        await using var db = App.NewDbContext();
        Assert.Equal(2, await db.IndustrialUnits.CountAsync(DataQuality.InStatus(DataStatus.Lengkap)));
        Assert.Equal(4, await db.IndustrialUnits.CountAsync(DataQuality.InStatus(DataStatus.PerluVerifikasi)));
        Assert.Equal(2, await db.IndustrialUnits.CountAsync(DataQuality.Has(DataIssue.NibMissing)));
        Assert.Equal(1, await db.IndustrialUnits.CountAsync(DataQuality.Has(DataIssue.NikMissing)));
        Assert.Equal(1, await db.IndustrialUnits.CountAsync(DataQuality.Has(DataIssue.ResponsiblePersonMissing)));
        Assert.Equal(1, await db.IndustrialUnits.CountAsync(DataQuality.Has(DataIssue.KbliCategoryMismatch)));
    }
}
