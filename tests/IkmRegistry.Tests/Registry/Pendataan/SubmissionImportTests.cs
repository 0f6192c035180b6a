using System.Globalization;
using System.Text;
using System.Xml.Linq;
using IkmRegistry.Web.Import;
using MiniExcelLibs;
using static IkmRegistry.Tests.Registry.Import.Importing;

namespace IkmRegistry.Tests.Registry.Pendataan;

/// <summary>Pendataan submissions come back through the import: Kobo and ODK Central exports and submission XML, each submission once.</summary>
public class SubmissionImportTests(RegistryApp app) : RegistryTest(app)
{
    private static readonly XNamespace _xf = "http://www.w3.org/2002/xforms";

    /// <summary>The generated form's question paths (without /data/), as the export names its columns, and the form's version.</summary>
    private static async Task<(List<string> Paths, string Version)> FormAsync(Browser browser)
    {
        var (_, xml) = await FormTests.DownloadAsync(browser);
        var data = XDocument.Parse(xml).Descendants(_xf + "data").First();
        var paths = data.Descendants().Where(e => !e.HasElements).Select(e => string.Join("/", e.AncestorsAndSelf().TakeWhile(a => a != data).Reverse().Select(a => a.Name.LocalName))).ToList();
        return (paths, (string)data.Attribute("version")!);
    }

    /// <summary>One submission as a Kobo export row: answers by question name, then Kobo's own columns.</summary>
    private static Dictionary<string, string?> Submission(string uuid, string name, string? nik = "6271014508850003", string kelurahan = "62.71.03.1002",
        string latitude = "-2.24352", string longitude = "113.89744") => new()
    {
        ["petugas"] = "Yusuf Petugas",
        ["business_name"] = name,
        ["nib"] = null,
        ["owner_name"] = "Pemilik " + name,
        ["nik"] = nik,
        ["kecamatan"] = kelurahan[..8],
        ["kelurahan"] = kelurahan,
        ["address"] = "Jl. Tjilik Riwut km 5",
        ["kategori"] = "pangan",
        ["main_products"] = "amplang",
        ["kbli_code"] = "10750",
        ["kbli_edition"] = "2020",
        ["legal_form"] = "Perorangan",
        ["workers_male"] = "1",
        ["workers_female"] = "2",
        ["public_consent"] = "ya",
        ["_lokasi_latitude"] = latitude,
        ["_lokasi_longitude"] = longitude,
        ["_lokasi_altitude"] = "35",
        ["_lokasi_precision"] = "4.8",
        ["_uuid"] = uuid,
        ["_submission_time"] = "2026-11-27T02:30:12",
        ["_submitted_by"] = "akun_kobo",
        ["_id"] = "1001",
    };

    /// <summary>A CSV as Kobo writes it: group paths joined with the separator, its system columns after the answers.</summary>
    private static byte[] KoboCsv(List<string> paths, string version, string separator, IEnumerable<Dictionary<string, string?>> rows, string? extraColumn = null)
    {
        var answers = paths.Where(p => !p.StartsWith("meta/", StringComparison.Ordinal)).ToList();
        string Column(string path) => path.Replace("/", separator, StringComparison.Ordinal);
        var system = new[] { "_lokasi_latitude", "_lokasi_longitude", "_lokasi_altitude", "_lokasi_precision", "_id", "_uuid", "_submission_time", "_submitted_by" };
        var header = answers.Select(Column).Concat(system).Append("__version__").Concat(extraColumn is null ? [] : [extraColumn]);
        var text = new StringBuilder().AppendJoin(";", header).Append("\r\n");
        foreach (var row in rows)
        {
            var cells = answers.Select(p => row.GetValueOrDefault(p.Split('/')[^1])).Concat(system.Select(s => row.GetValueOrDefault(s))).Append(version)
                .Concat(extraColumn is null ? [] : ["tambahan"]);
            text.AppendJoin(";", cells.Select(c => c ?? "")).Append("\r\n");
        }

        return Csv(text.ToString());
    }

    private async Task<List<ImportIssue>> ErrorsAsync(int batchId)
    {
        await using var db = App.NewDbContext();
        return await db.ImportIssues.AsNoTracking().Where(i => i.BatchId == batchId && i.Kind == ImportIssueKind.Error).OrderBy(i => i.RowNumber).ToListAsync();
    }

