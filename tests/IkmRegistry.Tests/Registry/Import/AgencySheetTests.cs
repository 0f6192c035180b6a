using static IkmRegistry.Tests.Registry.Import.Importing;

namespace IkmRegistry.Tests.Registry.Import;

/// <summary>Sheets laid out the way Indonesian industry offices keep them, built in code, imported as they are (issue 13).</summary>
public class AgencySheetTests(RegistryApp app) : RegistryTest(app)
{
    /// <summary>
    /// Three title rows, a header over rows 4 and 5 with TENAGA KERJA merged over L and P (the other headers merged down
    /// both rows), a row of column numbers, money as text, KBLI but no category, owners without NIK, a legal entity,
    /// a misspelt kelurahan, a row without a business name, a JUMLAH row and empty rows at the bottom.
    /// </summary>
    private static byte[] AgencyShapedWorkbook() => new AgencyWorkbook().Sheet("IKM 2025",
        [
            ["DATA INDUSTRI KECIL MENENGAH (IKM) KOTA PALANGKA RAYA"],
            ["DINAS PERDAGANGAN, KOPERASI, UKM DAN PERINDUSTRIAN"],
            ["KEADAAN S/D 31 DESEMBER 2025"],
            ["NO", "NAMA PERUSAHAAN", "NAMA PEMILIK", "BENTUK BADAN USAHA", "ALAMAT PERUSAHAAN", "KELURAHAN", "KOMODITI", "KBLI", "TENAGA KERJA", null, "NILAI INVESTASI (Rp)", "NIK"],
            [null, null, null, null, null, null, null, null, "L", "P", null, null],
            [1d, 2d, 3d, 4d, 5d, 6d, 7d, 8d, 9d, 10d, 11d, 12d],
            [1d, "Amplang Bu Sari", "Sari Wulandari", "Perorangan", "Jl. Rajawali 12", "Pahandut", "amplang ikan pipih", "10750", 2d, 3d, "Rp 25.000.000", null],
            [2d, "CV Rotan Kahayan", "Ahmad Yani", "CV", "Jl. Tjilik Riwut km 5", "Panarung", "tas rotan", "16291", 4d, 6d, "1,5 M", null],
            [3d, "Koperasi Batik Benang Bintik", "Rina Marlina", "Koperasi", "Jl. Diponegoro 3", "Langkai", "batik benang bintik", "13134", 0d, 12d, "250 jt", null],
            [4d, "Kerupuk Haruan Juli", "Juliana", "UD", "Jl. Pelabuhan 1", "Pahandut Sebrang", "kerupuk ikan haruan", "10792", 1d, 1d, "Rp. 2.500.000,-", "6271034107900002"],
            [5d, null, "Tanpa Nama Usaha", "Perorangan", null, "Menteng", "keripik", "10799", 1d, 0d, "5 jt", null],
            ["JUMLAH", null, null, null, null, null, null, null, 8d, 22d, "1.777.500.000", null],
            [],
            [],
        ],
        "A1:L1", "A4:A5", "B4:B5", "C4:C5", "D4:D5", "E4:E5", "F4:F5", "G4:G5", "H4:H5", "I4:J4", "K4:K5", "L4:L5").ToBytes();

    [Fact]
    public async Task An_agency_shaped_sheet_previews_with_titles_and_totals_skipped_and_commits_its_units_with_derived_categories()
    {
        using var browser = await StaffAsync(App);

        var (batch, preview) = await PreviewAsync(App, browser, AgencyShapedWorkbook());

        Assert.True(batch.Status == ImportStatus.Ready, batch.Message);
        // Five rows are units (one without a business name is an error); titles, column numbers, JUMLAH and empty rows are not.
        Assert.Equal((5, 4, 1), (batch.TotalRows, batch.NewCount, batch.ErrorCount));
        var text = preview.Body!.TextContent;
        Assert.Contains("Judul, dilewati.", text);
        Assert.Matches(@"Dilewati, bukan unit: \d+ baris kosong, 1 baris nomor kolom, 1 baris jumlah, 0 judul kolom berulang\.", text);
        Assert.Contains("Kategori diambil dari KBLI 16291: Kerajinan.", text);
        Assert.Contains("4 baris mendapat kategori dari kode KBLI-nya", text);
        Assert.Contains("\"1,5 M\" dibaca sebagai Rp 1.500.000.000.", text);
        await using (var db = App.NewDbContext())
        {
            var error = await db.ImportIssues.Where(i => i.BatchId == batch.Id && i.Kind == ImportIssueKind.Error).SingleAsync();
            Assert.Equal(11, error.RowNumber);
            Assert.Equal("Nama Usaha", error.Column);
        }

        batch = await CommitAsync(App, browser, preview);

        Assert.Equal(ImportStatus.Committed, batch.Status);
        Assert.Equal(4, batch.InsertedCount);
        await using (var db = App.NewDbContext())
        {
            var units = await db.IndustrialUnits.Include(u => u.Kelurahan).Include(u => u.Category).OrderBy(u => u.BusinessName).ToListAsync();
            Assert.Equal(["Amplang Bu Sari", "CV Rotan Kahayan", "Kerupuk Haruan Juli", "Koperasi Batik Benang Bintik"], units.Select(u => u.BusinessName));
            Assert.Equal(["pangan", "kerajinan", "pangan", "sandang"], units.Select(u => u.Category.Code));
            Assert.Equal([25_000_000m, 1_500_000_000m, 2_500_000m, 250_000_000m], units.Select(u => u.InvestmentValue!.Value));
            Assert.Equal([2, 4, 1, 0], units.Select(u => u.WorkersMale!.Value));
            Assert.Equal([3, 6, 1, 12], units.Select(u => u.WorkersFemale!.Value));
            Assert.Equal(["Pahandut", "Panarung", "Pahandut Seberang", "Langkai"], units.Select(u => u.Kelurahan.Name));
            Assert.Equal([null, null, "6271034107900002", null], units.Select(u => u.Nik));
            Assert.Equal(LegalForm.CV, units[1].LegalForm);
            Assert.Equal("amplang ikan pipih", units[0].MainProducts);
        }
    }

