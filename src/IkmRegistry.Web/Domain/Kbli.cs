using System.Globalization;

namespace IkmRegistry.Web.Domain;

/// <summary>
/// KBLI 2020 category C (industri pengolahan) as reference data: the 24 divisions (golongan pokok), their groups
/// (golongan, 3 digits) with the Indonesian titles of BPS, and the 5-digit sub-classes the agency's categories need.
/// A code is checked against this structure, not against a range: its group must exist, and where a class is listed
/// in full (1629, the woven goods), the code must be one of its sub-classes.
/// </summary>
public static class Kbli
{
    public sealed record Entry(string Code, string Title);

    public static readonly IReadOnlyList<Entry> Divisions =
    [
        new("10", "Industri Makanan"),
        new("11", "Industri Minuman"),
        new("12", "Industri Pengolahan Tembakau"),
        new("13", "Industri Tekstil"),
        new("14", "Industri Pakaian Jadi"),
        new("15", "Industri Kulit, Barang dari Kulit dan Alas Kaki"),
        new("16", "Industri Kayu, Barang dari Kayu dan Gabus (Tidak Termasuk Furnitur) dan Barang Anyaman dari Bambu, Rotan dan Sejenisnya"),
        new("17", "Industri Kertas dan Barang dari Kertas"),
        new("18", "Industri Pencetakan dan Reproduksi Media Rekaman"),
        new("19", "Industri Produk dari Batu Bara dan Pengilangan Minyak Bumi"),
        new("20", "Industri Bahan Kimia dan Barang dari Bahan Kimia"),
        new("21", "Industri Farmasi, Produk Obat Kimia dan Obat Tradisional"),
        new("22", "Industri Karet, Barang dari Karet dan Plastik"),
        new("23", "Industri Barang Galian Bukan Logam"),
        new("24", "Industri Logam Dasar"),
        new("25", "Industri Barang Logam, Bukan Mesin dan Peralatannya"),
        new("26", "Industri Komputer, Barang Elektronik dan Optik"),
        new("27", "Industri Peralatan Listrik"),
        new("28", "Industri Mesin dan Perlengkapan YTDL"),
        new("29", "Industri Kendaraan Bermotor, Trailer dan Semi Trailer"),
        new("30", "Industri Alat Angkutan Lainnya"),
        new("31", "Industri Furnitur"),
        new("32", "Industri Pengolahan Lainnya"),
        new("33", "Reparasi dan Pemasangan Mesin dan Peralatan"),
    ];

