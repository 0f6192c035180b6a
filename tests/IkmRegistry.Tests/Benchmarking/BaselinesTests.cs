using AngleSharp.Html.Parser;
using IkmRegistry.Web.Benchmarking;

namespace IkmRegistry.Tests.Benchmarking;

/// <summary>The plumbing of scripts/bench.sh: its baseline endpoints exist only when the setting is on. Nothing here is timed.</summary>
public class BaselinesTests(RegistryApp app) : RegistryTest(app)
{
    [Fact]
    public async Task Baseline_endpoints_exist_only_when_Benchmark_Baselines_is_on()
    {
        using (var client = App.CreateClient())
        {
            using var b0 = await client.GetAsync("/benchmark/b0");
            using var b1 = await client.GetAsync("/benchmark/b1");
            Assert.Equal(HttpStatusCode.NotFound, b0.StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, b1.StatusCode);
        }

        await using var benchmark = App.WithWebHostBuilder(builder => builder.UseSetting(Baselines.Setting, "true"));
        using var benchmarkClient = benchmark.CreateClient();
        using var plain = await benchmarkClient.GetAsync("/benchmark/b0");
        using var page = await benchmarkClient.GetAsync("/benchmark/b1");

        Assert.Equal(HttpStatusCode.OK, plain.StatusCode);
        Assert.Equal("B0", await plain.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType!.MediaType);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("62.71.01.1001", html);
        Assert.Equal(30, html.Split("<tr><td>").Length - 1);
    }

    [Fact]
    public async Task B2_shows_the_same_sentra_count_and_order_as_the_directorys_first_page_at_about_its_size()
    {
        // Twelve active sentra (two pages), one in formation (not listed), members in some, two categories in one.
        for (var i = 1; i <= 12; i++)
        {
            var code = $"62.71.0{(i % 5) + 1}.100{(i % 6) + 1}";
            await Seed.SentraAsync(App, $"Sentra IKM Uji {i:00} <b>&amp;</b>", code, members: i % 3);
        }

        await Seed.SentraAsync(App, "Sentra Dalam Pembentukan", status: SentraStatus.DalamPembentukan);
        await using (var db = App.NewDbContext())
        {
            var sentra = db.Sentra.Include(s => s.Categories).OrderBy(s => s.Id).First();
            sentra.Categories.Add(db.ProductCategories.Single(c => c.Code == "kerajinan"));
            sentra.Products = "amplang, kerupuk";
            await db.SaveChangesAsync();
        }

        await using var benchmark = App.WithWebHostBuilder(builder => builder.UseSetting(Baselines.Setting, "true"));
        using var client = benchmark.CreateClient();
        var directory = await client.GetStringAsync("/Directory");
        var b2 = await client.GetStringAsync("/benchmark/b2");

        var parser = new HtmlParser();
        var directoryPage = await parser.ParseDocumentAsync(directory);
        var b2Page = await parser.ParseDocumentAsync(b2);
        static string[] Entries(AngleSharp.Dom.IDocument page) => page.QuerySelectorAll("article.sentra-entry")
            .Select(a => string.Join(" | ", a.QuerySelector("h3")!.TextContent.Trim(), a.QuerySelector(".card-subtitle")!.TextContent.Trim().ReplaceLineEndings(" "),
                string.Join(",", a.QuerySelectorAll("[data-category]").Select(c => c.GetAttribute("data-category"))),
                a.QuerySelector("[data-field=members]")!.TextContent, a.QuerySelector("[data-field=products]")?.TextContent))
            .ToArray();
        static string Count(AngleSharp.Dom.IDocument page) => page.QuerySelector("#results-title")!.GetAttribute("data-result-count")!;

        Assert.Equal(10, Entries(directoryPage).Length);
        Assert.Equal(Entries(directoryPage), Entries(b2Page));
        Assert.Equal("12", Count(directoryPage));
        Assert.Equal(Count(directoryPage), Count(b2Page));
        Assert.Equal(directoryPage.QuerySelectorAll("select option").Length, b2Page.QuerySelectorAll("select option").Length);
        // "The same content and size": within a fifth of the page's bytes, so the ratio compares like with like.
        Assert.InRange(b2.Length, directory.Length * 0.8, directory.Length * 1.2);
    }
}
