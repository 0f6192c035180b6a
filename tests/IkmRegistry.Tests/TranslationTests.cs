using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace IkmRegistry.Tests;

/// <summary>Indonesian is the key of every string; English must exist for each one the app uses.</summary>
public partial class TranslationTests
{
    [GeneratedRegex("""\b[Ll]\["((?:[^"\\]|\\.)+)"[\],]""")]
    private static partial Regex LocalizedKey();

    [Fact]
    public void Every_localized_string_in_the_app_has_an_English_translation()
    {
        var web = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "src", "IkmRegistry.Web"));
        var names = XDocument.Load(Path.Combine(web, "Resources", "SharedResource.en.resx"))
            .Root!.Elements("data").Select(d => (string)d.Attribute("name")!).ToList();
        // Resource names are case-insensitive: a second "Kategori"/"kategori" would be dropped by the build.
        var duplicates = names.GroupBy(n => n, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(duplicates.Count == 0, "Duplicate resource names: " + string.Join(", ", duplicates));
        var english = names.ToHashSet();

        var used = Directory.EnumerateFiles(web, "*.*", SearchOption.AllDirectories)
            .Where(f => (f.EndsWith(".cshtml", StringComparison.Ordinal) || f.EndsWith(".cs", StringComparison.Ordinal))
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => LocalizedKey().Matches(File.ReadAllText(f)).Select(m => (File: Path.GetFileName(f), Key: Regex.Unescape(m.Groups[1].Value))))
            .ToList();

        Assert.NotEmpty(used);
        var missing = used.Where(u => !english.Contains(u.Key)).Select(u => $"{u.File}: \"{u.Key}\"").Distinct().ToList();
        Assert.True(missing.Count == 0, "Missing English (scripts/add-translation.py):\n" + string.Join("\n", missing));
    }

    [Fact]
    public void Every_text_of_the_unit_field_definition_has_an_English_translation()
    {
        var web = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "src", "IkmRegistry.Web"));
        var english = XDocument.Load(Path.Combine(web, "Resources", "SharedResource.en.resx"))
            .Root!.Elements("data").Select(d => (string)d.Attribute("name")!).ToHashSet();
        // Read by the form, the unit page and the validator through L[field.Label] and the like, which the scan above cannot see.
        var texts = IkmRegistry.Web.Domain.UnitFields.All
            .SelectMany(f => new[] { f.Label, f.Help, f.EmptyChoice, f.RequiredMessage }
                .Concat(f.Rules.Select(r => r.Message)).Concat(f.Choices.Select(c => c.Label))
                .Concat(f.ShowTranslated && f.Input == IkmRegistry.Web.Domain.FieldInput.Checkbox ? ["Setuju", "Tidak setuju"] : []))
            .Concat(Enum.GetValues<IkmRegistry.Web.Domain.FieldGroup>().Select(IkmRegistry.Web.Domain.UnitFields.Heading))
            .OfType<string>().Distinct();

        var missing = texts.Where(t => !english.Contains(t)).ToList();

        Assert.True(missing.Count == 0, "Missing English (scripts/add-translation.py):\n" + string.Join("\n", missing));
    }
}
