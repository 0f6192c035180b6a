using IkmRegistry.Web.Import;
using IkmRegistry.Web.Pages.Registry;
using MiniExcelLibs;
using static IkmRegistry.Tests.Registry.Import.Importing;

namespace IkmRegistry.Tests.Registry.Import;

/// <summary>The import reads the unit's fields from their single definition: headers, aliases, kinds and staging.</summary>
public class FieldDefinitionImportTests(RegistryApp app) : RegistryTest(app)
{
    private static byte[] Sheet(params Dictionary<string, object?>[] rows)
    {
        using var stream = new MemoryStream();
        stream.SaveAs(rows);
        return stream.ToArray();
    }

    [Fact]
    public async Task Agency_headers_for_a_single_worker_total_raw_materials_and_permits_import_into_the_new_fields()
    {
        using var browser = await StaffAsync(App);
        var file = Sheet(
            new Dictionary<string, object?>
            {
                ["NAMA PERUSAHAAN"] = "Amplang Haruan Bu Sari", ["NAMA PEMILIK"] = "Sari", ["KELURAHAN"] = "Pahandut", ["KBLI"] = "10792",
                ["TENAGA KERJA (ORANG)"] = 6, ["NILAI BAHAN BAKU"] = "Rp 12.000.000", ["IZIN"] = "PIRT 2063271010123-27, Halal",
            },
            new Dictionary<string, object?>
            {
                ["NAMA PERUSAHAAN"] = "Koperasi Rotan Kameloh", ["NAMA PEMILIK"] = "Koperasi Kameloh", ["KELURAHAN"] = "Pahandut", ["KBLI"] = "16291",
                ["TENAGA KERJA (ORANG)"] = 25, ["NILAI BAHAN BAKU"] = "1,5 M", ["IZIN"] = null,
            });

        var (batch, preview) = await PreviewAsync(App, browser, file);

        Assert.True(batch.Status == ImportStatus.Ready, batch.Message);
        Assert.Equal((2, 0), (batch.NewCount, batch.ErrorCount));
        await CommitAsync(App, browser, preview);
        await using var db = App.NewDbContext();
        var units = await db.IndustrialUnits.OrderBy(u => u.BusinessName).ToListAsync();
        Assert.Equal([("Amplang Haruan Bu Sari", 6, 12_000_000m, "PIRT 2063271010123-27, Halal"), ("Koperasi Rotan Kameloh", 25, 1_500_000_000m, null)],
            units.Select(u => (u.BusinessName, u.WorkersUnsplit!.Value, u.RawMaterialValue!.Value, u.Notes)).ToList());
        Assert.All(units, u => Assert.Null(u.WorkersMale));
    }

    [Fact]
    public async Task A_worker_total_beside_the_split_by_sex_is_not_counted_twice_and_the_preview_says_so()
    {
        using var browser = await StaffAsync(App);
        var file = Sheet(new Dictionary<string, object?>
        {
            ["Nama Usaha"] = "Tenun Bintik Ibu Rina", ["Nama Pemilik"] = "Rina", ["Kelurahan"] = "Pahandut", ["Kategori"] = "Sandang",
            ["Tenaga Kerja Laki-laki"] = 1, ["Tenaga Kerja Perempuan"] = 4, ["Jumlah Tenaga Kerja"] = 5,
        });

        var (batch, preview) = await PreviewAsync(App, browser, file);

        Assert.True(batch.Status == ImportStatus.Ready, batch.Message);
        Assert.Contains("tidak disimpan terpisah", preview.Body!.TextContent);
        await CommitAsync(App, browser, preview);
        await using var db = App.NewDbContext();
        var unit = await db.IndustrialUnits.SingleAsync();
        Assert.Equal((1, 4, (int?)null, 5), (unit.WorkersMale!.Value, unit.WorkersFemale!.Value, unit.WorkersUnsplit, unit.TotalWorkers!.Value));
    }

