using System.Globalization;
using FluentValidation;
using IkmRegistry.Web.Pages.Registry;
using IkmRegistry.Web.Pages.Registry.Units;
using Npgsql;
using NpgsqlTypes;

namespace IkmRegistry.Web.Import;

/// <summary>
/// Reads an uploaded file row by row: recognises the columns, reads each cell tolerantly (recording every
/// correction), validates the row with the unit form's own FluentValidation rules, and streams the rows into the
/// staging table with binary COPY. Matching against the registry is then done in SQL (<see cref="ImportMatching"/>).
/// </summary>
public sealed partial class ImportReader(RegistryDbContext db, IValidator<UnitInput> validator, IStringLocalizer<SharedResource> l, TimeProvider clock)
{
    /// <summary>The batch page's progress is updated after every this many rows read.</summary>
    public const int ProgressEveryRows = 2_000;

    /// <summary>A cell's value is kept in an issue up to this many characters (then cut with an ellipsis).</summary>
    public const int IssueValueMaxLength = 200;

    /// <summary>Validator property names (the fields' names) to the column that holds them, for row messages.</summary>
    private static readonly Dictionary<string, string> _columnOf =
        UnitFields.Form.Where(f => f.Header is not null).ToDictionary(f => f.Name, f => f.Header!);

    /// <summary>Fields read with their own rules below (lookups, yes/no, the legal form's and sex's spellings); every other form field is read by its kind.</summary>
    private static readonly HashSet<UnitField> _readApart =
        [UnitFields.Category, UnitFields.Kelurahan, UnitFields.KbliEditionField, UnitFields.LegalFormField, UnitFields.OwnerSexField, UnitFields.PublicConsent,
        UnitFields.PublicContactConsent];

    /// <summary>The form fields with a sheet column that are read by their kind, in definition order.</summary>
    private static readonly UnitField[] _readByKind = [.. UnitFields.Form.Where(f => f.Header is not null && !_readApart.Contains(f))];

    private static readonly CultureInfo _indonesian = CultureInfo.GetCultureInfo("id-ID");

    public sealed class ProblemException(string message) : Exception(message);

    /// <summary>The pendataan form's version now: a submission of another version is named in the preview.</summary>
    private string _formVersion = "";

    /// <summary>Submission uuids read so far in the file, with their rows.</summary>
    private readonly Dictionary<string, int> _seenUuid = [];

    private sealed class RowState(int number)
    {
        public int Number { get; } = number;
        public List<ImportIssue> Issues { get; } = [];
        public bool HasError => Issues.Exists(i => i.Kind == ImportIssueKind.Error);

        /// <summary>The row's category was taken from its KBLI code (the file gave none).</summary>
        public bool DerivedCategory { get; set; }
    }

    /// <summary>
    /// Row numbers of a batch read from several sheets: the sheet's position among the sheets read times this span
    /// (Excel's largest sheet), plus its row. A single sheet keeps its own row numbers.
    /// </summary>
    public const int SheetRowSpan = 1_048_576;

    /// <summary>Thrown when a workbook holds the table in more than one sheet and the user has not chosen yet.</summary>
    public sealed class ChooseSheetsException() : Exception("The workbook has several sheets with a table.");

    /// <summary>One sheet of a workbook as found at a glance: its header (if any) and its layout, the recognised fields in order of first appearance.</summary>
    public sealed record SheetSurvey(string? Name, SheetTable? Table)
    {
        public IReadOnlyList<string> Fields => Table is null ? [] : [.. Table.Fields.Where(f => f is not null).Select(f => f!).Distinct()];

        /// <summary>A table of units names the business (the template's reference sheets of kelurahan or categories do not).</summary>
        public bool Importable => Table?.Fields.Contains(UnitSheet.BusinessName) == true;

        /// <summary>Sheets share a layout when they name the same fields (in any order).</summary>
        public string Layout => string.Join("|", Fields.Order(StringComparer.Ordinal));
    }

    /// <summary>Looks for the table in the first rows of every sheet (a CSV is one unnamed sheet). Reads only those rows.</summary>
    public static List<SheetSurvey> Survey(string path, string format) =>
        [.. ImportFile.SheetNames(path, format).Select(name => new SheetSurvey(name, SheetTable.Find(
            [.. ImportFile.Rows(path, format, name).Take(SheetTable.SearchRows).Select(r => (IReadOnlyList<string?>)[.. r.Select(SheetTable.Text)])], RecogniseHeader)))];

    /// <summary>The sheet and row a batch row number stands for, as people say it ("Kec Pahandut, baris 12", or "12" for one sheet).</summary>
    public static string Where(IReadOnlyList<string> sheets, int rowNumber) =>
        sheets.Count <= 1 || rowNumber / SheetRowSpan >= sheets.Count
            ? rowNumber.ToString(CultureInfo.CurrentCulture)
            : $"{sheets[rowNumber / SheetRowSpan]} : {(rowNumber % SheetRowSpan).ToString(CultureInfo.CurrentCulture)}";

    /// <summary>
    /// The sheets a batch reads: those the user chose; else the one sheet that holds a table (the template's "Unit
    /// Usaha" first, then the first sheet); <see cref="ChooseSheetsException"/> when several do and nobody chose.
    /// </summary>
    public static string?[] SheetsToRead(ImportBatch batch, string path)
    {
        if (batch.Sheets.Length > 0)
        {
            return batch.Sheets;
        }

        var names = ImportFile.SheetNames(path, batch.Format);
        if (names.Count <= 1)
        {
            return [.. names];
        }

        var withTable = Survey(path, batch.Format).Where(s => s.Importable).ToList();
        if (withTable.Count > 1)
        {
            throw new ChooseSheetsException();
        }

        return [withTable.FirstOrDefault()?.Name ?? ImportFile.DefaultSheet(names)];
    }