    [Fact]
    public async Task A_sheet_whose_header_cannot_be_found_says_which_rows_were_looked_at_and_which_headers_were_recognised()
    {
        using var browser = await StaffAsync(App);
        var file = new AgencyWorkbook().Sheet("Rekap", [["REKAP IKM 2025"], ["Nama Usaha", "Jumlah"], ["Amplang", 3d]]).ToBytes();

        var (batch, _) = await PreviewAsync(App, browser, file);

        Assert.Equal(ImportStatus.Failed, batch.Status);
        Assert.Contains("Judul kolom tidak ditemukan di 3 baris pertama", batch.Message);
        Assert.Contains("Judul yang dikenali: Nama Usaha.", batch.Message);
        Assert.Contains("1: REKAP IKM 2025", batch.Message);
        await using var db = App.NewDbContext();
        Assert.Equal(0, await db.IndustrialUnits.CountAsync());
    }

    [Fact]
    public async Task A_JENIS_PRODUK_column_of_product_names_is_read_as_the_product_and_the_category_comes_from_KBLI()
    {
        using var browser = await StaffAsync(App);
        var file = new AgencyWorkbook().Sheet("Data",
        [
            ["Nama Usaha", "Nama Pemilik", "Kelurahan", "Jenis Produk", "KBLI"],
            ["Anyaman Purun Ibu Ani", "Ani", "Kalampangan", "tikar purun", "16292"],
            ["Keripik Kelakai", "Budi", "Menteng", "keripik kelakai", "10794"],
        ]).ToBytes();

        var (batch, preview) = await PreviewAsync(App, browser, file);

        Assert.True(batch.Status == ImportStatus.Ready, batch.Message);
        Assert.Contains("Kolom \"Jenis Produk\" berisi nama produk, jadi dibaca sebagai Produk Utama", preview.Body!.TextContent);
        await CommitAsync(App, browser, preview);
        await using var db = App.NewDbContext();
        var units = await db.IndustrialUnits.Include(u => u.Category).OrderBy(u => u.BusinessName).ToListAsync();
        Assert.Equal(["tikar purun", "keripik kelakai"], units.Select(u => u.MainProducts));
        Assert.Equal(["kerajinan", "pangan"], units.Select(u => u.Category.Code));
    }

    private static object?[][] KelurahanSheet(string title, params string[] names) =>
    [
        [title],
        ["NO", "NAMA USAHA", "NAMA PEMILIK", "KOMODITI", "KBLI"],
        .. names.Select((n, i) => new object?[] { i + 1d, n, "Pemilik " + n, "keripik", "10799" }),
        ["JUMLAH"],
    ];

