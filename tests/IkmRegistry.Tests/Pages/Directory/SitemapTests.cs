using System.Xml.Linq;

namespace IkmRegistry.Tests.Pages.Directory;

public class SitemapTests(RegistryApp app) : RegistryTest(app)
{
    [Fact]
    public async Task The_sitemap_lists_the_public_pages_every_active_sentra_and_every_active_kelurahan_each_with_title_and_description()
    {
        await using (var data = new DirectoryData(App.NewDbContext()))
        {
            await data.SentraAsync("Sentra IKM Amplang Pahandut", DirectoryData.Pahandut, ["pangan"]);
            await data.SentraAsync("Sentra IKM Rotan Marang", DirectoryData.Marang, ["kerajinan"]);
            await data.SentraAsync("Sentra IKM Baru Dibentuk", DirectoryData.Menteng, ["kayu"], SentraStatus.DalamPembentukan);
        }

        using var browser = new Browser(App);
        using var response = await browser.Client.GetAsync("/sitemap.xml");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/xml", response.Content.Headers.ContentType!.MediaType);

        XNamespace ns = "http://www.sitemaps.org/schemas/sitemap/0.9";
        var urls = XDocument.Parse(await response.Content.ReadAsStringAsync()).Root!
            .Elements(ns + "url").Select(u => new Uri(u.Element(ns + "loc")!.Value)).ToList();
        var paths = urls.Select(u => u.AbsolutePath).ToList();

        Assert.Contains("/", paths);
        Assert.Contains("/Directory", paths);
        Assert.Contains("/Directory/Overview", paths);
        Assert.Contains("/Directory/OpenData", paths);
        Assert.Contains("/Directory/Sentra/sentra-ikm-amplang-pahandut", paths);
        Assert.Contains("/Directory/Sentra/sentra-ikm-rotan-marang", paths);
        Assert.DoesNotContain("/Directory/Sentra/sentra-ikm-baru-dibentuk", paths);
        Assert.Equal(30, paths.Count(p => p.StartsWith("/Directory/Kelurahan/", StringComparison.Ordinal)));
        Assert.All(urls, u => Assert.True(u.IsAbsoluteUri));

        foreach (var url in urls)
        {
            var page = await browser.GetAsync(url.PathAndQuery);
            Assert.True(browser.LastStatus == HttpStatusCode.OK, $"{url} answered {browser.LastStatus}");
            // Every listed page can be found and previewed by search engines: its own title and description.
            Assert.False(string.IsNullOrWhiteSpace(page.QuerySelector("meta[name=description]")?.GetAttribute("content")), $"{url} has no meta description");
            Assert.Contains(page.QuerySelector("h1")!.TextContent.Trim(), page.Title, StringComparison.Ordinal);
        }
    }
}
