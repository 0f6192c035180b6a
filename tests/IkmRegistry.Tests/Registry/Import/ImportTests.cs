using System.IO.Compression;
using System.Text;
using IkmRegistry.Web.Pages.Registry;
using MiniExcelLibs;
using Npgsql;
using static IkmRegistry.Tests.Registry.Import.Importing;

namespace IkmRegistry.Tests.Registry.Import;

public class ImportTests(RegistryApp app) : RegistryTest(app)
{
    [Fact]
    public async Task A_clean_file_previews_then_commits_every_row_with_audit_entries_and_a_batch_record()
    {
        using var browser = await StaffAsync(App);
        var file = Xlsx(Row("Amplang Haruan", nib: "9120301234567", investment: 1_250_000d), Row("Anyaman Purun", category: "Kerajinan"));

        var (batch, preview) = await PreviewAsync(App, browser, file);

        Assert.True(batch.Status == ImportStatus.Ready, batch.Message);
        Assert.Equal((2, 2, 0, 0), (batch.TotalRows, batch.NewCount, batch.UpdateCount, batch.ErrorCount));
        Assert.Equal("2", preview.QuerySelector("#count-new")!.TextContent.Trim());
        await using (var db = App.NewDbContext())
        {
            Assert.Equal(0, await db.IndustrialUnits.CountAsync());
        }

        // The upload waits outside the web root under a generated name, and is deleted when the batch closes.
        var worker = App.Services.GetRequiredService<IkmRegistry.Web.Import.ImportWorker>();
        var stored = Path.Combine(worker.Folder, batch.StoredName!);
        Assert.True(File.Exists(stored));
        Assert.DoesNotContain("wwwroot", worker.Folder, StringComparison.Ordinal);
        Assert.Matches("^[0-9a-f]{32}\\.upload$", batch.StoredName);

        batch = await CommitAsync(App, browser, preview);

        Assert.False(File.Exists(stored));
        Assert.Equal(ImportStatus.Committed, batch.Status);
        Assert.Equal(2, batch.InsertedCount);
        Assert.Null(batch.StoredName);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(file)), batch.Sha256);
        await using (var db = App.NewDbContext())
        {
            var units = await db.IndustrialUnits.Include(u => u.Kelurahan).Include(u => u.Category).OrderBy(u => u.BusinessName).ToListAsync();
            Assert.Equal(["Amplang Haruan", "Anyaman Purun"], units.Select(u => u.BusinessName));
            Assert.Equal("9120301234567", units[0].Nib);
            Assert.Equal(1_250_000m, units[0].InvestmentValue);
            Assert.Equal("Pahandut", units[0].Kelurahan.Name);
            Assert.Equal("kerajinan", units[1].Category.Code);
            Assert.Equal(new DateOnly(2025, 3, 14), units[0].RegisteredOn);

            var audits = await db.AuditEntries.Where(a => a.EntityType == nameof(IndustrialUnit)).ToListAsync();
            Assert.Equal(units.Select(u => u.Id.ToString()).Order(), audits.Select(a => a.EntityId).Order());
            Assert.All(audits, a => Assert.Equal(AuditAction.Create, a.Action));
            Assert.All(audits, a => Assert.DoesNotContain("6271014508850003", a.Changes));
            Assert.Contains("\"BusinessName\"", audits[0].Changes);
            var batchAudit = await db.AuditEntries.SingleAsync(a => a.EntityType == nameof(ImportBatch));
            Assert.Equal(AuditAction.Import, batchAudit.Action);
            Assert.Contains(batch.Sha256, batchAudit.Changes);
            Assert.Equal(0, await db.ImportRows.CountAsync());

            // A new unit from an import gets keys that never collide with EF's own.
            var sentra = await Seed.SentraAsync(App);
            Assert.DoesNotContain(sentra.Id, units.Select(u => u.Id));
        }
    }

    [Fact]
    public async Task Rows_and_files_without_NIK_are_imported_and_wait_in_the_verification_queue()
    {
        using var browser = await StaffAsync(App);
        var (batch, preview) = await PreviewAsync(App, browser, Csv("Nama Usaha;Nama Pemilik;Kelurahan;Kategori;Bentuk Badan Usaha;Penanggung Jawab;Jabatan;Jenis Kelamin;Omzet\n" +
            "Koperasi Purun;Koperasi Purun;Pahandut;Kerajinan;Koperasi;Siti Aminah;Ketua koperasi;P;250.000.000\nUD Rotan Abadi;Sari;Pahandut;Kerajinan;Usaha Dagang (UD);;;L;\n"), "tanpa-nik.csv");
        Assert.Equal(2, batch.NewCount);

        await CommitAsync(App, browser, preview);

        var queue = await browser.GetAsync("/Registry/Units/Verification?alasan=tanpa-nik");
        Assert.Equal(["UD Rotan Abadi"], queue.QuerySelectorAll("tbody tr td:first-child").Select(c => c.TextContent.Trim()));
        await using var db = App.NewDbContext();
        Assert.Equal(2, await db.IndustrialUnits.CountAsync(u => u.Nik == null));
        var koperasi = await db.IndustrialUnits.SingleAsync(u => u.BusinessName == "Koperasi Purun");
        Assert.Equal(("Siti Aminah", "Ketua koperasi", OwnerSex.Perempuan, 250_000_000m),
            (koperasi.ResponsiblePersonName, koperasi.ResponsiblePersonRole, koperasi.OwnerSex, koperasi.AnnualSales));
        Assert.Equal(OwnerSex.LakiLaki, (await db.IndustrialUnits.SingleAsync(u => u.BusinessName == "UD Rotan Abadi")).OwnerSex);
    }

    [Fact]
    public async Task Readable_mistakes_are_corrected_and_shown_and_unreadable_ones_are_errors_with_what_to_fix()
    {
        using var browser = await StaffAsync(App);
        var file = Xlsx(
            Row("Misspelt Kelurahan", kelurahan: "Kelampangan"),
            Row("Code Without Dots", kelurahan: "6271011002"),
            Row("Indonesian Number", investment: "1.250.000"),
            Row("Nib As Number", nib: 9120301234568d),
            Set(Row("Nik Rounded By Excel"), UnitSheet.Nik, 6271014508850000d),
            Set(Row("Nik Exact Number"), UnitSheet.Nik, 6271014508850003d),
            Row("Unknown Kelurahan", kelurahan: "Atlantis"),
            Row("Bad Date", registeredOn: "31/02/2025"));

        var (batch, preview) = await PreviewAsync(App, browser, file);

        await using (var check = App.NewDbContext())
        {
            var all = await check.ImportIssues.Where(i => i.Kind == ImportIssueKind.Error).Select(i => i.RowNumber + " " + i.Column + " " + i.Message).ToListAsync();
            Assert.True(batch.ErrorCount == 3, string.Join("\n", all));
        }

        Assert.Equal((8, 5, 3), (batch.TotalRows, batch.NewCount, batch.ErrorCount));
        var errors = preview.QuerySelectorAll("section[aria-labelledby=errors-heading] table tbody tr").Select(tr => tr.TextContent).ToList();
        Assert.Contains(errors, e => e.Contains("Atlantis") && e.Contains("tidak dikenal"));
        Assert.Contains(errors, e => e.Contains("31/02/2025") && e.Contains("hh/bb/tttt"));
        Assert.Contains(errors, e => e.Contains("digit terakhirnya bisa berubah"));
        var corrections = preview.QuerySelector("details")!.TextContent;
        Assert.Contains("\"Kelampangan\" dibaca sebagai \"Kalampangan\"", corrections);
        Assert.Contains("Kelurahan \"6271011002\" dibaca sebagai \"Panarung\"", corrections);
        Assert.Contains("NIB tercatat sebagai angka", corrections);

        await CommitAsync(App, browser, preview);
        await using var db = App.NewDbContext();
        var units = await db.IndustrialUnits.Include(u => u.Kelurahan).ToDictionaryAsync(u => u.BusinessName);
        Assert.Equal(["Code Without Dots", "Indonesian Number", "Misspelt Kelurahan", "Nib As Number", "Nik Exact Number"], units.Keys.Order());
        Assert.Equal("Kalampangan", units["Misspelt Kelurahan"].Kelurahan.Name);
        Assert.Equal("Panarung", units["Code Without Dots"].Kelurahan.Name);
        Assert.Equal(1_250_000m, units["Indonesian Number"].InvestmentValue);
        Assert.Equal("9120301234568", units["Nib As Number"].Nib);
        Assert.Equal("6271014508850003", units["Nik Exact Number"].Nik);
    }

    private static Dictionary<string, object?> Set(Dictionary<string, object?> row, string column, object? value)
    {
        row[column] = value;
        return row;
    }

    [Fact]
    public async Task A_NIB_twice_in_the_file_is_an_error_and_a_NIB_already_registered_updates_that_unit()
    {
        var registered = await Seed.UnitAsync(App, "Kerupuk Lama", nib: "9120300000001");
        using var browser = await StaffAsync(App);
        var file = Xlsx(
            Row("Kerupuk Baru Namanya", nib: "9120300000001"),
            Row("Satu", nib: "9120300000002"),
            Row("Dua", nib: "9120300000002"));

        var (batch, preview) = await PreviewAsync(App, browser, file);

        Assert.Equal((1, 1, 1), (batch.NewCount, batch.UpdateCount, batch.ErrorCount));
        Assert.Contains("sudah ada di baris 3", preview.QuerySelector("section[aria-labelledby=errors-heading] table")!.TextContent);

        await CommitAsync(App, browser, preview, mode: "Overwrite");
        await using var db = App.NewDbContext();
        Assert.Equal(["Kerupuk Baru Namanya", "Satu"], await db.IndustrialUnits.OrderBy(u => u.Id).Select(u => u.BusinessName).ToListAsync());
        Assert.Equal(registered.Id, await db.IndustrialUnits.Where(u => u.Nib == "9120300000001").Select(u => u.Id).SingleAsync());
        var update = await db.AuditEntries.SingleAsync(a => a.EntityId == registered.Id.ToString() && a.Action == AuditAction.Update);
        Assert.Contains("Kerupuk Lama", update.Changes);
        Assert.Contains("Kerupuk Baru Namanya", update.Changes);
    }

    [Fact]
    public async Task Keep_mode_only_fills_empty_fields_of_registered_units()
    {
        await Seed.UnitAsync(App, "Kerupuk Lama", nib: "9120300000001", configure: u => u.InvestmentValue = null);
        using var browser = await StaffAsync(App);
        var (_, preview) = await PreviewAsync(App, browser, Xlsx(Row("Nama Dari Berkas", nib: "9120300000001", investment: 5_000_000d)));

        var batch = await CommitAsync(App, browser, preview, mode: "Keep");

        Assert.Equal(1, batch.UpdatedCount);
        await using var db = App.NewDbContext();
        var unit = await db.IndustrialUnits.SingleAsync();
        Assert.Equal("Kerupuk Lama", unit.BusinessName);
        Assert.Equal(5_000_000m, unit.InvestmentValue);
    }

    [Fact]
    public async Task Importing_the_same_file_twice_changes_nothing_the_second_time()
    {
        using var browser = await StaffAsync(App);
        var file = Xlsx(Row("Dengan NIB", nib: "9120300000009"), Row("Tanpa NIB"));
        var (_, first) = await PreviewAsync(App, browser, file);
        await CommitAsync(App, browser, first);
        long auditsAfterFirst;
        await using (var db = App.NewDbContext())
        {
            auditsAfterFirst = await db.AuditEntries.CountAsync(a => a.EntityType == nameof(IndustrialUnit));
        }

        var (again, second) = await PreviewAsync(App, browser, file);

        Assert.Equal((0, 0, 1, 1), (again.NewCount, again.UpdateCount, again.UnchangedCount, again.DuplicateCount));
        Assert.Contains("sudah diimpor", second.QuerySelector(".alert-warning")!.TextContent);
        var committed = await CommitAsync(App, browser, second);
        Assert.Equal((0, 0), (committed.InsertedCount, committed.UpdatedCount));
        await using (var db = App.NewDbContext())
        {
            Assert.Equal(2, await db.IndustrialUnits.CountAsync());
            Assert.Equal(auditsAfterFirst, await db.AuditEntries.CountAsync(a => a.EntityType == nameof(IndustrialUnit)));
        }
    }

    [Fact]
    public async Task A_sentra_column_makes_the_unit_a_member_of_that_sentra()
    {
        var sentra = await Seed.SentraAsync(App);
        using var browser = await StaffAsync(App);
        var row = Row("Anggota Baru");
        row[UnitSheet.Sentra] = sentra.Slug;
        var (batch, preview) = await PreviewAsync(App, browser, Xlsx(row));
        Assert.Equal(1, batch.NewMembershipCount);

        await CommitAsync(App, browser, preview);

        await using var db = App.NewDbContext();
        var membership = await db.Memberships.Include(m => m.Unit).SingleAsync();
        Assert.Equal((sentra.Id, "Anggota Baru", BoardRole.Anggota), (membership.SentraId, membership.Unit.BusinessName, membership.Role));
        Assert.True(await db.AuditEntries.AnyAsync(a => a.EntityType == nameof(Membership) && a.EntityId == membership.Id.ToString()));
    }

    [Fact]
    public async Task A_commit_that_fails_halfway_writes_nothing_and_can_be_confirmed_again()
    {
        var sentra = await Seed.SentraAsync(App);
        using var browser = await StaffAsync(App);
        var rows = Enumerable.Range(1, 20).Select(i => Set(Row($"Unit {i:00}"), UnitSheet.Sentra, i == 20 ? sentra.Slug : null)).ToArray();
        var (_, preview) = await PreviewAsync(App, browser, Xlsx(rows));

        // The last statement of the commit (the memberships) fails, after the units and their audit entries were written.
        await using (var connection = new NpgsqlConnection(App.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("""
                CREATE FUNCTION fail_membership() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'disk full'; END $$;
                CREATE TRIGGER fail_membership BEFORE INSERT ON membership FOR EACH ROW EXECUTE FUNCTION fail_membership();
                """, connection);
            await command.ExecuteNonQueryAsync();
        }

        try
        {
            var batch = await CommitAsync(App, browser, preview);

            Assert.Equal(ImportStatus.Ready, batch.Status);
            Assert.Contains("tidak ada data yang tersimpan", batch.Message);
            await using var db = App.NewDbContext();
            Assert.Equal(0, await db.IndustrialUnits.CountAsync());
            Assert.Equal(0, await db.AuditEntries.CountAsync(a => a.EntityType == nameof(IndustrialUnit)));
            var page = await browser.GetAsync($"/Registry/Import/Batch/{batch.Id}");
            Assert.Contains("tidak ada data yang tersimpan", page.QuerySelector(".alert-danger")!.TextContent);
        }
        finally
        {
            await using var connection = new NpgsqlConnection(App.ConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("DROP TRIGGER fail_membership ON membership; DROP FUNCTION fail_membership();", connection);
            await command.ExecuteNonQueryAsync();
        }

        var retry = await CommitAsync(App, browser, await browser.GetAsync(browser.LastUrl!.AbsolutePath));
        Assert.Equal((ImportStatus.Committed, 20, 1), (retry.Status, retry.InsertedCount, retry.MembershipCount));
    }

    [Fact]
    public async Task CSV_with_semicolons_or_commas_with_or_without_BOM_is_read_the_same()
    {
        using var browser = await StaffAsync(App);
        const string semicolons = "Nama Usaha;Nama Pemilik;NIK;Kelurahan;Kategori;Nilai Investasi (Rp);Tanggal Daftar\r\nKeripik Kelakai;Ibu Ani;6271014508850003;Menteng;Pangan;\"2.500.000\";01/02/2026\r\n";
        const string commas = "kategori,nama usaha,KELURAHAN,nik,Nama Pemilik\nKerajinan,\"Rotan, Purun dan Bambu\",Langkai,6271014508850003,Pak Budi\n";

        var (first, _) = await PreviewAsync(App, browser, Csv(semicolons), "data.csv");
        var (second, _) = await PreviewAsync(App, browser, Csv(commas, bom: false), "data.csv");

        Assert.Equal(("csv", 1, 0), (first.Format, first.NewCount, first.ErrorCount));
        Assert.Equal(("csv", 1, 0), (second.Format, second.NewCount, second.ErrorCount));
        await using var db = App.NewDbContext();
        var rows = await db.ImportRows.OrderBy(r => r.BatchId).ToListAsync();
        Assert.Equal(["Keripik Kelakai", "Rotan, Purun dan Bambu"], rows.Select(r => r.BusinessName));
        Assert.Equal(2_500_000m, rows[0].InvestmentValue);
        Assert.Equal(new DateOnly(2026, 2, 1), rows[0].RegisteredOn);
    }

    [Fact]
    public async Task Unknown_columns_are_reported_and_missing_required_columns_refuse_the_file()
    {
        using var browser = await StaffAsync(App);
        var row = Row("Dengan Kolom Asing");
        row["Warna Favorit"] = "biru";
        var (batch, preview) = await PreviewAsync(App, browser, Xlsx(row));
        Assert.Equal(1, batch.NewCount);
        Assert.Contains("Kolom \"Warna Favorit\" tidak dikenal", preview.QuerySelector(".alert-info")!.TextContent);

        var (missing, page) = await PreviewAsync(App, browser, Csv("Nama Usaha;Kelurahan\nSatu;Pahandut\n"), "kurang.csv");

        Assert.Equal(ImportStatus.Failed, missing.Status);
        // NIK and the category are no longer required columns (issue 13): the owner's name still is.
        Assert.Contains("Kolom wajib tidak ditemukan: Nama Pemilik. Judul kolom yang dikenali di baris 1: Nama Usaha, Kelurahan.", page.QuerySelector(".alert-danger")!.TextContent);
        await using var db = App.NewDbContext();
        Assert.Equal(0, await db.ImportRows.CountAsync(r => r.BatchId == missing.Id));
    }

    public static TheoryData<string, byte[], string> BadFiles()
    {
        var good = Xlsx(Row("Satu"));
        return new()
        {
            { "kosong.xlsx", [], "Berkas kosong" },
            { "terpotong.xlsx", good[..(good.Length / 2)], "rusak atau terpotong" },
            { "acak.csv", [0x00, 0x01, 0xFF, 0xFE, 0x10, 0x00, 0x42, 0x99], "bukan CSV" },
            { "latin1.csv", Encoding.Latin1.GetBytes("Nama Usaha;Nama Pemilik\nCaf\u00e9 Kopi;Andr\u00e9\n"), "bukan UTF-8" },
            { "lama.xls", [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0], "(.xls) tidak didukung" },
        };
    }

    [Theory]
    [MemberData(nameof(BadFiles))]
    public async Task A_malformed_file_is_refused_at_upload_with_a_clear_message(string name, byte[] content, string message)
    {
        using var browser = await StaffAsync(App);

        var page = await UploadAsync(browser, content, name);

        Assert.Contains(message, page.QuerySelector("#berkas-error")!.TextContent);
        await using var db = App.NewDbContext();
        Assert.Equal(0, await db.ImportBatches.CountAsync());
    }

    [Fact]
    public async Task A_file_over_the_size_limit_is_refused_with_the_limit_in_the_message()
    {
        using var browser = await StaffAsync(App);
        var line = Encoding.UTF8.GetBytes("Nama Usaha;Nama Pemilik;NIK;Kelurahan;Kategori\n");
        var big = new byte[21 * 1024 * 1024];
        for (var i = 0; i + line.Length <= big.Length; i += line.Length)
        {
            line.CopyTo(big, i);
        }

        var page = await UploadAsync(browser, big, "besar.csv");

        Assert.Contains("paling besar 20 MB", page.QuerySelector("#berkas-error")!.TextContent);
        await using var db = App.NewDbContext();
        Assert.Equal(0, await db.ImportBatches.CountAsync());
    }

    [Fact]
    public async Task A_file_with_only_headers_or_an_empty_sheet_fails_with_a_message()
    {
        using var browser = await StaffAsync(App);

        var (headersOnly, page) = await PreviewAsync(App, browser, Csv("Nama Usaha;Nama Pemilik;NIK;Kelurahan;Kategori\n"), "judul.csv");

        Assert.Equal(ImportStatus.Failed, headersOnly.Status);
        Assert.Contains("hanya berisi judul kolom", page.QuerySelector(".alert-danger")!.TextContent);
    }

    [Fact]
    public async Task A_zip_bomb_is_refused_before_it_is_read()
    {
        using var browser = await StaffAsync(App);
        using var bomb = new MemoryStream();
        using (var zip = new ZipArchive(bomb, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var part in new[] { "[Content_Types].xml", "xl/workbook.xml" })
            {
                await using var writer = new StreamWriter(await zip.CreateEntry(part).OpenAsync());
                await writer.WriteAsync("<x/>");
            }

            // 450 MB of zeros compresses to well under a megabyte.
            await using var sheet = await zip.CreateEntry("xl/worksheets/sheet1.xml", CompressionLevel.Fastest).OpenAsync();
            var zeros = new byte[1024 * 1024];
            for (var i = 0; i < 450; i++)
            {
                await sheet.WriteAsync(zeros);
            }
        }

        Assert.True(bomb.Length < 5 * 1024 * 1024);
        var page = await UploadAsync(browser, bomb.ToArray(), "bom.xlsx");

        Assert.Contains("zip bomb", page.QuerySelector("#berkas-error")!.TextContent);
        await using var db = App.NewDbContext();
        Assert.Equal(0, await db.ImportBatches.CountAsync());
    }

    [Fact]
    public async Task The_error_rows_download_as_a_sheet_with_what_to_fix_that_imports_again_once_corrected()
    {
        using var browser = await StaffAsync(App);
        var (batch, _) = await PreviewAsync(App, browser, Xlsx(Row("Benar"), Row("Salah Kategori", category: "Otomotif")));

        using var response = await browser.Client.GetAsync($"/Registry/Import/Batch/{batch.Id}?handler=Errors");
        var rows = (await (await response.Content.ReadAsStreamAsync()).QueryAsync(useHeaderRow: true, excelType: ExcelType.XLSX)).Cast<IDictionary<string, object>>().ToList();

        var row = Assert.Single(rows);
        Assert.Equal("Salah Kategori", row[UnitSheet.BusinessName]);
        Assert.Contains("Kategori \"Otomotif\" tidak dikenal", (string)row["Keterangan Kesalahan"]);

        var corrected = rows.Select(r => r.ToDictionary(p => p.Key, p => (object?)p.Value)).ToArray();
        corrected[0][UnitSheet.Category] = "Lainnya";
        var (again, _) = await PreviewAsync(App, browser, Xlsx(corrected));
        Assert.Equal((1, 0), (again.NewCount, again.ErrorCount));
    }

    [Fact]
    public async Task The_templates_list_the_columns_and_reference_sheets_and_the_example_row_imports_cleanly()
    {
        using var browser = await StaffAsync(App);

        using var response = await browser.Client.GetAsync("/Registry/Import?handler=Template&format=xlsx");
        var bytes = await response.Content.ReadAsByteArrayAsync();
        using var stream = new MemoryStream(bytes);
        Assert.Equal(["Unit Usaha", "Petunjuk", "Kelurahan", "Kategori", "Sentra", "Peran Pengurus"], stream.GetSheetNames());
        Assert.Equal(30, (await stream.QueryAsync(useHeaderRow: true, sheetName: "Kelurahan")).Count());
        var csv = await browser.Client.GetStringAsync("/Registry/Import?handler=Template&format=csv");
        Assert.StartsWith("Nama Usaha;Kategori;Produk Utama;NIB;KBLI;Edisi KBLI;Bentuk Badan Usaha", csv.TrimStart('\uFEFF'));

        var (batch, _) = await PreviewAsync(App, browser, bytes, "templat-impor-unit-usaha.xlsx");
        Assert.Equal((1, 0), (batch.NewCount, batch.ErrorCount));
        var (fromCsv, _) = await PreviewAsync(App, browser, await browser.Client.GetByteArrayAsync("/Registry/Import?handler=Template&format=csv"), "templat.csv");
        Assert.Equal((1, 0), (fromCsv.NewCount, fromCsv.ErrorCount));
    }

    [Fact]
    public async Task Officials_cannot_open_imports()
    {
        using var browser = new Browser(App, followRedirects: false);
        await browser.SignInAsync(await App.CreateUserAsync(Roles.Official));

        await browser.GetAsync("/Registry/Import");

        Assert.Equal(System.Net.HttpStatusCode.Redirect, browser.LastStatus);
        Assert.Contains("/Account/AccessDenied", browser.LastLocation!.ToString());
    }
}
