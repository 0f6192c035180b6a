using System.Globalization;
using System.Text;
using IkmRegistry.Web.Pages.Registry;

namespace IkmRegistry.Web.Import;

/// <summary>Recognises the file's columns by header, in any order, ignoring case, spaces and punctuation, with common aliases.</summary>
public static class ImportColumns
{
    /// <summary>
    /// Columns a file must have; "Kelurahan" is satisfied by the name or the code (or by a kelurahan named in the sheet's
    /// name or title). NIK, NIB and the category are not required: a row without them is incomplete, not invalid, and
    /// the category comes from the KBLI code when the file has none.
    /// </summary>
    public static readonly string[] Required = [UnitSheet.BusinessName, UnitSheet.OwnerName];

    /// <summary>"JENIS PRODUK" means the category in some sheets and the product in most: the reader decides by the column's content.</summary>
    public static readonly string AmbiguousProductHeader = Key("Jenis Produk");

    /// <summary>The first column of a downloaded error file; read back without a notice.</summary>
    public const string ErrorColumn = "Keterangan Kesalahan";

    private static readonly HashSet<string> _ignored = [Key(ErrorColumn), Key("Baris Asal"), Key("No"), Key("Nomor"), Key("No Urut"), Key("No.")];

    private static readonly Dictionary<string, string> _aliases = BuildAliases();

    /// <summary>Columns that help people (row numbers, the error file's notes) and carry nothing to import.</summary>
    public static bool IsIgnored(string header) => _ignored.Contains(Key(header));

    private static Dictionary<string, string> BuildAliases()
    {
        var map = UnitSheet.Columns.ToDictionary(Key, c => c);
        void Alias(string canonical, params string[] names)
        {
            foreach (var name in names)
            {
                map[Key(name)] = canonical;
            }
        }

        Alias(UnitSheet.Id, "ID", "Id Registri", "No Registri");
        Alias(UnitSheet.Nib, "Nomor Induk Berusaha", "No NIB", "Nomor NIB");
        Alias(UnitSheet.BusinessName, "Nama Perusahaan", "Nama Unit Usaha", "Nama IKM", "Nama Unit", "Usaha", "Nama Usaha/Perusahaan", "Nama Perusahaan/Usaha");
        // A legal entity's sheet names its responsible person where a sole proprietor's names the owner.
        Alias(UnitSheet.OwnerName, "Pemilik", "Nama Pengusaha", "Nama Pemilik Usaha", "Penanggung Jawab", "Nama Penanggung Jawab", "Nama Pemilik/Penanggung Jawab");
        Alias(UnitSheet.Nik, "No KTP", "Nomor KTP", "NIK Pemilik", "Nomor Induk Kependudukan");
        Alias(UnitSheet.KelurahanCode, "Kode Wilayah", "Kode Kel", "Kode Desa");
        Alias(UnitSheet.Kelurahan, "Kel", "Desa/Kelurahan", "Nama Kelurahan", "Kelurahan/Desa");
        Alias(UnitSheet.Kecamatan, "Kec", "Nama Kecamatan");
        Alias(UnitSheet.Category, "Kategori Produk", "Jenis Produk", "Kelompok Produk", "Kategori Jenis Produk Unggulan");
        Alias(UnitSheet.MainProducts, "Produk", "Jenis Produk Utama", "Komoditas", "Produk yang Dihasilkan", "Komoditi", "Jenis Komoditi", "Jenis Komoditas", "Produk Unggulan");
        Alias(UnitSheet.Kbli, "Kode KBLI", "No KBLI");
        Alias(UnitSheet.Address, "Alamat Usaha", "Alamat Lengkap", "Alamat Perusahaan", "Alamat Pabrik", "Lokasi Usaha");
        Alias(UnitSheet.Phone, "Telp", "No Telp", "No HP", "Nomor HP", "HP", "No Telepon", "Nomor Telepon", "WA", "No WA", "Telp/HP", "No. HP", "Kontak", "No Kontak", "Telepon/HP");
        // A two-row header joins the group with its part: "TENAGA KERJA" over "L" is read as "TENAGA KERJA L".
        Alias(UnitSheet.WorkersMale, "TK Laki-laki", "TK L", "Tenaga Kerja L", "Laki-laki", "Tenaga Kerja (Orang) L", "Tenaga Kerja LK", "L");
        Alias(UnitSheet.WorkersFemale, "TK Perempuan", "TK P", "Tenaga Kerja P", "Perempuan", "Tenaga Kerja (Orang) P", "Tenaga Kerja PR", "P");
        Alias(UnitSheet.Investment, "Nilai Investasi", "Investasi", "Investasi (Rp)", "Nilai Investasi Rp", "Modal", "Modal Usaha", "Nilai Modal");
        Alias(UnitSheet.ProductionValue, "Nilai Produksi", "Nilai Produksi (Rp)", "Nilai Produksi per Tahun", "Nilai Produksi Rp", "Nilai Produksi (Rp/Tahun)");
        Alias(UnitSheet.Capacity, "Kapasitas", "Kapasitas Produksi per Tahun");
        Alias(UnitSheet.CapacityUnit, "Satuan", "Kapasitas Produksi Satuan", "Satuan Kapasitas Produksi");
        Alias(UnitSheet.YearStarted, "Tahun Berdiri", "Mulai Usaha", "Tahun Mulai Usaha", "Tahun Izin", "Tahun Pendirian");
        Alias(UnitSheet.LegalForm, "Badan Usaha", "Bentuk Usaha", "Badan Hukum", "Bentuk Badan Hukum");
        Alias(UnitSheet.Status, "Status Usaha");
        Alias(UnitSheet.ResponsiblePerson, "Nama Penanggung Jawab", "Penanggungjawab", "PJ");
        Alias(UnitSheet.ResponsiblePersonRole, "Jabatan", "Jabatan PJ");
        Alias(UnitSheet.OwnerSex, "Jenis Kelamin", "L/P", "JK");
        Alias(UnitSheet.AnnualSales, "Hasil Penjualan Tahunan", "Penjualan Tahunan", "Omzet", "Omset", "Omzet per Tahun");
        Alias(UnitSheet.PublicConsent, "Persetujuan Publik", "Setuju Publik", "Tampil di Direktori");
        Alias(UnitSheet.RegisteredOn, "Tanggal Pendaftaran", "Tgl Daftar", "Tanggal Pendataan");
        Alias(UnitSheet.DataSource, "Sumber");
        Alias(UnitSheet.Sentra, "Sentra", "Nama Sentra", "Sentra IKM");
        return map;
    }

    /// <summary>The canonical header for a file's header cell, or null when the importer does not know it.</summary>
    public static string? Recognise(string? header) =>
        header is null ? null : _aliases.GetValueOrDefault(Key(header));

    /// <summary>Lower case letters and digits only, accents removed: "Tenaga Kerja Laki-laki" and "tenaga kerja lakilaki" meet.</summary>
    public static string Key(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                builder.Append(char.ToLowerInvariant(c));
            }
            else if (char.IsLetterOrDigit(c) && CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                builder.Append(char.ToLowerInvariant(c));
            }
        }

        return builder.ToString();
    }
}