    public static readonly IReadOnlyList<Entry> Groups =
    [
        new("101", "Industri Pengolahan dan Pengawetan Daging"),
        new("102", "Industri Pengolahan dan Pengawetan Ikan dan Biota Air"),
        new("103", "Industri Pengolahan dan Pengawetan Buah-buahan dan Sayuran"),
        new("104", "Industri Minyak Makan serta Lemak Nabati dan Hewani"),
        new("105", "Industri Pengolahan Susu, Produk dari Susu dan Es Krim"),
        new("106", "Industri Penggilingan Padi-padian, Tepung dan Pati"),
        new("107", "Industri Makanan Lainnya"),
        new("108", "Industri Makanan Hewan"),
        new("110", "Industri Minuman"),
        new("120", "Industri Pengolahan Tembakau"),
        new("131", "Industri Pemintalan, Penenunan dan Penyelesaian Akhir Tekstil"),
        new("139", "Industri Tekstil Lainnya"),
        new("141", "Industri Pakaian Jadi dan Perlengkapannya, Bukan Pakaian Jadi dari Kulit Berbulu"),
        new("142", "Industri Pakaian Jadi dan Barang dari Kulit Berbulu"),
        new("143", "Industri Pakaian Jadi Rajutan dan Sulaman/Bordir"),
        new("151", "Industri Kulit dan Barang dari Kulit, Termasuk Kulit Buatan"),
        new("152", "Industri Alas Kaki"),
        new("161", "Industri Penggergajian dan Pengawetan Kayu, Rotan, Bambu dan Sejenisnya"),
        new("162", "Industri Barang dari Kayu; Industri Barang dari Gabus dan Barang Anyaman dari Jerami, Rotan, Bambu dan Sejenisnya"),
        new("170", "Industri Kertas dan Barang dari Kertas"),
        new("181", "Industri Pencetakan dan Kegiatan YBDI"),
        new("182", "Reproduksi Media Rekaman"),
        new("191", "Industri Produk dari Batu Bara"),
        new("192", "Industri Produk dari Pengilangan Minyak Bumi"),
        new("201", "Industri Kimia Dasar, Pupuk, Plastik dan Karet Sintetis dalam Bentuk Dasar"),
        new("202", "Industri Barang Kimia Lainnya"),
        new("203", "Industri Serat Buatan"),
        new("210", "Industri Farmasi, Produk Obat Kimia dan Obat Tradisional"),
        new("221", "Industri Karet dan Barang dari Karet"),
        new("222", "Industri Barang dari Plastik"),
        new("231", "Industri Kaca dan Barang dari Kaca"),
        new("239", "Industri Barang Galian Bukan Logam Lainnya"),
        new("241", "Industri Logam Dasar Besi dan Baja"),
        new("242", "Industri Logam Dasar Mulia dan Logam Dasar Bukan Besi Lainnya"),
        new("243", "Industri Pengecoran Logam"),
        new("251", "Industri Barang Logam Siap Pasang untuk Bangunan, Tangki, Tandon Air dan Generator Uap"),
        new("252", "Industri Senjata dan Amunisi"),
        new("259", "Industri Barang Logam Lainnya dan Kegiatan Jasa Pembuatan Barang Logam"),
        new("261", "Industri Komponen dan Papan Elektronik"),
        new("262", "Industri Komputer dan Perlengkapannya"),
        new("263", "Industri Peralatan Komunikasi"),
        new("264", "Industri Peralatan Audio dan Video Elektronik"),
        new("265", "Industri Alat Ukur, Alat Uji, Peralatan Navigasi dan Kontrol serta Jam"),
        new("266", "Industri Peralatan Iradiasi, Elektromedis dan Elektroterapi"),
        new("267", "Industri Peralatan Fotografi dan Instrumen Optik Bukan Kaca Mata"),
        new("268", "Industri Media Magnetik dan Media Optik"),
        new("271", "Industri Motor Listrik, Generator, Transformator dan Peralatan Pengontrol dan Pendistribusian Listrik"),
        new("272", "Industri Baterai dan Akumulator Listrik"),
        new("273", "Industri Kabel dan Perlengkapannya"),
        new("274", "Industri Peralatan Penerangan Listrik"),
        new("275", "Industri Peralatan Rumah Tangga"),
        new("279", "Industri Peralatan Listrik Lainnya"),
        new("281", "Industri Mesin untuk Keperluan Umum"),
        new("282", "Industri Mesin untuk Keperluan Khusus"),
        new("291", "Industri Kendaraan Bermotor Roda Empat atau Lebih"),
        new("292", "Industri Karoseri Kendaraan Bermotor Roda Empat atau Lebih dan Industri Trailer dan Semi Trailer"),
        new("293", "Industri Suku Cadang dan Aksesori Kendaraan Bermotor Roda Empat atau Lebih"),
        new("301", "Industri Pembuatan Kapal dan Perahu"),
        new("302", "Industri Lokomotif dan Gerbong Kereta"),
        new("303", "Industri Pesawat Terbang dan Perlengkapannya"),
        new("304", "Industri Kendaraan Perang"),
        new("309", "Industri Alat Angkutan Lainnya"),
        new("310", "Industri Furnitur"),
        new("321", "Industri Perhiasan, Barang Berharga dan Barang Sejenis"),
        new("322", "Industri Alat Musik"),
        new("323", "Industri Alat Olahraga"),
        new("324", "Industri Alat Permainan dan Mainan Anak-anak"),
        new("325", "Industri Peralatan Kedokteran dan Kedokteran Gigi serta Perlengkapan Ortopedi dan Prostetik"),
        new("329", "Industri Pengolahan Lainnya YTDL"),
        new("331", "Reparasi Produk Logam Pabrikan, Mesin dan Peralatan"),
        new("332", "Instalasi/Pemasangan Mesin dan Peralatan Industri"),
    ];

