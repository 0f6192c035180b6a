using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using MiniExcelLibs;

namespace IkmRegistry.Web.Import;

/// <summary>
/// The field data collection form (pendataan) for ODK Collect and KoboToolbox, generated from the unit's fields
/// (<see cref="UnitFields.Form"/>) and the registry's areas, categories and sentra, so it never drifts from the
/// registry. Written as an XLSForm (.xlsx: survey, choices, settings) and as the ODK XForm that pyxform makes of it.
/// Its version is a hash of everything it asks, so a new field or choice gives a new version. Holds no unit data.
/// </summary>
public sealed class PendataanForm
{
    public const string FormId = "pendataan_ikm_palangka_raya";
    public const string Indonesian = "Indonesia (id)";
    public const string English = "English (en)";

    /// <summary>The geopoint question: Kobo exports split it into _lokasi_latitude, _lokasi_longitude, _lokasi_altitude, _lokasi_precision.</summary>
    public const string Geopoint = "lokasi";

    /// <summary>The officer who visited (kept as the imported unit's source).</summary>
    public const string Officer = "petugas";

    public const string KecamatanQuestion = "kecamatan";
    public const string KelurahanQuestion = "kelurahan";
    public const string SentraQuestion = "sentra";
    public const string YesNoList = "ya_tidak";

    /// <summary>A text in both languages.</summary>
    public sealed record Text(string Id, string En);

    public sealed record Question(string Name, string Type, Text Label)
    {
        public string? List { get; init; }
        public Text? Hint { get; init; }
        public bool Required { get; init; }
        public Text? RequiredMessage { get; init; }
        public string? Constraint { get; init; }
        public Text? ConstraintMessage { get; init; }

        /// <summary>XLSForm's choice_filter: the choices' column equals an earlier question (cascading select).</summary>
        public (string Column, string Question)? Filter { get; init; }

        public string? Default { get; init; }

        /// <summary>The unit field the answer fills, if any.</summary>
        public UnitField? Field { get; init; }
    }

    public sealed record Group(string Name, Text Label, IReadOnlyList<Question> Questions);

    public sealed record Choice(string List, string Name, Text Label, IReadOnlyDictionary<string, string> Filters);

    public required string Title { get; init; }
    public required IReadOnlyList<Question> Top { get; init; }
    public required IReadOnlyList<Group> Groups { get; init; }
    public required IReadOnlyList<Choice> Choices { get; init; }
    public string Version { get; private init; } = "";

    /// <summary>Every question with its group (null at the top), in form order.</summary>
    public IEnumerable<(Group? Group, Question Question)> Questions =>
        Top.Select(q => ((Group?)null, q)).Concat(Groups.SelectMany(g => g.Questions.Select(q => ((Group?)g, q))));

    /// <summary>Where a unit field's question goes: the form's groups by topic, new fields by the group the unit form gives them.</summary>
    private static string GroupOf(UnitField field) => field switch
    {
        _ when field == UnitFields.Category || field == UnitFields.MainProducts || field == UnitFields.Kbli || field == UnitFields.KbliEditionField
            || field == UnitFields.Notes => "produk",
        _ when field == UnitFields.Kelurahan || field == UnitFields.Address => "lokasi_usaha",
        _ => field.Group switch
        {
            FieldGroup.Usaha => "identitas",
            FieldGroup.PemilikLokasi => "pemilik",
            FieldGroup.Posisi => "lokasi_usaha",
            FieldGroup.AngkaUsaha => "produk",
            _ => "persetujuan",
        },
    };

    /// <summary>
    /// Fields the form does not ask: the registration date and a consent's date are the submission's day, the data
    /// source names the form, and the position's parts are one geopoint question.
    /// </summary>
    public static bool Asked(UnitField field) =>
        field.OnForm && field != UnitFields.RegisteredOn && field != UnitFields.DataSource && field.Group != FieldGroup.Posisi
        && !(field.Group == FieldGroup.Publik && field.Input == FieldInput.Date);

    /// <summary>A unit field's question name: its column, but for the lookups answered with codes.</summary>
    public static string NameOf(UnitField field) =>
        field == UnitFields.Kelurahan ? KelurahanQuestion : field == UnitFields.Category ? "kategori" : field.Column;

    /// <summary>The unit field a question name stands for (an export's column), or null for the form's own questions.</summary>
    public static UnitField? FieldNamed(string name) => _fieldsByName.Value.GetValueOrDefault(name);