    /// <summary>Reads the batch's file into import_row and import_issue; throws <see cref="ProblemException"/> for a file that cannot be read at all.</summary>
    public async Task ReadAsync(ImportBatch batch, string path, Func<int, Task> progress, CancellationToken cancellationToken)
    {
        var lookups = await ImportLookups.LoadAsync(db, cancellationToken);
        _formVersion = (await PendataanForm.BuildAsync(db, l, cancellationToken)).Version;
        _seenUuid.Clear();
        var sheets = SheetsToRead(batch, path);
        var named = sheets.Length > 1;
        batch.Sheets = [.. sheets.Where(s => s is not null).Select(s => s!)];
        var issues = new List<ImportIssue>();
        var seenNib = new Dictionary<string, int>();
        var seenId = new Dictionary<int, int>();
        var allColumns = new List<string>();
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        var count = 0;
        var derivedCategories = 0;
        try
        {
            await using (var copy = await connection.BeginBinaryImportAsync(CopyRowsSql, cancellationToken))
            {
                for (var sheetIndex = 0; sheetIndex < sheets.Length; sheetIndex++)
                {
                    var sheet = new SheetReading(sheets[sheetIndex], sheetIndex * SheetRowSpan, named);
                    await ReadSheetAsync(sheet, batch, path, lookups, issues, seenNib, seenId, copy, async rows =>
                    {
                        count++;
                        if (rows.DerivedCategory)
                        {
                            derivedCategories++;
                        }

                        if (count % ProgressEveryRows == 0)
                        {
                            await progress(count);
                        }
                    }, cancellationToken);
                    allColumns.AddRange(sheet.Columns.Where(c => !allColumns.Contains(c)));
                }

                if (derivedCategories > 0)
                {
                    issues.Add(new ImportIssue
                    {
                        RowNumber = 0,
                        Kind = ImportIssueKind.Notice,
                        Column = UnitSheet.Category,
                        Message = l["{0} baris mendapat kategori dari kode KBLI-nya; setiap baris tercantum di daftar koreksi.", derivedCategories.ToString("N0", CultureInfo.CurrentCulture)],
                    });
                }

                if (count == 0)
                {
                    throw new ProblemException(l["Berkas ini hanya berisi judul kolom, tanpa baris data."]);
                }

                await copy.CompleteAsync(cancellationToken);
            }

            batch.Columns = [.. allColumns];

            var seq = 0;
            foreach (var issue in issues)
            {
                issue.BatchId = batch.Id;
                issue.Seq = ++seq;
            }

            await using (var copy = await connection.BeginBinaryImportAsync(
                "COPY import_issue (batch_id, seq, row_number, kind, \"column\", value, message) FROM STDIN (FORMAT BINARY)", cancellationToken))
            {
                WriteIssues(copy, issues);
                await copy.CompleteAsync(cancellationToken);
            }
            // Fresh statistics: without them the planner takes the new staging rows for a few and matches them with nested loops.
            await using var analyze = new NpgsqlCommand("ANALYZE import_row", connection);
            await analyze.ExecuteNonQueryAsync(cancellationToken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }

        batch.TotalRows = count;
        batch.ProcessedRows = count;
        batch.CorrectionCount = issues.Count(i => i.Kind == ImportIssueKind.Correction);
    }

    /// <summary>One sheet being read: where its rows are numbered from, and what its name and title rows say about its area.</summary>
    private sealed class SheetReading(string? name, int rowBase, bool named)
    {
        public string? Name { get; } = name;
        public int RowBase { get; } = rowBase;
        public bool Named { get; } = named;
        public List<string> Columns { get; } = [];
        public ImportLookups.Area? KelurahanHint { get; set; }
        public (int Id, string Name)? KecamatanHint { get; set; }
        public int HintedRows { get; set; }

        /// <summary>Rows with a NIB already seen in the file at another address: another site of the same business.</summary>
        public int OtherSites { get; set; }
    }

    /// <summary>A sheet-wide message, naming the sheet when several are read.</summary>
    private string OfSheet(SheetReading sheet, string message) => sheet.Named ? l["Lembar \"{0}\": {1}", sheet.Name!, message] : message;

    private async Task ReadSheetAsync(SheetReading sheet, ImportBatch batch, string path, ImportLookups lookups, List<ImportIssue> issues,
        Dictionary<string, int> seenNib, Dictionary<int, int> seenId, NpgsqlBinaryImporter copy, Func<RowState, Task> written, CancellationToken cancellationToken)
    {
        var today = Wib.Today(clock);
        using var rows = ImportFile.Rows(path, batch.Format, sheet.Name).GetEnumerator();
        // The sheet's first rows, where the header is looked for (titles, the office's name and the period come first).
        var head = new List<object?[]>();
        try
        {
            while (head.Count < SheetTable.SearchRows && rows.MoveNext())
            {
                head.Add(rows.Current);
            }
        }
        catch (Exception e) when (e is InvalidDataException or IOException or NotSupportedException or System.Xml.XmlException or InvalidOperationException)
        {
            throw new ProblemException(l["Berkas ini rusak atau formatnya tidak dapat dibaca. Simpan ulang dari Excel sebagai .xlsx atau CSV UTF-8, lalu unggah lagi."]);
        }

        var headTexts = head.Select(r => (IReadOnlyList<string?>)[.. r.Select(SheetTable.Text)]).ToList();
        if (headTexts.All(r => r.All(c => c is null)))
        {
            throw new ProblemException(OfSheet(sheet, l["Berkas ini tidak berisi data: lembar pertamanya kosong."]));
        }

        var table = SheetTable.Find(headTexts, RecogniseHeader)
            ?? throw new ProblemException(OfSheet(sheet, HeaderNotFound(headTexts)));
        var headerRow = sheet.RowBase + table.HeaderRow + table.HeaderRows;
        var titles = new List<string?> { sheet.Name };
        for (var r = 0; r < table.HeaderRow; r++)
        {
            if (headTexts[r].FirstOrDefault(c => c is not null) is { } title)
            {
                issues.Add(new ImportIssue { RowNumber = sheet.RowBase + r + 1, Kind = ImportIssueKind.Notice, Value = Cut(title), Message = OfSheet(sheet, l["Judul, dilewati."]) });
                titles.Add(string.Join(" ", headTexts[r].Where(c => c is not null)));
            }
        }

        // The area in the sheet's name or title rows ("Kec. Jekan Raya", "DATA IKM KELURAHAN MENTENG"): used for rows that lack it.
        // The city's own name ("KOTA PALANGKA RAYA" in most titles) is not the kelurahan Palangka.
        var areaText = CityName().Replace(string.Join(" | ", titles.Where(t => t is not null)), " ");
        sheet.KelurahanHint = SheetHints.Area(areaText, lookups.KelurahanNames()) is { } kelurahanId ? lookups.KelurahanById(kelurahanId) : null;
        sheet.KecamatanHint = SheetHints.Area(areaText, lookups.KecamatanNames()) is { } kecamatanId ? lookups.KecamatanById(kecamatanId) : null;

        var columns = new Dictionary<string, int>();
        for (var i = 0; i < table.Names.Count; i++)
        {
            if (table.Names[i] is not { } name || ImportColumns.IsIgnored(name))
            {
                continue;
            }

            if (table.Fields[i] is { } field)
            {
                columns[field] = i;
                continue;
            }

            var canonical = ImportColumns.Recognise(name);
            issues.Add(new ImportIssue
            {
                RowNumber = headerRow,
                Kind = ImportIssueKind.Notice,
                Column = Cut(name),
                Message = OfSheet(sheet, canonical is null
                    ? l["Kolom \"{0}\" tidak dikenal dan tidak dibaca. Periksa ejaan judul kolom bila kolom ini perlu diimpor.", Cut(name)!]
                    : l["Kolom \"{0}\" muncul dua kali; hanya yang pertama dibaca.", canonical]),
            });
        }

        // "JENIS PRODUK" is read as the product unless most of its cells in the first rows name a category.
        var ambiguous = Enumerable.Range(0, table.Names.Count).FirstOrDefault(i => table.Names[i] is { } n && ImportColumns.Key(n) == ImportColumns.AmbiguousProductHeader, -1);
        if (ambiguous >= 0 && columns.GetValueOrDefault(UnitSheet.Category, -1) == ambiguous)
        {
            var sample = headTexts.Skip(table.FirstDataRow).Select(r => ambiguous < r.Count ? r[ambiguous] : null);
            if (!SheetHints.MostlyCategories(sample, t => lookups.Category(t) is not null))
            {
                columns.Remove(UnitSheet.Category);
                if (columns.TryAdd(UnitSheet.MainProducts, ambiguous))
                {
                    issues.Add(new ImportIssue { RowNumber = headerRow, Kind = ImportIssueKind.Notice, Column = table.Names[ambiguous], Message = OfSheet(sheet, l["Kolom \"{0}\" berisi nama produk, jadi dibaca sebagai Produk Utama; kategori diambil dari kode KBLI.", table.Names[ambiguous]!]) });
                }
            }
            else
            {
                issues.Add(new ImportIssue { RowNumber = headerRow, Kind = ImportIssueKind.Notice, Column = table.Names[ambiguous], Message = OfSheet(sheet, l["Kolom \"{0}\" berisi nama kategori, jadi dibaca sebagai Kategori.", table.Names[ambiguous]!]) });
            }
        }

        // A legal entity's sheet may name only its penanggung jawab, who then stands for the owner.
        var missing = ImportColumns.Required.Where(c => !columns.ContainsKey(c)
            && !(c == UnitSheet.OwnerName && columns.ContainsKey(UnitSheet.ResponsiblePerson))).ToList();
        if (!columns.ContainsKey(UnitSheet.Kelurahan) && !columns.ContainsKey(UnitSheet.KelurahanCode) && sheet.KelurahanHint is null)
        {
            missing.Add(UnitSheet.Kelurahan);
        }

        if (missing.Count > 0)
        {
            throw new ProblemException(OfSheet(sheet, l["Kolom wajib tidak ditemukan: {0}. Judul kolom yang dikenali di baris {1}: {2}.", string.Join(", ", missing), headerRow - sheet.RowBase,
                string.Join(", ", columns.Keys)]));
        }

        if (!columns.ContainsKey(UnitSheet.Category))
        {
            issues.Add(new ImportIssue { RowNumber = headerRow, Kind = ImportIssueKind.Notice, Message = OfSheet(sheet, l["Berkas ini tidak punya kolom kategori: kategori setiap baris diambil dari kode KBLI-nya."]) });
        }

        sheet.Columns.AddRange(columns.Keys);
        if (sheet.KelurahanHint is not null && !sheet.Columns.Contains(UnitSheet.Kelurahan))
        {
            // Rows that take the sheet's kelurahan set it on the units they update too.
            sheet.Columns.Add(UnitSheet.Kelurahan);
        }

        var skipper = new RowSkipper(table, RecogniseHeader, UnitSheet.BusinessName,
            [.. UnitFields.Sheet.Where(f => f.Kind == FieldCell.Number && f != UnitFields.Id && f != UnitFields.YearStarted && f != UnitFields.KbliEditionField).Select(f => f.Header!)]);
        var rowNumber = headerRow;
        try
        {
            // The buffered rows under the header first, then the rest of the sheet as it streams.
            foreach (var cells in head.Skip(table.FirstDataRow).Concat(Rest(rows)))
            {
                rowNumber++;
                if (skipper.Next([.. cells.Select(SheetTable.Text)]) != RowKind.Data)
                {
                    continue;
                }

                var state = new RowState(rowNumber);
                var row = Convert(cells, columns, lookups, today, state, sheet);
                if (row.Nib is { } nib && !state.HasError)
                {
                    // One NIB is one business, which may produce at several places (DOMAIN.md): the same NIB at another
                    // address is another site of it; at the same address (or both without one) it is the same unit twice.
                    var site = nib + "@" + ImportColumns.Key(row.Address ?? "");
                    if (seenNib.TryGetValue(site, out var first))
                    {
                        Error(state, UnitSheet.Nib, nib, l["NIB ini dengan alamat yang sama sudah ada di baris {0} berkas yang sama. Gabungkan kedua baris, atau tulis alamat masing-masing lokasi usaha.", Where(batch.Sheets, first)]);
                    }
                    else
                    {
                        if (!seenNib.TryAdd(nib, rowNumber))
                        {
                            sheet.OtherSites++;
                        }

                        seenNib[site] = rowNumber;
                    }
                }

                if (row.GivenId is { } id && !state.HasError)
                {
                    if (seenId.TryGetValue(id, out var first))
                    {
                        Error(state, UnitSheet.Id, id.ToString(CultureInfo.InvariantCulture), l["ID Unit ini sudah ada di baris {0} berkas yang sama.", Where(batch.Sheets, first)]);
                    }
                    else
                    {
                        seenId[id] = rowNumber;
                    }
                }

                if (row.SubmissionUuid is { } uuid && !state.HasError)
                {
                    if (_seenUuid.TryGetValue(uuid, out var first))
                    {
                        Error(state, Submissions.Uuid, uuid, l["Kiriman ini (UUID yang sama) sudah ada di baris {0} berkas yang sama: ekspor memuatnya dua kali. Hapus salah satu baris; yang lain tetap diimpor.", Where(batch.Sheets, first)]);
                    }
                    else
                    {
                        _seenUuid[uuid] = rowNumber;
                    }
                }

                row.Kind = state.HasError ? ImportRowKind.Error : ImportRowKind.New;
                state.DerivedCategory &= !state.HasError;
                issues.AddRange(state.Issues);
                Write(copy, batch.Id, row);
                await written(state);
            }
        }
        catch (Exception e) when (e is InvalidDataException or IOException or NotSupportedException or System.Xml.XmlException or InvalidOperationException or System.Text.DecoderFallbackException)
        {
            throw new ProblemException(OfSheet(sheet, l["Berkas ini rusak di sekitar baris {0} dan tidak dapat dibaca sampai selesai. Simpan ulang dari Excel, lalu unggah lagi.", rowNumber - sheet.RowBase]));
        }

        if (sheet.HintedRows > 0)
        {
            issues.Add(new ImportIssue
            {
                RowNumber = headerRow,
                Kind = ImportIssueKind.Notice,
                Column = UnitSheet.Kelurahan,
                Message = OfSheet(sheet, l["Kelurahan {0} dari nama lembar atau judulnya dipakai untuk {1} baris yang tidak mengisi kelurahan.", sheet.KelurahanHint!.Name, sheet.HintedRows.ToString("N0", CultureInfo.CurrentCulture)]),
            });
        }

        if (sheet.OtherSites > 0)
        {
            issues.Add(new ImportIssue
            {
                RowNumber = headerRow,
                Kind = ImportIssueKind.Notice,
                Column = UnitSheet.Nib,
                Message = OfSheet(sheet, l["{0} baris memakai NIB yang sudah ada di baris lain dengan alamat berbeda: disimpan sebagai lokasi usaha lain dari usaha yang sama.", sheet.OtherSites.ToString("N0", CultureInfo.CurrentCulture)]),
            });
        }

        if (sheet.KecamatanHint is { } kecamatan)
        {
            issues.Add(new ImportIssue
            {
                RowNumber = headerRow,
                Kind = ImportIssueKind.Notice,
                Column = UnitSheet.Kecamatan,
                Message = OfSheet(sheet, l["Nama lembar atau judulnya menyebut Kecamatan {0}: kelurahan setiap baris tanpa kolom kecamatan diperiksa terhadapnya.", kecamatan.Name]),
            });
        }

        var skipped = skipper.Counts;
        if (skipped[RowKind.Empty] + skipped[RowKind.ColumnNumbers] + skipped[RowKind.Total] + skipped[RowKind.RepeatedHeader] > 0)
        {
            issues.Add(new ImportIssue
            {
                RowNumber = headerRow,
                Kind = ImportIssueKind.Notice,
                Message = OfSheet(sheet, l["Dilewati, bukan unit: {0} baris kosong, {1} baris nomor kolom, {2} baris jumlah, {3} judul kolom berulang.",
                    skipped[RowKind.Empty].ToString("N0", CultureInfo.CurrentCulture), skipped[RowKind.ColumnNumbers].ToString("N0", CultureInfo.CurrentCulture),
                    skipped[RowKind.Total].ToString("N0", CultureInfo.CurrentCulture), skipped[RowKind.RepeatedHeader].ToString("N0", CultureInfo.CurrentCulture)]),
            });
        }
    }

    private ImportRow Convert(object?[] cells, Dictionary<string, int> columns, ImportLookups lookups, DateOnly today, RowState state, SheetReading sheet)
    {
        object? Cell(string column) =>
            columns.TryGetValue(column, out var i) && i < cells.Length ? cells[i] : null;

        var row = new ImportRow { RowNumber = state.Number };
        var input = new UnitInput { KbliEdition = "2020" };

        if (Text(Cell(UnitSheet.Id)) is { } idText)
        {
            if (int.TryParse(idText, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0)
            {
                row.GivenId = id;
            }
            else
            {
                Error(state, UnitSheet.Id, idText, l["ID Unit harus angka dari ekspor registri, atau kosongkan untuk unit baru."]);
            }
        }

        foreach (var field in _readByKind)
        {
            var cell = Cell(field.Header!);
            input[field] = field.Input switch
            {
                FieldInput.Amount when field.IsMoney => MoneyText(cell, field.Header!, state),
                FieldInput.Amount or FieldInput.Count or FieldInput.Year => NumberText(cell),
                FieldInput.Digits => DigitsCell(cell, field.Header!, field.MaxLength!.Value, state),
                FieldInput.Phone => PhoneCell(cell, state),
                FieldInput.Date => DateText(cell, field.Header!, state),
                FieldInput.Coordinate => cell is double d ? d.ToString("R", CultureInfo.InvariantCulture) : Text(cell),
                FieldInput.Instant => cell is DateTime t ? t.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture) : Text(cell),
                _ => Text(cell),
            };
        }

        // A legal entity's sheet may name only its penanggung jawab: that person stands in the owner's column too.
        input.OwnerName ??= input.ResponsiblePersonName;
        ReadSubmission(Cell, row, input, state);
        input.RegisteredOn ??= Parsing.Iso(today);
        if ((input.WorkersMale is not null || input.WorkersFemale is not null) && input[UnitFields.WorkersUnsplit] is { } total)
        {
            // A total beside the split would count the same people twice.
            input[UnitFields.WorkersUnsplit] = null;
            Correction(state, UnitFields.WorkersUnsplit.Header!, total, l["Jumlah tenaga kerja {0} tidak disimpan terpisah: rincian laki-laki dan perempuan sudah ada.", total]);
        }

        if (Text(Cell(UnitSheet.KbliEdition)) is { } edition)
        {
            input.KbliEdition = edition;
        }

        var categoryText = Text(Cell(UnitSheet.Category));
        if (categoryText is null && lookups.CategoryFromKbli(input.KbliCode) is { } derived)
        {
            input.CategoryId = derived.Id.ToString(CultureInfo.InvariantCulture);
            state.DerivedCategory = true;
            Correction(state, UnitSheet.Category, null, l["Kategori diambil dari KBLI {0}: {1}.", input.KbliCode!, derived.Name]);
        }
        else if (categoryText is null)
        {
            Error(state, UnitSheet.Category, null, l["Isi kategori produk (misalnya Pangan atau Kerajinan) atau kode KBLI 5 digit, agar kategorinya dapat ditentukan."]);
        }
        else if (lookups.Category(categoryText) is { } category)
        {
            input.CategoryId = category.Value.Id.ToString(CultureInfo.InvariantCulture);
            if (category.CorrectedFrom is not null)
            {
                Correction(state, UnitSheet.Category, categoryText, l["Kategori \"{0}\" dibaca sebagai \"{1}\".", categoryText, category.Value.Name]);
            }
        }
        else
        {
            Error(state, UnitSheet.Category, categoryText, l["Kategori \"{0}\" tidak dikenal. Pakai nama kategori dari lembar Kategori di templat.", categoryText]);
        }

        var codeText = Text(Cell(UnitSheet.KelurahanCode));
        var nameText = Text(Cell(UnitSheet.Kelurahan));
        var byCode = codeText is null ? null : lookups.KelurahanByCode(codeText);
        var byName = nameText is null ? null : lookups.KelurahanByName(nameText);
        if (codeText is not null && byCode is null)
        {
            Error(state, UnitSheet.KelurahanCode, codeText, l["Kode kelurahan \"{0}\" tidak ada di Kota Palangka Raya. Pakai kode Kemendagri dari lembar Kelurahan di templat, misalnya 62.71.01.1001.", codeText]);
        }
        else if (nameText is not null && byName is null && byCode is null)
        {
            Error(state, UnitSheet.Kelurahan, nameText, l["Kelurahan \"{0}\" tidak dikenal. Pakai nama atau kode dari lembar Kelurahan di templat.", nameText]);
        }
        else if (codeText is null && nameText is null && sheet.KelurahanHint is { } hinted)
        {
            input.KelurahanId = hinted.Id.ToString(CultureInfo.InvariantCulture);
            sheet.HintedRows++;
        }
        else if (codeText is null && nameText is null)
        {
            Error(state, UnitSheet.Kelurahan, null, l["Isi kelurahan (nama atau kode Kemendagri)."]);
        }
        else if (byCode is not null && byName is not null && byCode.Value.Id != byName.Value.Id)
        {
            Error(state, UnitSheet.Kelurahan, nameText, l["Kelurahan \"{0}\" tidak sesuai dengan kode {1} ({2}). Perbaiki salah satunya.", nameText!, byCode.Value.Code, byCode.Value.Name]);
        }
        else
        {
            var found = (byCode ?? byName)!;
            if (found.Value.Retired)
            {
                Error(state, UnitSheet.Kelurahan, found.Value.Name, l["Kelurahan {0} sudah tidak berlaku. Pilih kelurahan yang berlaku sekarang.", found.Value.Name]);
            }

            input.KelurahanId = found.Value.Id.ToString(CultureInfo.InvariantCulture);
            if (byCode?.CorrectedFrom is { } code)
            {
                Correction(state, UnitSheet.KelurahanCode, code, l["Kode kelurahan \"{0}\" dibaca sebagai {1}.", code, byCode.Value.Code]);
            }

            if (byName?.CorrectedFrom is { } name)
            {
                Correction(state, UnitSheet.Kelurahan, name, l["Kelurahan \"{0}\" dibaca sebagai \"{1}\".", name, byName.Value.Name]);
            }

            // The kecamatan of the row (its own column, else the sheet's name or title) must hold the kelurahan.
            var kecamatan = Text(Cell(UnitSheet.Kecamatan)) is { } kecamatanText ? lookups.KecamatanByName(kecamatanText) : sheet.KecamatanHint;
            if (kecamatan is { } k && k.Id != found.Value.KecamatanId)
            {
                Error(state, UnitSheet.Kelurahan, found.Value.Name, l["Kelurahan {0} berada di Kecamatan {1}, bukan Kecamatan {2}. Periksa kelurahan atau kecamatannya.", found.Value.Name, lookups.KecamatanById(found.Value.KecamatanId)?.Name ?? "-", k.Name]);
            }
        }

        input.LegalForm = LegalFormCell(Cell(UnitSheet.LegalForm), state);
        input.OwnerSex = Text(Cell(UnitSheet.OwnerSex)) is { } sex
            ? ImportColumns.Key(sex) switch { "l" or "lakilaki" or "pria" => nameof(OwnerSex.LakiLaki), "p" or "perempuan" or "wanita" => nameof(OwnerSex.Perempuan), _ => sex }
            : null;
        var consent = YesNoCell(Cell(UnitSheet.PublicConsent), UnitSheet.PublicConsent, state);
        input.PublicConsent = consent ?? false;
        var contactConsent = YesNoCell(Cell(UnitSheet.PublicContactConsent), UnitSheet.PublicContactConsent, state);
        input[UnitFields.PublicContactConsent] = contactConsent == true ? "true" : null;

        var statusText = Text(Cell(UnitSheet.Status));
        row.Status = UnitStatus.Aktif;
        if (statusText is not null)
        {
            var key = ImportColumns.Key(statusText);
            if (key is "aktif" or "active" or "buka")
            {
                row.Status = UnitStatus.Aktif;
            }
            else if (key is "tutup" or "closed" or "tidakaktif" or "nonaktif")
            {
                row.Status = UnitStatus.Tutup;
            }
            else
            {
                Error(state, UnitSheet.Status, statusText, l["Status harus \"Aktif\" atau \"Tutup\"."]);
            }
        }

        if (DateText(Cell(UnitSheet.ClosedOn), UnitSheet.ClosedOn, state) is { } closed && Parsing.TryDate(closed, out var closedOn))
        {
            row.ClosedOn = closedOn;
        }

        if (Text(Cell(UnitSheet.Sentra)) is { } sentraText)
        {
            if (lookups.Sentra(sentraText) is { } sentra)
            {
                row.SentraId = sentra.Id;
            }
            else
            {
                Error(state, UnitSheet.Sentra, sentraText, l["Sentra \"{0}\" tidak ada di registri. Pakai kode sentra dari ekspor sentra, atau kosongkan.", sentraText]);
            }
        }

        var reported = state.Issues.Where(i => i.Kind == ImportIssueKind.Error).Select(i => i.Column).ToHashSet();
        foreach (var failure in validator.Validate(input).Errors)
        {
            var column = _columnOf.GetValueOrDefault(failure.PropertyName, failure.PropertyName);
            if (column is UnitSheet.Kelurahan or UnitSheet.Category || reported.Contains(column))
            {
                continue;
            }

            reported.Add(column);
            Error(state, column, failure.AttemptedValue as string, failure.ErrorMessage);
        }

        if (state.HasError)
        {
            return row;
        }

        var unit = new IndustrialUnit { BusinessName = "", OwnerName = "" };
        input.ApplyTo(unit, clock);
        foreach (var field in _staged)
        {
            field.Stage(row, field.Read(unit));
        }

        row.PositionCheck = UnitPosition.Check(lookups.KelurahanById(unit.KelurahanId)?.Code, unit.Latitude, unit.Longitude);

        // A consent the file left open stays open: an update in Keep mode must not read it as "no".
        row.PublicConsent = consent;
        row.PublicConsentOn = consent == true && Parsing.TryDate(input[UnitFields.PublicConsentOn], out var on) ? on : null;
        row.PublicContactConsent = contactConsent;
        row.PublicContactConsentOn = contactConsent == true && Parsing.TryDate(input[UnitFields.PublicContactConsentOn], out var contactOn) ? contactOn : null;

        if (row.Status == UnitStatus.Aktif)
        {
            row.ClosedOn = null;
        }

        return row;
    }

    /// <summary>
    /// A pendataan submission's own columns (<see cref="Submissions"/>): the form it came from, its uuid, officer and
    /// time, and the geopoint as one text. The submission's day is the registration date and the date of a consent
    /// given in it; a geopoint's position was taken by the device at the submission's time.
    /// </summary>
    private void ReadSubmission(Func<string, object?> cell, ImportRow row, UnitInput input, RowState state)
    {
        if (Text(cell(Submissions.FormId)) is { } formId && formId != PendataanForm.FormId)
        {
            Error(state, Submissions.FormId, formId, l["Kiriman ini dari formulir lain (\"{0}\"), bukan formulir pendataan registri ({1}). Impor hanya kiriman dari formulir yang diunduh di halaman Formulir pendataan lapangan.", formId, PendataanForm.FormId]);
            return;
        }

        row.FormVersion = Text(cell(Submissions.FormVersion));
        if (row.FormVersion is { } version && version != _formVersion)
        {
            Correction(state, Submissions.FormVersion, version, l["Kiriman ini dari versi formulir {0}, bukan versi sekarang ({1}): jawabannya dibaca menurut nama pertanyaan. Periksa baris ini di pratinjau, lalu pakai formulir versi sekarang untuk pendataan berikutnya.", version, _formVersion]);
        }

        row.SubmissionUuid = Submissions.CleanUuid(Text(cell(Submissions.Uuid)));
        row.SubmittedBy = Text(cell(Submissions.Officer)) is { } officer ? officer[..Math.Min(officer.Length, 150)] : null;
        row.SubmittedAt = Submissions.Instant(cell(Submissions.SubmittedAt));
        if (Text(cell(Submissions.Geopoint)) is { } geopoint && input[UnitFields.Latitude] is null)
        {
            if (Submissions.SplitGeopoint(geopoint) is { } point)
            {
                input[UnitFields.Latitude] = point.Latitude;
                input[UnitFields.Longitude] = point.Longitude;
                input[UnitFields.PositionAccuracy] ??= point.Accuracy;
            }
            else
            {
                Error(state, Submissions.Geopoint, geopoint, l["Posisi \"{0}\" tidak terbaca: geopoint ditulis \"lintang bujur ketinggian akurasi\", misalnya -2.2050 113.8941 35 5. Perbaiki atau kosongkan sel ini.", geopoint]);
            }
        }

        if (row.SubmissionUuid is null && row.SubmittedAt is null)
        {
            return;
        }

        if (input[UnitFields.Latitude] is not null)
        {
            input[UnitFields.PositionSourceField] ??= nameof(PositionSource.Geopoint);
            input[UnitFields.PositionTakenAt] ??= row.SubmittedAt?.ToString("o", CultureInfo.InvariantCulture);
        }

        if (row.SubmittedAt is { } at)
        {
            var day = Parsing.Iso(DateOnly.FromDateTime(Wib.From(at).DateTime));
            input.RegisteredOn ??= day;
            input[UnitFields.PublicConsentOn] ??= day;
        }
    }

    /// <summary>A cell as trimmed text; numbers in the invariant form; null for empty. Neutralised formulas come back as written.</summary>
    public static string? Text(object? cell) => cell switch
    {
        null => null,
        string s => UnitSheet.Restore(Identifiers.Clean(s)),
        double d => d.ToString("0.##########", CultureInfo.InvariantCulture),
        DateTime t => t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        bool b => b ? "Ya" : "Tidak",
        _ => Identifiers.Clean(System.Convert.ToString(cell, CultureInfo.InvariantCulture)),
    };

    /// <summary>Numbers for the validator, which reads id-ID: a numeric cell is written back with a decimal comma.</summary>
    /// <summary>Money as typed in the agency's sheets ("Rp 25.000.000", "25 jt", "1,5 M"), in the form's id-ID form, with the repair listed.</summary>
    private string? MoneyText(object? cell, string column, RowState state)
    {
        if (!Money.TryRead(cell, out var value, out var repaired))
        {
            // Not an amount: the validator reports it with the column's own message.
            return NumberText(cell);
        }

        var text = Parsing.Amount(value);
        if (repaired)
        {
            Correction(state, column, Text(cell), l["\"{0}\" dibaca sebagai Rp {1}.", Text(cell)!, text]);
        }

        return text;
    }

    private static string? NumberText(object? cell) => cell switch
    {
        double d => d.ToString("0.##", _indonesian),
        _ => Text(cell),
    };

    /// <summary>
    /// NIK, NIB and KBLI are digit strings. Excel turns them into numbers and keeps only 15 significant digits, so a
    /// number is recovered only when that cannot have changed it: up to 15 digits at the expected length, or a
    /// 16-digit NIK whose last digit is not the 0 that Excel's rounding leaves.
    /// </summary>
    private string? DigitsCell(object? cell, string column, int length, RowState state)
    {
        if (cell is not double d)
        {
            return Text(cell)?.Replace(" ", "", StringComparison.Ordinal);
        }

        if (d < 0 || d != Math.Floor(d) || d >= 9_007_199_254_740_992d)
        {
            Error(state, column, Text(cell), l["{0} tercatat sebagai angka desimal. Format kolom {0} sebagai Teks di Excel, lalu ketik ulang nilainya.", column]);
            return null;
        }

        var digits = ((long)d).ToString(CultureInfo.InvariantCulture);
        if (digits.Length == length && (length <= 15 || digits[^1] != '0'))
        {
            Correction(state, column, digits, l["{0} tercatat sebagai angka oleh Excel; dibaca sebagai {1}.", column, column == UnitSheet.Nik ? Masking.Nik(digits)! : digits]);
            return digits;
        }

        Error(state, column, column == UnitSheet.Nik ? Masking.Nik(digits) : digits, digits.Length < length
            ? l["{0} tercatat sebagai angka dan hanya {1} digit: angka 0 di depan kemungkinan hilang. Format kolom {0} sebagai Teks, lalu ketik ulang.", column, digits.Length]
            : l["{0} tercatat sebagai angka sehingga digit terakhirnya bisa berubah. Format kolom {0} sebagai Teks di Excel, lalu ketik ulang nilainya.", column]);
        return null;
    }

    private string? PhoneCell(object? cell, RowState state)
    {
        if (cell is double d && d == Math.Floor(d) && d > 0)
        {
            // Excel drops the leading 0 of 0812...; an Indonesian mobile number then starts with 8.
            var digits = ((long)d).ToString(CultureInfo.InvariantCulture);
            if (digits.StartsWith('8'))
            {
                Correction(state, UnitSheet.Phone, null, l["Nomor telepon tercatat sebagai angka tanpa 0 di depan; angka 0 ditambahkan kembali."]);
                return "0" + digits;
            }

            return digits;
        }

        return Text(cell);
    }

    private string? DateText(object? cell, string column, RowState state)
    {
        switch (cell)
        {
            case DateTime t:
                return Parsing.Iso(DateOnly.FromDateTime(t));
            case double d when d is > 1 and < 2_958_465:
                var date = DateOnly.FromDateTime(DateTime.FromOADate(d));
                Correction(state, column, Text(cell), l["Tanggal tercatat sebagai nomor seri Excel; dibaca sebagai {0}.", date.ToString("d MMMM yyyy", CultureInfo.CurrentCulture)]);
                return Parsing.Iso(date);
            default:
                var text = Text(cell);
                if (text is not null && !Parsing.TryDate(text, out _))
                {
                    Error(state, column, text, l["Tanggal \"{0}\" tidak terbaca. Tulis sebagai hh/bb/tttt, misalnya 27/11/2026.", text]);
                    return null;
                }

                return text;
        }
    }

    private bool? YesNoCell(object? cell, string column, RowState state)
    {
        if (cell is bool b)
        {
            return b;
        }

        var text = Text(cell);
        if (text is null)
        {
            return null;
        }

        var key = ImportColumns.Key(text);
        if (key is "ya" or "y" or "1" or "yes" or "true" or "setuju" or "benar")
        {
            return true;
        }

        if (key is "tidak" or "t" or "0" or "no" or "n" or "false" or "tidaksetuju" or "salah")
        {
            return false;
        }

        Error(state, column, text, l["{0} harus \"Ya\" atau \"Tidak\".", column]);
        return null;
    }

    private string? LegalFormCell(object? cell, RowState state)
    {
        var text = Text(cell);
        if (text is null)
        {
            return null;
        }

        var key = ImportColumns.Key(text);
        foreach (var form in Enum.GetValues<LegalForm>())
        {
            if (key == ImportColumns.Key(form.ToString()) || key == ImportColumns.Key(LegalForms.Label(form)))
            {
                return form.ToString();
            }
        }

        if (key is "ud")
        {
            return nameof(LegalForm.UsahaDagang);
        }

        if (key is "perseorangan" or "individu")
        {
            Correction(state, UnitSheet.LegalForm, text, l["Bentuk badan usaha \"{0}\" dibaca sebagai \"{1}\".", text, LegalForms.Label(LegalForm.Perorangan)]);
            return nameof(LegalForm.Perorangan);
        }

        return text;
    }

    private static void Error(RowState state, string column, string? value, string message) =>
        state.Issues.Add(new ImportIssue { RowNumber = state.Number, Kind = ImportIssueKind.Error, Column = column, Value = Cut(value), Message = message });

    private static void Correction(RowState state, string column, string? value, string message) =>
        state.Issues.Add(new ImportIssue { RowNumber = state.Number, Kind = ImportIssueKind.Correction, Column = column, Value = Cut(value), Message = message });

    /// <summary>A header cell's field, for finding the table: columns that only help people (No, the error notes) count for nothing.</summary>
    public static string? RecogniseHeader(string header) => ImportColumns.IsIgnored(header) ? null : ImportColumns.Recognise(header);

    private static IEnumerable<object?[]> Rest(IEnumerator<object?[]> rows)
    {
        while (rows.MoveNext())
        {
            yield return rows.Current;
        }
    }

    /// <summary>Says where the header was looked for, what the top rows hold and which known headers were seen, so the user can fix the file.</summary>
    private string HeaderNotFound(List<IReadOnlyList<string?>> rows)
    {
        var seen = rows.SelectMany(r => r).Where(c => c is not null).Select(c => RecogniseHeader(c!)).Where(f => f is not null).Distinct().ToList();
        var top = rows.Select((r, i) => (Row: i + 1, Text: string.Join(" | ", r.Where(c => c is not null).Take(4))))
            .Where(r => r.Text.Length > 0).Take(5).Select(r => $"{r.Row}: {Cut(r.Text)}");
        return l["Judul kolom tidak ditemukan di {0} baris pertama: tidak ada baris dengan dua judul kolom yang dikenal (misalnya Nama Usaha, Nama Pemilik, Kelurahan). Judul yang dikenali: {1}. Isi baris teratas: {2}.",
            Math.Min(rows.Count, SheetTable.SearchRows), seen.Count == 0 ? l["tidak ada"].Value : string.Join(", ", seen!), string.Join("; ", top)];
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"palangka\W*raya", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex CityName();

    private static string? Cut(string? value) => value is { Length: > IssueValueMaxLength } ? value[..IssueValueMaxLength] + "…" : value;

    /// <summary>The unit's fields as staged in import_row: every form field, in a column named as the unit's (see <see cref="StagedField"/>).</summary>
    private static readonly StagedField[] _staged = StagedField.All;

    private static readonly string CopyRowsSql =
        "COPY import_row (batch_id, row_number, kind, given_id, status, closed_on, sentra_id, position_check, submission_uuid, form_version, submitted_by, submitted_at, "
        + string.Join(", ", _staged.Select(f => f.Column)) + ") FROM STDIN (FORMAT BINARY)";

    // Synchronous and typed on purpose: a 100,000-row file makes about 3 million writes, nearly all into the
    // importer's buffer. Async writes cost a state machine each, and values written as object make Npgsql look up
    // their type every time; a write that must send the buffer simply blocks this background worker for that moment.
    private static void Write(NpgsqlBinaryImporter copy, int batchId, ImportRow r)
    {
        copy.StartRow();
        copy.Write(batchId, NpgsqlDbType.Integer);
        copy.Write(r.RowNumber, NpgsqlDbType.Integer);
        copy.Write(r.Kind.ToString(), NpgsqlDbType.Varchar);
        WriteTyped(copy, r.GivenId, NpgsqlDbType.Integer);
        WriteTyped(copy, r.Status?.ToString(), NpgsqlDbType.Varchar);
        WriteTyped(copy, r.ClosedOn, NpgsqlDbType.Date);
        WriteTyped(copy, r.SentraId, NpgsqlDbType.Integer);
        WriteTyped(copy, r.PositionCheck?.ToString(), NpgsqlDbType.Varchar);
        WriteTyped(copy, r.SubmissionUuid, NpgsqlDbType.Text);
        WriteTyped(copy, r.FormVersion, NpgsqlDbType.Text);
        WriteTyped(copy, r.SubmittedBy, NpgsqlDbType.Text);
        WriteTyped(copy, r.SubmittedAt, NpgsqlDbType.TimestampTz);
        foreach (var field in _staged)
        {
            WriteTyped(copy, field.Copied(r), field.Type);
        }
    }

    private static void WriteIssues(NpgsqlBinaryImporter copy, List<ImportIssue> issues)
    {
        foreach (var issue in issues)
        {
            copy.StartRow();
            copy.Write(issue.BatchId, NpgsqlDbType.Integer);
            copy.Write(issue.Seq, NpgsqlDbType.Integer);
            copy.Write(issue.RowNumber, NpgsqlDbType.Integer);
            copy.Write(issue.Kind.ToString(), NpgsqlDbType.Varchar);
            WriteTyped(copy, issue.Column, NpgsqlDbType.Text);
            WriteTyped(copy, issue.Value, NpgsqlDbType.Text);
            copy.Write(issue.Message, NpgsqlDbType.Text);
        }
    }

    private static void WriteTyped(NpgsqlBinaryImporter copy, object? value, NpgsqlDbType type)
    {
        switch (value)
        {
            case null: copy.WriteNull(); break;
            case string v: copy.Write(v, type); break;
            case int v: copy.Write(v, type); break;
            case decimal v: copy.Write(v, type); break;
            case DateOnly v: copy.Write(v, type); break;
            case bool v: copy.Write(v, type); break;
            case DateTime v: copy.Write(v, type); break;
            default: copy.Write(value, type); break;
        }
    }
}