    [Fact]
    public async Task A_Kobo_export_imports_with_its_source_and_positions_and_the_same_export_twice_adds_nothing()
    {
        using var browser = await StaffAsync(App);
        var (paths, version) = await FormAsync(browser);
        // Pahandut's centroid for a unit in Menteng: saved and flagged.
        var rows = new[]
        {
            Submission("0a6f2c1e-1111-4b2a-9c1d-000000000001", "Amplang Haruan Satu"),
            Submission("0a6f2c1e-1111-4b2a-9c1d-000000000002", "Kerupuk Dua", nik: null),
            Submission("0a6f2c1e-1111-4b2a-9c1d-000000000003", "Abon Tiga", latitude: "-2.19975", longitude: "113.95033"),
        };
        var file = KoboCsv(paths, version, "/", rows);

        var (batch, preview) = await PreviewAsync(App, browser, file, "kobo.csv");
        Assert.Equal([Submissions.Officer, Submissions.Uuid, Submissions.FormVersion, Submissions.SubmittedAt], batch.Columns.Intersect(Submissions.SourceHeaders).Order(StringComparer.Ordinal));
        Assert.Equal(3, batch.NewCount);
        Assert.Empty(await ErrorsAsync(batch.Id));
        await using (var db = App.NewDbContext())
        {
            Assert.Equal(["0a6f2c1e-1111-4b2a-9c1d-000000000001", "0a6f2c1e-1111-4b2a-9c1d-000000000002", "0a6f2c1e-1111-4b2a-9c1d-000000000003"],
                await db.ImportRows.Where(r => r.BatchId == batch.Id).OrderBy(r => r.RowNumber).Select(r => r.SubmissionUuid).ToListAsync());
        }

        batch = await CommitAsync(App, browser, preview);
        Assert.Equal(3, batch.InsertedCount);

        await using (var db = App.NewDbContext())
        {
            var units = await db.IndustrialUnits.AsNoTracking().OrderBy(u => u.BusinessName).ToListAsync();
            Assert.Equal(3, units.Count);
            var one = units.Single(u => u.BusinessName == "Amplang Haruan Satu");
            Assert.Equal("0a6f2c1e-1111-4b2a-9c1d-000000000001", one.SubmissionUuid);
            Assert.Equal(version, one.FormVersion);
            Assert.Equal("Yusuf Petugas", one.SubmittedBy);
            Assert.Equal(new DateTime(2026, 11, 27, 2, 30, 12, DateTimeKind.Utc), one.SubmittedAt);
            Assert.Equal((-2.24352, 113.89744, 4.8), (one.Latitude!.Value, one.Longitude!.Value, one.PositionAccuracy!.Value));
            Assert.Equal(PositionSource.Geopoint, one.PositionSource);
            Assert.Equal(one.SubmittedAt, one.PositionTakenAt);
            Assert.Equal(new DateOnly(2026, 11, 27), one.RegisteredOn);
            Assert.True(one.PublicConsent);
            Assert.Equal(new DateOnly(2026, 11, 27), one.PublicConsentOn);
            Assert.Equal(PositionCheck.DalamKelurahan, one.PositionCheck);
            Assert.Equal(PositionCheck.LuarKelurahan, units.Single(u => u.BusinessName == "Abon Tiga").PositionCheck);
            Assert.Equal("Menteng", (await db.Kelurahan.SingleAsync(k => k.Id == one.KelurahanId)).Name);
        }

        // The same export again, and an export overlapping it by one submission: nothing is added twice.
        (batch, preview) = await PreviewAsync(App, browser, file, "kobo.csv");
        Assert.Equal((0, 3), (batch.NewCount, batch.UnchangedCount));
        await CommitAsync(App, browser, preview);
        var overlapping = KoboCsv(paths, version, "/", [rows[2], Submission("0a6f2c1e-1111-4b2a-9c1d-000000000004", "Dodol Empat")]);
        (batch, preview) = await PreviewAsync(App, browser, overlapping, "kobo-2.csv");
        Assert.Equal((1, 1), (batch.NewCount, batch.UnchangedCount));
        await CommitAsync(App, browser, preview);
        await using (var db = App.NewDbContext())
        {
            Assert.Equal(4, await db.IndustrialUnits.CountAsync());
        }
    }