    // The import asks this of every cell it sees (repeated headers are looked for in every row): built once.
    private static readonly Lazy<Dictionary<string, UnitField>> _fieldsByName =
        new(() => UnitFields.Form.Where(Asked).GroupBy(NameOf).ToDictionary(g => g.Key, g => g.First()));

    public static async Task<PendataanForm> BuildAsync(RegistryDbContext db, IStringLocalizer l, CancellationToken ct)
    {
        var kecamatan = await db.Kecamatan.AsNoTracking().Where(k => k.RetiredOn == null).OrderBy(k => k.Code).Select(k => new { k.Code, k.Name }).ToListAsync(ct);
        var kelurahan = await db.Kelurahan.AsNoTracking().Where(k => k.RetiredOn == null).OrderBy(k => k.Code)
            .Select(k => new { k.Code, k.Name, Kecamatan = k.Kecamatan.Code }).ToListAsync(ct);
        var categories = await db.ProductCategories.AsNoTracking().OrderBy(c => c.SortOrder).ThenBy(c => c.Id).ToListAsync(ct);
        var sentra = await db.Sentra.AsNoTracking().Where(s => s.Status != SentraStatus.TidakAktif).OrderBy(s => s.Name)
            .Select(s => new { s.Slug, s.Name, Kelurahan = s.Kelurahan.Code }).ToListAsync(ct);

        Text T(string key) => PendataanForm.T(l, key);
        var none = new Dictionary<string, string>();
        var choices = new List<Choice>();
        choices.AddRange(kecamatan.Select(k => new Choice(KecamatanQuestion, k.Code, new(k.Name, k.Name), none)));
        choices.AddRange(kelurahan.Select(k => new Choice(KelurahanQuestion, k.Code, new(k.Name, k.Name), new Dictionary<string, string> { ["kecamatan"] = k.Kecamatan })));
        choices.AddRange(categories.Select(c => new Choice("kategori", c.Code, new(c.NameId, c.NameEn), none)));
        choices.AddRange(sentra.Select(s => new Choice(SentraQuestion, s.Slug, new(s.Name, s.Name), new Dictionary<string, string> { ["kelurahan"] = s.Kelurahan })));
        choices.AddRange(FieldChoices(l));
        choices.Add(new Choice(YesNoList, "ya", T("Ya"), none));
        choices.Add(new Choice(YesNoList, "tidak", T("Tidak"), none));

        var groups = new Dictionary<string, (Text Label, List<Question> Questions)>
        {
            ["identitas"] = (T("Identitas usaha"), []),
            ["pemilik"] = (T("Pemilik"), []),
            ["lokasi_usaha"] = (T("Lokasi"), []),
            ["produk"] = (T("Produk dan tenaga kerja"), []),
            ["persetujuan"] = (T("Persetujuan"), []),
        };

        foreach (var field in UnitFields.Form.Where(Asked))
        {
            var questions = groups[GroupOf(field)].Questions;
            if (field == UnitFields.Kelurahan)
            {
                questions.Add(new Question(KecamatanQuestion, "select_one", T("Kecamatan")) { List = KecamatanQuestion, Required = true, RequiredMessage = T("Pilih kecamatan.") });
            }

            var question = QuestionFor(field, l);
            questions.Add(field == UnitFields.Kelurahan ? question with { Filter = ("kecamatan", KecamatanQuestion) } : question);
            if (field == UnitFields.Kelurahan)
            {
                questions.Add(new Question(Geopoint, "geopoint", T("Posisi tempat usaha (ambil di lokasi)"))
                {
                    Hint = T("Berdiri di tempat produksi dan tunggu sampai akurasinya di bawah 20 meter."),
                });
                if (sentra.Count > 0)
                {
                    questions.Add(new Question(SentraQuestion, "select_one", T("Sentra IKM tempat usaha ini menjadi anggota (bila ada)"))
                    {
                        List = SentraQuestion, Filter = ("kelurahan", KelurahanQuestion),
                    });
                }
            }
        }

        var form = new PendataanForm
        {
            Title = l["Pendataan IKM Kota Palangka Raya"],
            Top = [new Question(Officer, "text", T("Nama petugas pendataan")) { Required = true, RequiredMessage = T("Isi nama petugas.") }],
            Groups = [.. groups.Where(g => g.Value.Questions.Count > 0).Select(g => new Group(g.Key, g.Value.Label, g.Value.Questions))],
            Choices = choices,
        };
        return new PendataanForm { Title = form.Title, Top = form.Top, Groups = form.Groups, Choices = form.Choices, Version = form.Hash() };
    }

