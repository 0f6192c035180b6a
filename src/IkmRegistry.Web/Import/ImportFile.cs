using System.Globalization;
using System.IO.Compression;
using System.Text;
using nietras.SeparatedValues;

namespace IkmRegistry.Web.Import;

public sealed class ImportOptions
{
    /// <summary>Largest upload accepted, in bytes (20 MB by default).</summary>
    public long MaxFileBytes { get; set; } = 20 * 1024 * 1024;

    /// <summary>An xlsx is refused when its parts would decompress to more than this (a zip bomb).</summary>
    public long MaxUncompressedBytes { get; set; } = 400L * 1024 * 1024;

    public int MaxZipEntries { get; set; } = 1_000;

    /// <summary>Where uploaded files wait for their batch to close; relative to the content root, outside wwwroot.</summary>
    public string Folder { get; set; } = "App_Data/imports";

    /// <summary>Days an unconfirmed batch and its uploaded file are kept (they hold personal data).</summary>
    public int RetentionDays { get; set; } = 7;
}

/// <summary>
/// What an uploaded file is, judged by its content rather than its name, and a reader for its first sheet. Every
/// refusal is a sentence the user can act on (in Indonesian, the localization key).
/// </summary>
public static class ImportFile
{
    public sealed record Check(string? Format, string? Problem);

    /// <summary>Decides xlsx or CSV from the bytes; an xlsx is opened and every part decompressed, counting, before anything reads it.</summary>
    public static Check Inspect(string path, ImportOptions options)
    {
        var length = new FileInfo(path).Length;
        if (length == 0)
        {
            return new(null, "Berkas kosong. Pilih berkas xlsx atau CSV yang berisi data.");
        }

        var head = new byte[8];
        using (var stream = File.OpenRead(path))
        {
            _ = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        }

        if (head[0] == 0xD0 && head[1] == 0xCF && head[2] == 0x11 && head[3] == 0xE0)
        {
            return new(null, "Berkas Excel lama (.xls) tidak didukung. Buka di Excel lalu simpan sebagai .xlsx atau CSV UTF-8.");
        }

        if (head[0] == (byte)'P' && head[1] == (byte)'K')
        {
            return InspectXlsx(path, options);
        }

        // A submission XML file (ODK Collect, the web form engines), with or without a byte order mark.
        var start = head[0] == 0xEF && head[1] == 0xBB && head[2] == 0xBF ? 3 : 0;
        if (head[start] == (byte)'<')
        {
            return InspectXml(path);
        }

        return InspectCsv(path);
    }

    private static Check InspectXlsx(string path, ImportOptions options)
    {
        try
        {
            using var zip = ZipFile.OpenRead(path);
            if (zip.Entries.Count > options.MaxZipEntries)
            {
                return new(null, "Berkas xlsx ini berisi terlalu banyak bagian dan ditolak demi keamanan (kemungkinan zip bomb).");
            }

            if (zip.GetEntry("[Content_Types].xml") is null || zip.GetEntry("xl/workbook.xml") is null)
            {
                return new(null, "Berkas ini bukan lembar kerja xlsx yang sah. Simpan ulang dari Excel sebagai .xlsx atau CSV UTF-8.");
            }

            // Declared sizes can lie, so every part is decompressed and counted; reading stops at the limit.
            long total = 0;
            var buffer = new byte[81920];
            foreach (var entry in zip.Entries)
            {
                using var part = entry.Open();
                int read;
                while ((read = part.Read(buffer, 0, buffer.Length)) > 0)
                {
                    total += read;
                    if (total > options.MaxUncompressedBytes)
                    {
                        return new(null, "Isi berkas xlsx ini jauh lebih besar daripada ukuran berkasnya dan ditolak demi keamanan (kemungkinan zip bomb).");
                    }
                }
            }

            return new("xlsx", null);
        }
        catch (InvalidDataException)
        {
            return new(null, "Berkas xlsx ini rusak atau terpotong. Simpan ulang dari Excel lalu unggah lagi.");
        }
    }