    [Fact]
    public async Task A_legal_entitys_sheet_with_only_a_penanggung_jawab_column_imports_with_that_person_as_owner_and_responsible()
    {
        using var browser = await StaffAsync(App);
        var file = Sheet(new Dictionary<string, object?>
        {
            ["Nama Usaha"] = "CV Rotan Jaya", ["Penanggung Jawab"] = "Budi Santoso", ["Bentuk Badan Usaha"] = "CV", ["Kelurahan"] = "Pahandut", ["Kategori"] = "Kerajinan",
        });

        var (batch, preview) = await PreviewAsync(App, browser, file);

        Assert.True(batch.Status == ImportStatus.Ready, batch.Message);
        await CommitAsync(App, browser, preview);
        await using var db = App.NewDbContext();
        var unit = await db.IndustrialUnits.SingleAsync();
        Assert.Equal(("Budi Santoso", "Budi Santoso", LegalForm.CV), (unit.OwnerName, unit.ResponsiblePersonName!, unit.LegalForm!.Value));
    }

    [Fact]
    public async Task A_staff_export_imported_unchanged_changes_nothing_including_the_new_fields()
    {
        await Seed.UnitAsync(App, configure: u => { u.Notes = "SNI 2026"; u.RawMaterialValue = 3_000_000m; u.WorkersUnsplit = 3; });
        using var browser = await StaffAsync(App);
        var export = await browser.Client.GetByteArrayAsync("/Registry/Units/Export?format=xlsx");

        var (batch, _) = await PreviewAsync(App, browser, export, "unit-usaha.xlsx");

        Assert.True(batch.Status == ImportStatus.Ready, batch.Message);
        Assert.Equal((1, 0, 0, 0), (batch.UnchangedCount, batch.NewCount, batch.UpdateCount, batch.ErrorCount));
    }

    [Fact]
    public async Task An_import_that_changes_a_verified_unit_clears_its_verification_and_the_trail_says_so()
    {
        var unit = await Seed.UnitAsync(App, nib: "9120000000007", configure: u => { u.VerifiedAt = new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc); u.VerifiedBy = "petugas@dpkukmp.test"; });
        using var browser = await StaffAsync(App);
        var row = Row(unit.BusinessName, nib: "9120000000007");
        row[UnitSheet.MainProducts] = "amplang baru";

        var (batch, preview) = await PreviewAsync(App, browser, Xlsx(row));
        Assert.True(batch.Status == ImportStatus.Ready, batch.Message);
        Assert.Equal(1, batch.UpdateCount);
        await CommitAsync(App, browser, preview, mode: "Overwrite");

        await using var db = App.NewDbContext();
        var updated = await db.IndustrialUnits.SingleAsync();
        Assert.Equal(("amplang baru", (DateTime?)null, (string?)null), (updated.MainProducts!, updated.VerifiedAt, updated.VerifiedBy));
        var entry = await db.AuditEntries.Where(a => a.EntityType == "IndustrialUnit" && a.Action == AuditAction.Update).SingleAsync();
        Assert.Contains("VerifiedAt", entry.Changes);
    }

    [Fact]
    public void The_template_asks_for_every_imported_field_and_the_staging_table_holds_every_form_field()
    {
        Assert.Equal(UnitFields.Sheet.Where(f => f.Imported && f != UnitFields.Id).Select(f => f.Header), ImportTemplate.Columns);
        Assert.Contains("Catatan", ImportTemplate.Columns);
        Assert.Equal(UnitFields.Form.Select(f => f.Column), StagedField.All.Select(f => f.Column));
        Assert.Equal(UnitSheet.Columns, UnitFields.Sheet.Select(f => f.Header));
    }

    [Fact]
    public void The_import_masks_a_NIK_in_the_trail_exactly_as_the_app_does()
    {
        using var db = App.NewDbContext();
        // The mask's placeholder {0} becomes the query's parameter {0}.
        var sql = "SELECT " + ImportMatching.MaskSql + " AS \"Value\"";
        foreach (var nik in new[] { "6271014508850003", "12345678", "123456789", "1" })
        {
            var masked = db.Database.SqlQueryRaw<string>(sql, nik).Single();
            Assert.Equal(Masking.Nik(nik), masked);
        }
    }
}
