namespace IkmRegistry.Tests;

public class StylesheetTests
{
    /// <summary>Branches append sections to site.css; a lost closing brace silently swallows every rule after it.</summary>
    [Fact]
    public void The_sites_stylesheet_has_balanced_braces()
    {
        var css = File.ReadAllText(Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "src", "IkmRegistry.Web", "wwwroot", "css", "site.css")));
        var depth = 0;
        var line = 1;
        foreach (var c in System.Text.RegularExpressions.Regex.Replace(css, @"/\*.*?\*/", m => new string('\n', m.Value.Count(ch => ch == '\n')), System.Text.RegularExpressions.RegexOptions.Singleline))
        {
            line += c == '\n' ? 1 : 0;
            depth += c == '{' ? 1 : c == '}' ? -1 : 0;
            Assert.True(depth is >= 0 and <= 2, $"site.css: unexpected brace nesting ({depth}) at line {line}");
        }

        Assert.Equal(0, depth);
    }
}