    private static Text T(IStringLocalizer l, string key) => new(l[key], InEnglish(() => l[key]));

    /// <summary>A text with arguments, each given in both languages.</summary>
    private static Text F(IStringLocalizer l, string key, params Text[] args) =>
        new(l[key, [.. args.Select(a => (object)a.Id)]], InEnglish(() => l[key, [.. args.Select(a => (object)a.En)]]));

    private static Question QuestionFor(UnitField field, IStringLocalizer l)
    {
        var name = T(l, field.Label);
        var label = field.Input != FieldInput.Checkbox ? name
            : field.OwnerQuestion is { } asked ? T(l, asked) : F(l, "Apakah Bapak/Ibu setuju: {0}?", name);
        var (type, list) = field.Input switch
        {
            FieldInput.Count or FieldInput.Year => ("integer", (string?)null),
            FieldInput.Amount => ("decimal", null),
            FieldInput.Date => ("date", null),
            FieldInput.Choice => ("select_one", field.Column),
            FieldInput.Lookup => ("select_one", NameOf(field)),
            FieldInput.Checkbox => ("select_one", YesNoList),
            _ => ("text", null),
        };

        // The validators' checks that a form can make by itself, with their Indonesian messages.
        Text? Rule() => field.Rules.Count > 0 ? F(l, field.Rules[0].Message, name) : null;
        var (constraint, message) = field.Input switch
        {
            FieldInput.Digits => ($"regex(., '^[0-9]{{{field.MaxLength}}}$')", Rule()),
            FieldInput.Count => (". >= 0 and . <= 100000", Rule()),
            FieldInput.Year => (". >= 1900 and . <= number(format-date(today(), '%Y'))", Rule()),
            FieldInput.Amount => (". >= 0", Rule()),
            FieldInput.Text or FieldInput.LongText or FieldInput.Phone when field.MaxLength is { } max =>
                ($"string-length(.) <= {max}", F(l, "{0} paling banyak {1} karakter.", name, new Text($"{max}", $"{max}"))),
            _ => ((string?)null, (Text?)null),
        };

        return new Question(NameOf(field), type, label)
        {
            List = list,
            Hint = field.Help is null ? null : T(l, field.Help),
            Required = field.Required,
            RequiredMessage = field.Required ? T(l, field.RequiredMessage!) : null,
            Constraint = constraint,
            ConstraintMessage = constraint is null ? null : message,
            Default = field.Default,
            Field = field,
        };
    }

    /// <summary>The choices of a select field of the unit (legal form, sex, KBLI edition), from its definition.</summary>
    private static IEnumerable<Choice> FieldChoices(IStringLocalizer l) =>
        UnitFields.Form.Where(Asked).Where(f => f.Input == FieldInput.Choice)
            .SelectMany(f => f.Choices.Select(c => new Choice(f.Column, c.Value, new(l[c.Label], InEnglish(() => l[c.Label])), new Dictionary<string, string>())));

    private static string InEnglish(Func<string> text)
    {
        var culture = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en");
        try
        {
            return text();
        }
        finally
        {
            CultureInfo.CurrentUICulture = culture;
        }
    }

    /// <summary>A short hash of every question and choice: the form's version changes with them.</summary>
    private string Hash()
    {
        var text = new StringBuilder();
        foreach (var (group, q) in Questions)
        {
            text.Append(group?.Name).Append('/').Append(q.Name).Append('|').Append(q.Type).Append('|').Append(q.List).Append('|').Append(q.Label)
                .Append('|').Append(q.Required).Append('|').Append(q.Constraint).Append('|').Append(q.ConstraintMessage).Append('|').Append(q.Filter).Append('\n');
        }

        foreach (var c in Choices)
        {
            text.Append(c.List).Append('|').Append(c.Name).Append('|').Append(c.Label).Append('|').AppendJoin(',', c.Filters.Select(f => f.Key + "=" + f.Value)).Append('\n');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..12];
    }

    private static string Label(string column, string language) => $"{column}::{language}";

