namespace IkmRegistry.Web.Pages.Registry;

/// <summary>
/// The header names of the unit sheet that code refers to by name; the columns, their order, privacy and values are
/// defined with each field in <see cref="Domain.UnitFields"/>. Shared by the import template, the import reader and
/// the unit export, so that an export imported unchanged changes nothing. Headers are Indonesian in every language:
/// they are a file format, not page text. The import recognises columns by header in any order (case, spaces and punctuation
/// ignored) and also accepts the aliases below.
/// </summary>
/// <remarks>
/// What each column holds when exported (and what the import reads):
/// ID Unit: the registry's id, empty for a new unit (the import matches on it first, then on NIB);
/// NIK and NIB as text cells; Kategori as the category's Indonesian name (the import also takes its code);
/// numbers as numeric cells in xlsx and plain digits with a decimal comma in CSV; dates as dates in xlsx and
/// dd/mm/yyyy in CSV; Telepon in national form (0812...), so that it needs no formula neutralisation;
/// Jenis Kelamin Pemilik "Laki-laki" or "Perempuan" (a valid NIK decides over it); Status "Aktif" or "Tutup"; Setuju Tampil Publik "Ya" or "Tidak"; Bentuk Badan Usaha as LegalForms.Label;
/// Sentra as the code (slug) of the unit's current sentra, empty when it has none.
/// </remarks>
public static class UnitSheet
{
    public const string Id = "ID Unit";
    public const string Nib = "NIB";
    public const string BusinessName = "Nama Usaha";
    public const string OwnerName = "Nama Pemilik";
    public const string Nik = "NIK";
    public const string KelurahanCode = "Kode Kelurahan";
    public const string Kelurahan = "Kelurahan";
    public const string Kecamatan = "Kecamatan";
    public const string Category = "Kategori";
    public const string MainProducts = "Produk Utama";
    public const string Kbli = "KBLI";
    public const string KbliEdition = "Edisi KBLI";
    public const string Address = "Alamat";
    public const string Phone = "Telepon";
    public const string WorkersMale = "Tenaga Kerja Laki-laki";
    public const string WorkersFemale = "Tenaga Kerja Perempuan";
    public const string Investment = "Nilai Investasi (Rp)";
    public const string ProductionValue = "Nilai Produksi per Tahun (Rp)";
    public const string Capacity = "Kapasitas Produksi";
    public const string CapacityUnit = "Satuan Kapasitas";
    public const string YearStarted = "Tahun Mulai";
    public const string LegalForm = "Bentuk Badan Usaha";
    public const string ResponsiblePerson = "Penanggung Jawab";
    public const string ResponsiblePersonRole = "Jabatan Penanggung Jawab";
    public const string OwnerSex = "Jenis Kelamin Pemilik";
    public const string AnnualSales = "Hasil Penjualan Tahunan (Rp)";
    public const string Status = "Status";
    public const string ClosedOn = "Tanggal Tutup";
    public const string PublicConsent = "Setuju Tampil Publik";
    public const string PublicConsentOn = "Tanggal Persetujuan";
    public const string PublicContactConsent = "Setuju Kontak Publik";
    public const string PublicContactConsentOn = "Tanggal Persetujuan Kontak";
    public const string RegisteredOn = "Tanggal Daftar";
    public const string DataSource = "Sumber Data";
    public const string Sentra = "Kode Sentra";

    /// <summary>Every column in export order, from the unit's field definition (<see cref="Domain.UnitFields.Sheet"/>).</summary>
    public static readonly string[] Columns = [.. Domain.UnitFields.Sheet.Select(f => f.Header!)];

    /// <summary>Personal data and a unit's own figures: exported only to Staff and Admin (shared/DOMAIN.md).</summary>
    public static readonly HashSet<string> PrivateColumns =
        [.. Domain.UnitFields.Sheet.Where(f => f.Privacy == Domain.FieldPrivacy.Personal).Select(f => f.Header!)];

    /// <summary>
    /// A cell that a spreadsheet would run as a formula gets a leading apostrophe (CSV/formula injection): one that
    /// starts with = + - @, also after spaces, or with a tab or a line break.
    /// </summary>
    public static string? Neutralize(string? text) => StartsAFormula(text) ? "'" + text : text;

    /// <summary>Undoes <see cref="Neutralize"/> on import, so an exported value comes back as it was.</summary>
    public static string? Restore(string? text) =>
        text is { Length: > 1 } && text[0] == '\'' && StartsAFormula(text[1..]) ? text[1..] : text;

    private static bool StartsAFormula(string? text) =>
        text is { Length: > 0 } && (text[0] is '\t' or '\r' or '\n' || text.TrimStart(' ') is [ '=' or '+' or '-' or '@', ..]);
}