    /// <summary>Sub-classes the agency's category mapping names (batik, the woven goods of class 1629) and a few common IKM codes.</summary>
    public static readonly IReadOnlyList<Entry> SubClasses =
    [
        new("10750", "Industri Makanan dan Masakan Olahan"),
        new("13134", "Industri Batik"),
        new("16291", "Industri Barang Anyaman dari Rotan dan Bambu"),
        new("16292", "Industri Barang Anyaman dari Tanaman Selain Rotan dan Bambu"),
        new("16293", "Industri Kerajinan Ukiran dari Kayu Bukan Furnitur"),
        new("16294", "Industri Alat Dapur dan Alat Makan dari Kayu, Rotan dan Bambu"),
        new("16295", "Industri Kayu Bakar dan Pelet Kayu"),
        new("16299", "Industri Barang dari Kayu, Rotan dan Gabus Lainnya YTDL"),
    ];

    /// <summary>Classes whose sub-classes are all listed above: a code in them must be one of those.</summary>
    private static readonly HashSet<string> _completeClasses = ["1629"];

    private static readonly Dictionary<string, string> _titles =
        Divisions.Concat(Groups).Concat(SubClasses).ToDictionary(e => e.Code, e => e.Title, StringComparer.Ordinal);

    /// <summary>The division (2 digits) of a 5-digit code, as a number; null for anything else.</summary>
    public static int? Division(string? code) =>
        code is { Length: >= 2 } && char.IsAsciiDigit(code[0]) && char.IsAsciiDigit(code[1]) ? int.Parse(code[..2], CultureInfo.InvariantCulture) : null;

    /// <summary>
    /// A KBLI 2020 code of category C: 5 digits whose group is in the reference and, in a class listed in full, a
    /// listed sub-class. 10000 fails (there is no group 100), 10750 passes. KBLI 2025 is not in the reference yet:
    /// its codes are checked for five digits in divisions 10 to 33 only.
    /// </summary>
    public static bool IsValid(string? code, KbliEdition edition = KbliEdition.Kbli2020)
    {
        if (!Identifiers.IsDigits(code, 5) || Division(code) is not (>= 10 and <= 33))
        {
            return false;
        }

        if (edition != KbliEdition.Kbli2020)
        {
            return true;
        }

        return _titles.ContainsKey(code![..3]) && (!_completeClasses.Contains(code[..4]) || _titles.ContainsKey(code));
    }

    /// <summary>The most precise title the reference has for a code ("13134 Industri Batik", else its group's title).</summary>
    public static string? Title(string? code)
    {
        if (code is null)
        {
            return null;
        }

        foreach (var length in new[] { 5, 3, 2 })
        {
            if (code.Length >= length && _titles.TryGetValue(code[..length], out var title))
            {
                return title;
            }
        }

        return null;
    }

    public static string? DivisionTitle(int division) =>
        _titles.GetValueOrDefault(division.ToString("00", CultureInfo.InvariantCulture));

    /// <summary>A mapping exception may name a group (3 digits), a class (4) or a sub-class (5) in the reference.</summary>
    public static bool IsKnownPrefix(string? prefix) =>
        prefix is { Length: >= 3 and <= 5 } && prefix.All(char.IsAsciiDigit)
        && (_titles.ContainsKey(prefix) || (prefix.Length == 4 && _titles.ContainsKey(prefix[..3])) || (prefix.Length == 5 && IsValid(prefix)));
}
