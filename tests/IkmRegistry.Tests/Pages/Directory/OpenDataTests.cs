namespace IkmRegistry.Tests.Pages.Directory;

public class OpenDataTests(RegistryApp app) : RegistryTest(app)
{
    [Fact]
    public async Task The_open_data_page_links_a_CSV_and_a_JSON_download_for_every_dataset_and_each_link_answers()
    {
        using var browser = new Browser(App);
        var page = await browser.GetAsync("/Directory");
        page = await browser.GetAsync(page.QuerySelectorAll<IHtmlAnchorElement>("main a").Single(a => a.TextContent.Trim() == "Data terbuka").GetAttribute("href")!);

        Assert.Equal("/Directory/OpenData", browser.LastUrl!.AbsolutePath);
        var links = page.QuerySelectorAll(".open-datasets a").Select(a => a.GetAttribute("href")!).ToList();
        Assert.Equal(
            ["/api/v1/sentra.csv", "/api/v1/sentra", "/api/v1/kelurahan.csv", "/api/v1/kelurahan", "/api/v1/businesses.csv", "/api/v1/businesses",
             "/api/v1/units/by-kelurahan-category.csv", "/api/v1/units/by-kelurahan-category", "/api/v1/units/by-kecamatan.csv", "/api/v1/units/by-kecamatan"],
            links);
        foreach (var link in links.Append("/openapi/v1.json"))
        {
            using var response = await browser.Client.GetAsync(link);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{link} answered {response.StatusCode}");
        }
    }
}