    [Fact]
    public async Task An_xlsx_export_with_dash_headers_and_a_geopoint_string_reports_bad_submissions_per_row_with_what_to_do()
    {
        using var browser = await StaffAsync(App);
        var (paths, version) = await FormAsync(browser);
        Dictionary<string, object?> Row(Dictionary<string, string?> s, string geopoint)
        {
            var row = new Dictionary<string, object?>();
            foreach (var path in paths.Where(p => !p.StartsWith("meta/", StringComparison.Ordinal)))
            {
                row[path.Replace("/", "-", StringComparison.Ordinal)] = path.EndsWith("/lokasi", StringComparison.Ordinal) ? geopoint : s.GetValueOrDefault(path.Split('/')[^1]);
            }

            row["meta-instanceID"] = "uuid:" + s["_uuid"];
            row["_submission_time"] = s["_submission_time"];
            row["__version__"] = version;
            row["kolom_tambahan"] = "x";
            return row;
        }

        using var stream = new MemoryStream();
        await stream.SaveAsAsync(new[]
        {
            Row(Submission("b1", "Usaha Baik"), "-2.24352 113.89744 35 5"),
            Row(Submission("b2", "Usaha Nol"), "0 0 0 0"),
            Row(Submission("b3", "Usaha Jawa"), "-6.2 106.8 10 5"),
            Row(Submission("b1", "Usaha Baik Lagi"), "-2.24352 113.89744 35 5"),
        }, sheetName: "Pendataan IKM");

        var (batch, _) = await PreviewAsync(App, browser, stream.ToArray(), "kobo.xlsx");

        var errors = await ErrorsAsync(batch.Id);
        Assert.True(errors.Select(e => e.RowNumber).SequenceEqual([3, 4, 5]), string.Join("\n", errors.Select(e => $"{e.RowNumber} {e.Column}: {e.Message}")));
        Assert.Equal(1, batch.NewCount);
        Assert.Contains("Posisi 0, 0 bukan lokasi usaha", errors[0].Message);
        Assert.Contains("di luar Provinsi Kalimantan Tengah", errors[1].Message);
        Assert.Contains("sudah ada di baris 2", errors[2].Message);
        await using var db = App.NewDbContext();
        Assert.Contains(await db.ImportIssues.Where(i => i.BatchId == batch.Id && i.Kind == ImportIssueKind.Notice).Select(i => i.Message).ToListAsync(),
            m => m.Contains("kolom_tambahan", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Another_forms_export_is_named_as_such_and_an_older_version_is_pointed_out()
    {
        using var browser = await StaffAsync(App);
        var (paths, version) = await FormAsync(browser);
        var text = Encoding.UTF8.GetString(KoboCsv(paths, "versi-lama-01", "/", [Submission("c1", "Usaha Versi Lama")])[3..]);
        var lines = text.Split("\r\n");
        var file = Csv(lines[0] + ";_xform_id_string\r\n" + lines[1] + ";survei_pasar\r\n" + lines[1].Replace(";c1;", ";c2;", StringComparison.Ordinal) + $";{PendataanForm.FormId}\r\n");

        var (batch, _) = await PreviewAsync(App, browser, file, "lain.csv");

        var errors = await ErrorsAsync(batch.Id);
        Assert.Equal([2], errors.Select(e => e.RowNumber));
        Assert.Contains("formulir lain (\"survei_pasar\")", errors[0].Message);
        Assert.Equal(1, batch.NewCount);
        await using var db = App.NewDbContext();
        Assert.Contains(await db.ImportIssues.Where(i => i.BatchId == batch.Id && i.RowNumber == 3).Select(i => i.Message).ToListAsync(),
            m => m.Contains("versi-lama-01", StringComparison.Ordinal) && m.Contains(version, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_single_submission_XML_file_imports_as_one_unit_with_its_source()
    {
        using var browser = await StaffAsync(App);
        var (paths, version) = await FormAsync(browser);
        var answers = Submission("d1", "Anyaman Purun XML");
        var root = new XElement("data", new XAttribute("id", PendataanForm.FormId), new XAttribute("version", version));
        foreach (var path in paths)
        {
            var parts = path.Split('/');
            var parent = root;
            foreach (var part in parts[..^1])
            {
                parent = parent.Element(part) ?? Add(parent, new XElement(part));
            }

            var name = parts[^1];
            parent.Add(new XElement(name, name switch
            {
                "lokasi" => "-2.24352 113.89744 35 6.5",
                "instanceID" => "uuid:D1-XML",
                _ => answers.GetValueOrDefault(name),
            }));
        }

        var (batch, preview) = await PreviewAsync(App, browser, Encoding.UTF8.GetBytes(root.ToString()), "kiriman.xml");
        Assert.Equal(1, batch.NewCount);
        await CommitAsync(App, browser, preview);

        await using var db = App.NewDbContext();
        var unit = await db.IndustrialUnits.SingleAsync();
        Assert.Equal(("d1-xml", version, "Yusuf Petugas"), (unit.SubmissionUuid, unit.FormVersion, unit.SubmittedBy));
        Assert.Equal((-2.24352, 113.89744, 6.5), (unit.Latitude!.Value, unit.Longitude!.Value, unit.PositionAccuracy!.Value));
    }

    private static XElement Add(XElement parent, XElement child)
    {
        parent.Add(child);
        return child;
    }
}
