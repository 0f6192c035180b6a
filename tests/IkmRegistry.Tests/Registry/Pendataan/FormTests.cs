using System.IO.Compression;
using System.Text;
using System.Xml.Linq;
using IkmRegistry.Web.Import;
using static IkmRegistry.Tests.Registry.ExportFiles;

namespace IkmRegistry.Tests.Registry.Pendataan;

/// <summary>The pendataan form for ODK Collect and KoboToolbox: generated from the unit's fields, the XLSForm and the XForm ask the same.</summary>
public class FormTests(RegistryApp app) : RegistryTest(app)
{
    private static readonly XNamespace _xf = "http://www.w3.org/2002/xforms";
    private static readonly XNamespace _jr = "http://openrosa.org/javarosa";

    /// <summary>A question as either file states it: path, type, list, required, constraint and its Indonesian message, cascading filter.</summary>
    private sealed record Asked(string Path, string Type, string? List, bool Required, string? Constraint, string? ConstraintMessage, string? Filter, string Label);

    public static async Task<(byte[] Xlsx, string XForm)> DownloadAsync(Browser browser)
    {
        using var xlsx = await browser.Client.GetAsync("/Registry/Pendataan?handler=XlsForm");
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        using var xml = await browser.Client.GetAsync("/Registry/Pendataan?handler=XForm");
        Assert.Equal(HttpStatusCode.OK, xml.StatusCode);
        return (await xlsx.Content.ReadAsByteArrayAsync(), await xml.Content.ReadAsStringAsync());
    }

    private Task<Browser> StaffAsync() => App.SignedInAsync(Roles.Staff);

    private static string? Cell(IDictionary<string, object?> row, string column) =>
        row.TryGetValue(column, out var v) && v is not null && v.ToString() is { Length: > 0 } s ? s : null;

    private static async Task<(List<Asked> Questions, List<string> Choices, string Version)> FromXlsFormAsync(byte[] xlsx)
    {
        var survey = await SheetRowsAsync(xlsx, "survey");
        var groups = new Stack<string>();
        var questions = new List<Asked>();
        foreach (var row in survey)
        {
            var type = Cell(row, "type")!;
            if (type == "begin_group")
            {
                groups.Push(Cell(row, "name")!);
                continue;
            }

            if (type == "end_group")
            {
                groups.Pop();
                continue;
            }

            var parts = type.Split(' ');
            var path = "/data/" + string.Concat(groups.Reverse().Select(g => g + "/")) + Cell(row, "name");
            var filter = Cell(row, "choice_filter");
            questions.Add(new Asked(path, parts[0], parts.Length > 1 ? parts[1] : null, Cell(row, "required") == "yes", Cell(row, "constraint"),
                Cell(row, "constraint_message::Indonesia (id)"), filter is null ? null : filter.Replace("${", "").Replace("}", ""), Cell(row, "label::Indonesia (id)")!));
        }

        var choices = (await SheetRowsAsync(xlsx, "choices"))
            .Select(c => $"{Cell(c, "list_name")}|{Cell(c, "name")}|{Cell(c, "label::Indonesia (id)")}|{Cell(c, "label::English (en)")}|{Cell(c, "kecamatan")}|{Cell(c, "kelurahan")}").ToList();
        var settings = (await SheetRowsAsync(xlsx, "settings")).Single();
        Assert.Equal(PendataanForm.FormId, Cell(settings, "form_id"));
        return (questions, choices, Cell(settings, "version")!);
    }