    /// <summary>The XLSForm: survey, choices and settings, as KoboToolbox and ODK Central take it.</summary>
    public byte[] ToXlsx()
    {
        var survey = new List<Dictionary<string, object?>>();
        Dictionary<string, object?> Row(string type, string? name, Text? label, Question? q = null) => new()
        {
            ["type"] = type,
            ["name"] = name,
            [Label("label", Indonesian)] = label?.Id,
            [Label("label", English)] = label?.En,
            [Label("hint", Indonesian)] = q?.Hint?.Id,
            [Label("hint", English)] = q?.Hint?.En,
            ["required"] = q?.Required == true ? "yes" : null,
            [Label("required_message", Indonesian)] = q?.RequiredMessage?.Id,
            [Label("required_message", English)] = q?.RequiredMessage?.En,
            ["constraint"] = q?.Constraint,
            [Label("constraint_message", Indonesian)] = q?.ConstraintMessage?.Id,
            [Label("constraint_message", English)] = q?.ConstraintMessage?.En,
            ["choice_filter"] = q?.Filter is { } f ? $"{f.Column}=${{{f.Question}}}" : null,
            ["default"] = q?.Default,
        };
        string TypeOf(Question q) => q.List is null ? q.Type : $"{q.Type} {q.List}";

        survey.AddRange(Top.Select(q => Row(TypeOf(q), q.Name, q.Label, q)));
        foreach (var group in Groups)
        {
            survey.Add(Row("begin_group", group.Name, group.Label));
            survey.AddRange(group.Questions.Select(q => Row(TypeOf(q), q.Name, q.Label, q)));
            survey.Add(Row("end_group", null, null));
        }

        var filterColumns = Choices.SelectMany(c => c.Filters.Keys).Distinct().ToList();
        var choices = Choices.Select(c =>
        {
            var row = new Dictionary<string, object?>
            {
                ["list_name"] = c.List,
                ["name"] = c.Name,
                [Label("label", Indonesian)] = c.Label.Id,
                [Label("label", English)] = c.Label.En,
            };
            foreach (var column in filterColumns)
            {
                row[column] = c.Filters.GetValueOrDefault(column);
            }

            return row;
        }).ToList();

        var sheets = new Dictionary<string, object>
        {
            ["survey"] = survey,
            ["choices"] = choices,
            ["settings"] = new[]
            {
                new Dictionary<string, object?> { ["form_title"] = Title, ["form_id"] = FormId, ["version"] = Version, ["default_language"] = Indonesian },
            },
        };
        using var stream = new MemoryStream();
        stream.SaveAs(sheets);
        return stream.ToArray();
    }

    private static readonly XNamespace _xf = "http://www.w3.org/2002/xforms";
    private static readonly XNamespace _h = "http://www.w3.org/1999/xhtml";
    private static readonly XNamespace _jr = "http://openrosa.org/javarosa";
    private static readonly XNamespace _odk = "http://www.opendatakit.org/xforms";
    private static readonly XNamespace _orx = "http://openrosa.org/xforms";

    /// <summary>The path of a question in the instance: /data/group/name.</summary>
    public static string PathOf(Group? group, Question q) => group is null ? $"/data/{q.Name}" : $"/data/{group.Name}/{q.Name}";

    private static readonly Dictionary<string, string> _bindTypes = new()
    {
        ["text"] = "string", ["integer"] = "int", ["decimal"] = "decimal", ["date"] = "date", ["select_one"] = "string", ["geopoint"] = "geopoint",
    };