    [Fact]
    public async Task A_workbook_with_one_sheet_per_kelurahan_lists_its_sheets_imports_those_chosen_and_takes_each_kelurahan_from_the_sheet_name()
    {
        using var browser = await StaffAsync(App);
        var file = new AgencyWorkbook()
            .Sheet("Rekap", [["REKAPITULASI IKM KOTA PALANGKA RAYA 2025"], ["Kelurahan", "Jumlah"], ["Menteng", 2d]])
            .Sheet("Kel. Menteng", KelurahanSheet("DATA IKM KOTA PALANGKA RAYA 2025", "Keripik Kelakai Menteng", "Amplang Menteng"))
            .Sheet("Kel. Palangka", KelurahanSheet("DATA IKM KECAMATAN JEKAN RAYA", "Keripik Palangka"))
            .ToBytes();

        var (batch, page) = await PreviewAsync(App, browser, file);

        Assert.Equal(ImportStatus.ChoosingSheets, batch.Status);
        var boxes = page.QuerySelectorAll<IHtmlInputElement>("input[name=Chosen]").ToList();
        Assert.Equal(["Rekap", "Kel. Menteng", "Kel. Palangka"], boxes.Select(b => b.Value));
        Assert.Equal([false, true, true], boxes.Select(b => b.IsChecked));
        Assert.True(boxes[0].IsDisabled);
        await browser.SubmitAsync(page.QuerySelector<IHtmlFormElement>("form[action*='handler=Sheets']")!);
        batch = await WaitAsync(App, batch.Id);

        Assert.True(batch.Status == ImportStatus.Ready, batch.Message);
        Assert.Equal((3, 3), (batch.TotalRows, batch.NewCount));
        Assert.Equal(["Kel. Menteng", "Kel. Palangka"], batch.Sheets);
        var text = (await browser.GetAsync($"/Registry/Import/Batch/{batch.Id}")).Body!.TextContent;
        Assert.Contains("Lembar \"Kel. Menteng\": Kelurahan Menteng dari nama lembar atau judulnya dipakai untuk 2 baris", text);
        Assert.Contains("Lembar \"Kel. Palangka\": Nama lembar atau judulnya menyebut Kecamatan Jekan Raya", text);
        await CommitAsync(App, browser, await browser.GetAsync($"/Registry/Import/Batch/{batch.Id}"));
        await using var db = App.NewDbContext();
        var units = await db.IndustrialUnits.Include(u => u.Kelurahan).OrderBy(u => u.BusinessName).Select(u => new { u.BusinessName, Kelurahan = u.Kelurahan.Name }).ToListAsync();
        Assert.Equal(["Amplang Menteng:Menteng", "Keripik Kelakai Menteng:Menteng", "Keripik Palangka:Palangka"], units.Select(u => $"{u.BusinessName}:{u.Kelurahan}"));
    }

    [Fact]
    public async Task Sheets_chosen_together_with_different_layouts_are_asked_again_and_rows_name_their_sheet()
    {
        using var browser = await StaffAsync(App);
        var file = new AgencyWorkbook()
            .Sheet("2024", [["Nama Usaha", "Nama Pemilik", "Kelurahan", "KBLI"], ["Anyaman 2024", "Ani", "Menteng", "16292"], ["Tanpa Kelurahan", "Budi", "Antah Berantah", "16292"]])
            .Sheet("2025", [["Nama Usaha", "Nama Pemilik", "Kelurahan", "KBLI", "NIK"], ["Anyaman 2025", "Ani", "Menteng", "16292", "6271014508850003"]])
            .ToBytes();
        var (batch, page) = await PreviewAsync(App, browser, file);
        Assert.Equal(ImportStatus.ChoosingSheets, batch.Status);
        var form = page.QuerySelector<IHtmlFormElement>("form[action*='handler=Sheets']")!;
        var token = form.QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value;

        using (var both = new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("Chosen", "2024"), new("Chosen", "2025")]))
        {
            page = await browser.ParseAsync(await browser.Client.PostAsync(form.GetAttribute("action"), both));
        }

        Assert.Contains("Lembar yang dipilih susunan kolomnya berbeda", page.QuerySelector("#sheets-error")!.TextContent);
        Assert.Equal(ImportStatus.ChoosingSheets, (await WaitAsync(App, batch.Id)).Status);

        await browser.SubmitAsync(page.QuerySelector<IHtmlFormElement>("form[action*='handler=Sheets']")!, new Dictionary<string, string> { ["Chosen"] = "2024" });
        batch = await WaitAsync(App, batch.Id);

        Assert.True(batch.Status == ImportStatus.Ready, batch.Message);
        Assert.Equal((2, 1, 1), (batch.TotalRows, batch.NewCount, batch.ErrorCount));
        page = await browser.GetAsync($"/Registry/Import/Batch/{batch.Id}");
        Assert.Equal("3", page.QuerySelector("section[aria-labelledby=errors-heading] tbody td")!.TextContent.Trim());
    }

    [Fact]
    public async Task A_sheet_formatted_a_million_rows_down_imports_its_rows_and_counts_the_empty_rows()
    {
        using var browser = await StaffAsync(App);
        var file = new AgencyWorkbook().Sheet("Data",
        [
            ["Nama Usaha", "Nama Pemilik", "Kelurahan", "KBLI"],
            ["Anyaman Purun Ibu Ani", "Ani", "Kalampangan", "16292"],
            ["Keripik Kelakai", "Budi", "Menteng", "10794"],
        ]).FormattedEmptyRows(1_000_000).ToBytes();

        // How fast is the import benchmark's business (timed assertions fail at random on a shared machine); here the
        // million formatted rows must be streamed and skipped, never reported as errors or held.
        var (batch, preview) = await PreviewAsync(App, browser, file);

        Assert.True(batch.Status == ImportStatus.Ready, batch.Message);
        Assert.Equal(2, batch.TotalRows);
        Assert.Contains("Dilewati, bukan unit: 1.000.000 baris kosong", preview.Body!.TextContent);
    }
}