    private static (List<Asked> Questions, List<string> Choices, string Version) FromXForm(string xml)
    {
        var doc = XDocument.Parse(xml);
        var model = doc.Descendants(_xf + "model").Single();
        var texts = model.Element(_xf + "itext")!.Elements(_xf + "translation").ToDictionary(
            t => (string)t.Attribute("lang")!, t => t.Elements(_xf + "text").ToDictionary(e => (string)e.Attribute("id")!, e => e.Element(_xf + "value")!.Value));
        string? Text(string? reference, string lang = PendataanForm.Indonesian) =>
            reference is null ? null : texts[lang][reference["jr:itext('".Length..^2]];
        var binds = model.Elements(_xf + "bind").ToDictionary(b => (string)b.Attribute("nodeset")!);
        var types = new Dictionary<string, string> { ["string"] = "text", ["int"] = "integer", ["decimal"] = "decimal", ["date"] = "date", ["geopoint"] = "geopoint" };
        var questions = new List<Asked>();
        foreach (var control in doc.Descendants().Where(e => e.Name == _xf + "input" || e.Name == _xf + "select1"))
        {
            var path = (string)control.Attribute("ref")!;
            var bind = binds[path];
            var itemset = control.Element(_xf + "itemset");
            string? list = null, filter = null;
            if (itemset is not null)
            {
                var nodeset = (string)itemset.Attribute("nodeset")!;
                list = nodeset["instance('".Length..nodeset.IndexOf("')", StringComparison.Ordinal)];
                if (nodeset.IndexOf('[') is var open and > 0)
                {
                    // [kecamatan= /data/lokasi_usaha/kecamatan ] is the XLSForm's kecamatan=${kecamatan}.
                    var predicate = nodeset[(open + 1)..^1].Split('=');
                    filter = $"{predicate[0].Trim()}={predicate[1].Trim().Split('/')[^1]}";
                }
            }

            questions.Add(new Asked(path, control.Name == _xf + "select1" ? "select_one" : types[(string)bind.Attribute("type")!], list,
                (string?)bind.Attribute("required") == "true()", (string?)bind.Attribute("constraint"), Text((string?)bind.Attribute(_jr + "constraintMsg")), filter,
                Text((string?)control.Element(_xf + "label")!.Attribute("ref"))!));
        }

        var choices = model.Elements(_xf + "instance").Where(i => i.Attribute("id") is not null)
            .SelectMany(i => i.Descendants(_xf + "item").Select(item =>
                $"{(string)i.Attribute("id")!}|{item.Element(_xf + "name")!.Value}|{texts[PendataanForm.Indonesian][item.Element(_xf + "itextId")!.Value]}|{texts[PendataanForm.English][item.Element(_xf + "itextId")!.Value]}|{item.Element(_xf + "kecamatan")?.Value}|{item.Element(_xf + "kelurahan")?.Value}"))
            .ToList();
        var data = model.Element(_xf + "instance")!.Element(_xf + "data")!;
        Assert.Equal(PendataanForm.FormId, (string)data.Attribute("id")!);
        Assert.NotNull(data.Element(_xf + "meta")!.Element(_xf + "instanceID"));
        Assert.Equal("uid", (string?)binds["/data/meta/instanceID"].Attribute(_jr + "preload"));
        return (questions, choices, (string)data.Attribute("version")!);
    }