    private static Check InspectXml(string path)
    {
        try
        {
            var rows = Submissions.XmlRows(path).ToList();
            return rows[0].Length > 2 ? new("xml", null) : new(null, "Berkas XML ini bukan kiriman formulir pendataan: tidak ada jawaban di dalamnya.");
        }
        catch (System.Xml.XmlException)
        {
            return new(null, "Berkas XML ini rusak atau bukan kiriman formulir. Unggah berkas kiriman dari ODK Collect, atau ekspor xlsx/CSV dari KoboToolbox atau ODK Central.");
        }
    }

    private static Check InspectCsv(string path)
    {
        // Text has no NUL and almost no control characters; binary files have them early on.
        var bytes = File.ReadAllBytes(path);
        foreach (var b in bytes.AsSpan(0, Math.Min(bytes.Length, 65536)))
        {
            if (b < 0x20 && b is not ((byte)'\r' or (byte)'\n' or (byte)'\t'))
            {
                return new(null, "Berkas ini bukan xlsx dan bukan CSV teks. Unggah berkas xlsx, atau CSV UTF-8 dari Excel.");
            }
        }

        try
        {
            _ = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetCharCount(bytes);
        }
        catch (DecoderFallbackException)
        {
            return new(null, "Berkas CSV ini bukan UTF-8. Di Excel pilih Simpan Sebagai, lalu jenis \"CSV UTF-8 (dipisahkan koma)\".");
        }

        return new("csv", null);
    }

    /// <summary>The sheets of a workbook in their order; a CSV is one unnamed sheet.</summary>
    public static IReadOnlyList<string?> SheetNames(string path, string format) =>
        format == "xlsx" ? [.. XlsxRows.SheetNames(path)] : [null];

    /// <summary>The sheet read when nobody chose: the template's "Unit Usaha", else the first.</summary>
    public static string? DefaultSheet(IReadOnlyList<string?> sheets) =>
        sheets.FirstOrDefault(s => string.Equals(s, ImportTemplate.DataSheet, StringComparison.OrdinalIgnoreCase)) ?? (sheets.Count > 0 ? sheets[0] : null);

    /// <summary>
    /// The rows of one sheet (null: <see cref="DefaultSheet"/>), each as cells: string, double, DateTime, bool or
    /// null. Streams: nothing holds the whole file.
    /// </summary>
    public static IEnumerable<object?[]> Rows(string path, string format, string? sheet = null) =>
        format switch
        {
            "xlsx" => Xlsx(path, sheet),
            "xml" => Submissions.XmlRows(path),
            _ => CsvRows(path),
        };

    private static IEnumerable<object?[]> Xlsx(string path, string? sheet)
    {
        sheet ??= DefaultSheet(SheetNames(path, "xlsx"));
        return sheet is null ? [] : XlsxRows.Read(path, sheet);
    }

    private static IEnumerable<object?[]> CsvRows(string path)
    {
        using var text = new StreamReader(path, new UTF8Encoding(false, true), detectEncodingFromByteOrderMarks: true);
        var first = text.ReadLine();
        if (first is null)
        {
            yield break;
        }

        // Indonesian Excel writes semicolons; others commas. The header row decides.
        var separator = first.Count(c => c == ';') >= first.Count(c => c == ',') ? ';' : ',';
        if (first.Count(c => c == '\t') > Math.Max(first.Count(c => c == ';'), first.Count(c => c == ',')))
        {
            separator = '\t';
        }

        using var all = new StreamReader(path, new UTF8Encoding(false, true), detectEncodingFromByteOrderMarks: true);
        using var reader = Sep.New(separator).Reader(o => o with
        {
            HasHeader = false,
            Unescape = true,
            DisableColCountCheck = true,
            CultureInfo = CultureInfo.InvariantCulture,
        }).From(all);
        foreach (var row in reader)
        {
            var cells = new object?[row.ColCount];
            for (var i = 0; i < row.ColCount; i++)
            {
                var value = row[i].ToString();
                cells[i] = value.Length == 0 ? null : value;
            }

            yield return cells;
        }
    }
}
