using System.Text.RegularExpressions;

namespace IkmRegistry.Tests.Security;

/// <summary>
/// The Content-Security-Policy allows no inline script or style: a page that adds one would break in the
/// browser, so it fails here first.
/// </summary>
public partial class InlineCodeTests
{
    [GeneratedRegex(@"<script\b(?![^>]*\bsrc\s*=)[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();

    [GeneratedRegex(@"<style\b", RegexOptions.IgnoreCase)]
    private static partial Regex StyleBlock();

    [GeneratedRegex(@"\sstyle\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex StyleAttribute();

    [GeneratedRegex(@"\son[a-z]+\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex EventHandlerAttribute();

    [GeneratedRegex(@"javascript:", RegexOptions.IgnoreCase)]
    private static partial Regex JavaScriptUrl();

    public static string PagesFolder()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var pages = Path.Combine(folder.FullName, "src", "IkmRegistry.Web", "Pages");
            if (Directory.Exists(pages))
            {
                return pages;
            }
        }

        throw new DirectoryNotFoundException("src/IkmRegistry.Web/Pages not found above " + AppContext.BaseDirectory);
    }

    [Fact]
    public void No_page_has_inline_script_style_or_event_handlers()
    {
        var files = Directory.GetFiles(PagesFolder(), "*.cshtml", SearchOption.AllDirectories);
        Assert.NotEmpty(files);
        var problems = new List<string>();
        foreach (var file in files)
        {
            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
            {
                foreach (var (pattern, what) in new[]
                {
                    (InlineScript(), "inline <script> (use a file in wwwroot/js)"),
                    (StyleBlock(), "<style> block (use wwwroot/css)"),
                    (StyleAttribute(), "style= attribute (use a class)"),
                    (EventHandlerAttribute(), "on...= handler (attach it from a script file)"),
                    (JavaScriptUrl(), "javascript: URL"),
                })
                {
                    if (pattern.IsMatch(lines[i]))
                    {
                        problems.Add($"{Path.GetRelativePath(PagesFolder(), file)}:{i + 1}: {what}");
                    }
                }
            }
        }

        Assert.True(problems.Count == 0, "The Content-Security-Policy blocks these:\n" + string.Join('\n', problems));
    }

    [Fact]
    public void The_scan_recognises_what_the_policy_blocks()
    {
        Assert.Matches(InlineScript(), "<script>alert(1)</script>");
        Assert.Matches(InlineScript(), "<script type=\"module\">");
        Assert.DoesNotMatch(InlineScript(), "<script src=\"~/js/site.js\" asp-append-version=\"true\"></script>");
        Assert.Matches(StyleAttribute(), "<div style=\"color:red\">");
        Assert.Matches(EventHandlerAttribute(), "<button onclick=\"go()\">");
        Assert.DoesNotMatch(EventHandlerAttribute(), "<input asp-for=\"Input.Name\" />");
    }
}
