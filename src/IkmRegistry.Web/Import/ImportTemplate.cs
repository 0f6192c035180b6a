using System.Text;
using IkmRegistry.Web.Pages.Registry;
using MiniExcelLibs;

namespace IkmRegistry.Web.Import;

/// <summary>
/// The spreadsheet staff fill in: the data sheet with the headers and one example row, then sheets listing the valid
/// kelurahan, categories, sentra and board roles, and a short instruction sheet. Always Indonesian: it is a form.
/// </summary>
public static class ImportTemplate
{
    public const string DataSheet = "Unit Usaha";

    /// <summary>The template's columns: every column the import reads but the registry's own id (the kecamatan follows from the kelurahan).</summary>
    public static readonly UnitField[] Fields = [.. UnitFields.Sheet.Where(f => f.Imported && f != UnitFields.Id)];

    public static readonly string[] Columns = [.. Fields.Select(f => f.Header!)];

    private static readonly string[] _instructions =
    [
        "Cara mengisi templat impor unit usaha IkmRegistry",
        "1. Isi satu baris per unit usaha di lembar \"Unit Usaha\". Hapus baris contoh sebelum mengunggah.",
        "2. Kolom wajib: Nama Usaha, Nama Pemilik, Kelurahan (nama atau Kode Kelurahan) dan Kategori. NIK boleh kosong (misalnya untuk CV, PT atau koperasi): unitnya tersimpan dan ditandai Perlu verifikasi.",
        "3. NIK (16 digit) dan NIB (13 digit) harus diketik sebagai Teks: format kolomnya sebagai Teks sebelum mengetik, supaya Excel tidak mengubahnya menjadi angka.",
        "4. Kelurahan boleh ditulis dengan nama atau kode Kemendagri (lihat lembar Kelurahan). Kategori ditulis dengan nama dari lembar Kategori.",
        "5. Angka boleh ditulis 1.250.000 atau 1250000. Tanggal ditulis hh/bb/tttt, misalnya 27/11/2026.",
        "6. Setuju Tampil Publik: Ya bila pemilik setuju nama usaha dan produknya tampil di direktori publik; selain itu Tidak.",
        "7. Kode Sentra (boleh kosong): kode atau nama sentra dari lembar Sentra; unit itu menjadi anggota sentra tersebut.",
        "8. Unit yang NIB-nya sudah terdaftar akan diperbarui, bukan ditambah. Sebelum disimpan, Anda melihat pratinjau dan memilih apakah nilai di berkas menimpa nilai di registri.",
        "9. Kolom tambahan yang tidak dikenal tidak dibaca dan disebutkan di pratinjau.",
        "10. Simpan sebagai .xlsx, atau CSV UTF-8 (dipisahkan koma atau titik koma). Ukuran paling besar 20 MB.",
    ];

    public static async Task<byte[]> XlsxAsync(RegistryDbContext db, CancellationToken ct)
    {
        var kelurahan = await db.Kelurahan.AsNoTracking().Where(k => k.RetiredOn == null)
            .OrderBy(k => k.Code)
            .Select(k => new { Kecamatan = k.Kecamatan.Name, k.Name, k.Code })
            .ToListAsync(ct);
        var categories = await db.ProductCategories.AsNoTracking().OrderBy(c => c.Id).ToListAsync(ct);
        var sentra = await db.Sentra.AsNoTracking().Where(s => s.Status != SentraStatus.TidakAktif).OrderBy(s => s.Name)
            .Select(s => new { s.Slug, s.Name, Kelurahan = s.Kelurahan.Name })
            .ToListAsync(ct);

        var sheets = new Dictionary<string, object>
        {
            [DataSheet] = new[] { Fields.ToDictionary(f => f.Header!, f => f.Example) },
            ["Petunjuk"] = _instructions.Skip(1).Select(line => new Dictionary<string, object?> { [_instructions[0]] = line }).ToList(),
            ["Kelurahan"] = kelurahan.Select(k => new Dictionary<string, object?> { ["Kecamatan"] = k.Kecamatan, ["Kelurahan"] = k.Name, ["Kode Kelurahan"] = k.Code }).ToList(),
            ["Kategori"] = categories.Select(c => new Dictionary<string, object?>
            {
                ["Kategori"] = c.NameId,
                ["Kode"] = c.Code,
                ["Golongan pokok KBLI"] = string.Join(", ", c.KbliDivisions),
            }).ToList(),
            ["Sentra"] = sentra.Count > 0
                ? sentra.Select(s => new Dictionary<string, object?> { ["Kode Sentra"] = s.Slug, ["Nama Sentra"] = s.Name, ["Kelurahan"] = s.Kelurahan }).ToList()
                : [new Dictionary<string, object?> { ["Kode Sentra"] = null, ["Nama Sentra"] = null, ["Kelurahan"] = null }],
            ["Peran Pengurus"] = Enum.GetValues<BoardRole>().Select(r => new Dictionary<string, object?> { ["Peran"] = BoardRoles.Label(r) }).ToList(),
        };

        using var stream = new MemoryStream();
        await stream.SaveAsAsync(sheets, cancellationToken: ct);
        return stream.ToArray();
    }

    /// <summary>CSV as Indonesian Excel writes it (UTF-8 with BOM, semicolons), written as the exports write it.</summary>
    public static byte[] Csv()
    {
        var text = new StringBuilder();
        text.AppendJoin(SheetExport.CsvSeparator, Columns.Select(SheetExport.Quote)).Append("\r\n");
        text.AppendJoin(SheetExport.CsvSeparator, Fields.Select(f => SheetExport.CsvField(f.Example))).Append("\r\n");
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }
}