    [Fact]
    public async Task The_XLSForm_and_the_XForm_ask_the_same_questions_with_the_same_names_types_choices_and_constraints()
    {
        await Seed.SentraAsync(App);
        using var browser = await StaffAsync();
        var (xlsx, xml) = await DownloadAsync(browser);

        var fromXlsx = await FromXlsFormAsync(xlsx);
        var fromXml = FromXForm(xml);

        Assert.Equal(fromXlsx.Questions, fromXml.Questions);
        Assert.Equal(fromXlsx.Choices, fromXml.Choices);
        Assert.Equal(fromXlsx.Version, fromXml.Version);

        // What the registry's validators check, the form checks, with the same Indonesian messages.
        var byName = fromXml.Questions.ToDictionary(q => q.Path);
        Assert.Equal("regex(., '^[0-9]{16}$')", byName["/data/pemilik/nik"].Constraint);
        Assert.Equal("NIK harus 16 digit angka.", byName["/data/pemilik/nik"].ConstraintMessage);
        Assert.Equal("regex(., '^[0-9]{13}$')", byName["/data/identitas/nib"].Constraint);
        Assert.Equal("regex(., '^[0-9]{5}$')", byName["/data/produk/kbli_code"].Constraint);
        Assert.StartsWith(". >= 0", byName["/data/produk/workers_male"].Constraint);
        Assert.Equal("Tenaga kerja laki-laki harus bilangan bulat 0 atau lebih.", byName["/data/produk/workers_male"].ConstraintMessage);
        Assert.Contains("format-date(today(), '%Y')", byName["/data/identitas/year_started"].Constraint);
        Assert.Equal("integer", byName["/data/identitas/year_started"].Type);
        Assert.Equal("kecamatan", byName["/data/lokasi_usaha/kecamatan"].List);
        Assert.Equal("kecamatan=kecamatan", byName["/data/lokasi_usaha/kelurahan"].Filter);
        Assert.Equal("kelurahan=kelurahan", byName["/data/lokasi_usaha/sentra"].Filter);
        Assert.Equal("geopoint", byName["/data/lokasi_usaha/lokasi"].Type);
        Assert.True(byName["/data/petugas"].Required);
        Assert.Equal("ya_tidak", byName["/data/persetujuan/public_consent"].List);
        Assert.StartsWith("Apakah Bapak/Ibu setuju", byName["/data/persetujuan/public_consent"].Label);
        Assert.Contains("kelurahan|62.71.01.1001|Pahandut|Pahandut|62.71.01|", fromXml.Choices);
        Assert.Contains(fromXml.Choices, c => c.StartsWith("legal_form|CV|", StringComparison.Ordinal));

        // Every group the officers know, in this order.
        Assert.Equal(["identitas", "pemilik", "lokasi_usaha", "produk", "persetujuan"],
            fromXml.Questions.Select(q => q.Path.Split('/')).Where(p => p.Length == 4).Select(p => p[2]).Distinct());
    }

    [Fact]
    public async Task The_form_version_changes_when_a_choice_changes_and_not_otherwise()
    {
        using var browser = await StaffAsync();
        var first = FromXForm((await DownloadAsync(browser)).XForm).Version;
        Assert.Equal(first, FromXForm((await DownloadAsync(browser)).XForm).Version);

        await Seed.SentraAsync(App, "Sentra IKM Rotan Menteng", "62.71.03.1002");

        var second = FromXForm((await DownloadAsync(browser)).XForm).Version;
        Assert.NotEqual(first, second);
        var page = await browser.GetAsync("/Registry/Pendataan");
        Assert.Equal(second, page.QuerySelector("#form-version")!.TextContent.Trim());
    }

    [Fact]
    public async Task The_downloads_hold_no_unit_data()
    {
        await Seed.UnitAsync(App, "USAHARAHASIA-F16", configure: u =>
        {
            u.OwnerName = "PEMILIKRAHASIA-F16";
            u.Nik = "6271015203850001";
            u.Phone = "+6281299887711";
        });
        using var browser = await StaffAsync();
        var (xlsx, xml) = await DownloadAsync(browser);

        using var zip = new ZipArchive(new MemoryStream(xlsx));
        var parts = string.Concat(zip.Entries.Select(e => new StreamReader(e.Open(), Encoding.UTF8).ReadToEnd()));
        foreach (var secret in new[] { "USAHARAHASIA-F16", "PEMILIKRAHASIA-F16", "6271015203850001", "81299887711" })
        {
            Assert.DoesNotContain(secret, parts, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, xml, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_import_page_links_to_the_form_page()
    {
        using var browser = await StaffAsync();
        var page = await browser.GetAsync("/Registry/Import");
        Assert.Equal("/Registry/Pendataan", page.QuerySelector("#pendataan-link")!.GetAttribute("href"));
        var form = await browser.GetAsync("/Registry/Pendataan");
        Assert.Equal(form.QuerySelectorAll("main li code").Length + 1, int.Parse(form.QuerySelector("#question-count")!.TextContent));
    }
}