    /// <summary>The XForm (ODK XForms 1.0), laid out as pyxform writes it: itext translations, choice lists as secondary instances with itemsets.</summary>
    public string ToXForm()
    {
        var texts = new List<(string Id, Text Text)>();
        string Itext(string id, Text text)
        {
            texts.Add((id, text));
            return $"jr:itext('{id}')";
        }

        var questionPath = Questions.ToDictionary(x => x.Question.Name, x => PathOf(x.Group, x.Question));
        var binds = new List<XElement>();
        XElement Control(Group? group, Question q)
        {
            var path = PathOf(group, q);
            var bind = new XElement(_xf + "bind", new XAttribute("nodeset", path), new XAttribute("type", _bindTypes[q.Type]));
            if (q.Required)
            {
                bind.Add(new XAttribute("required", "true()"));
                if (q.RequiredMessage is { } rm)
                {
                    bind.Add(new XAttribute(_jr + "requiredMsg", Itext(path + ":jr:requiredMsg", rm)));
                }
            }

            if (q.Constraint is { } c)
            {
                bind.Add(new XAttribute("constraint", c));
                if (q.ConstraintMessage is { } cm)
                {
                    bind.Add(new XAttribute(_jr + "constraintMsg", Itext(path + ":jr:constraintMsg", cm)));
                }
            }

            binds.Add(bind);
            var control = new XElement(_xf + (q.Type == "select_one" ? "select1" : "input"), new XAttribute("ref", path),
                new XElement(_xf + "label", new XAttribute("ref", Itext(path + ":label", q.Label))));
            if (q.Hint is { } hint)
            {
                control.Add(new XElement(_xf + "hint", new XAttribute("ref", Itext(path + ":hint", hint))));
            }

            if (q.List is { } list)
            {
                var filter = q.Filter is { } f ? $"[{f.Column}= {questionPath[f.Question]} ]" : "";
                control.Add(new XElement(_xf + "itemset", new XAttribute("nodeset", $"instance('{list}')/root/item{filter}"),
                    new XElement(_xf + "value", new XAttribute("ref", "name")),
                    new XElement(_xf + "label", new XAttribute("ref", "jr:itext(itextId)"))));
            }

            return control;
        }

        var body = new XElement(_h + "body");
        var data = new XElement(_xf + "data", new XAttribute("id", FormId), new XAttribute("version", Version));
        foreach (var q in Top)
        {
            data.Add(new XElement(_xf + q.Name, q.Default));
            body.Add(Control(null, q));
        }

        foreach (var group in Groups)
        {
            var node = new XElement(_xf + group.Name);
            var control = new XElement(_xf + "group", new XAttribute("ref", $"/data/{group.Name}"),
                new XElement(_xf + "label", new XAttribute("ref", Itext($"/data/{group.Name}:label", group.Label))));
            foreach (var q in group.Questions)
            {
                node.Add(new XElement(_xf + q.Name, q.Default));
                control.Add(Control(group, q));
            }

            data.Add(node);
            body.Add(control);
        }

        data.Add(new XElement(_xf + "meta", new XElement(_xf + "instanceID")));
        binds.Add(new XElement(_xf + "bind", new XAttribute("nodeset", "/data/meta/instanceID"), new XAttribute("type", "string"),
            new XAttribute("readonly", "true()"), new XAttribute(_jr + "preload", "uid")));

        var instances = new List<XElement>();
        foreach (var list in Choices.GroupBy(c => c.List))
        {
            var root = new XElement(_xf + "root");
            var index = 0;
            foreach (var choice in list)
            {
                var id = $"{list.Key}-{index++}";
                texts.Add((id, choice.Label));
                var item = new XElement(_xf + "item", new XElement(_xf + "itextId", id), new XElement(_xf + "name", choice.Name));
                foreach (var (column, value) in choice.Filters)
                {
                    item.Add(new XElement(_xf + column, value));
                }

                root.Add(item);
            }

            instances.Add(new XElement(_xf + "instance", new XAttribute("id", list.Key), root));
        }

        var itext = new XElement(_xf + "itext",
            new XElement(_xf + "translation", new XAttribute("default", "true()"), new XAttribute("lang", Indonesian),
                texts.Select(t => new XElement(_xf + "text", new XAttribute("id", t.Id), new XElement(_xf + "value", t.Text.Id)))),
            new XElement(_xf + "translation", new XAttribute("lang", English),
                texts.Select(t => new XElement(_xf + "text", new XAttribute("id", t.Id), new XElement(_xf + "value", t.Text.En)))));

        var model = new XElement(_xf + "model", new XAttribute(_odk + "xforms-version", "1.0.0"), itext,
            new XElement(_xf + "instance", data), instances, binds);
        var html = new XElement(_h + "html",
            new XAttribute("xmlns", _xf.NamespaceName), new XAttribute(XNamespace.Xmlns + "h", _h.NamespaceName),
            new XAttribute(XNamespace.Xmlns + "jr", _jr.NamespaceName), new XAttribute(XNamespace.Xmlns + "odk", _odk.NamespaceName),
            new XAttribute(XNamespace.Xmlns + "orx", _orx.NamespaceName),
            new XElement(_h + "head", new XElement(_h + "title", Title), model),
            body);
        return new XDeclaration("1.0", "utf-8", null) + Environment.NewLine + html.ToString();
    }
}
