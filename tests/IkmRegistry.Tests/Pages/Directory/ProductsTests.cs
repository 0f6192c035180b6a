using System.Net;
using IkmRegistry.Tests.Infrastructure;
using IkmRegistry.Web.Domain;
using static IkmRegistry.Tests.Dashboard.DashboardPage;

namespace IkmRegistry.Tests.Pages.Directory;

/// <summary>The public product search over the sentra and every listed business, in a sentra or not.</summary>
public class ProductsTests(RegistryApp app) : RegistryTest(app)
{
    private static List<string> Makers(IDocument page) =>
        [.. page.QuerySelectorAll(".product-makers a").Select(a => a.TextContent.Trim()).Distinct().Order()];

    [Fact]
    public async Task The_search_finds_consenting_businesses_outside_sentra_and_never_a_non_consenting_or_closed_one()
    {
        await using (var data = new DirectoryData(App.NewDbContext()))
        {
            var sentra = await data.SentraAsync("Sentra IKM Amplang Pahandut", DirectoryData.Pahandut, ["pangan"], products: "amplang, kerupuk ikan");
            await data.UnitAsync("Amplang Anggota Sentra", DirectoryData.Pahandut, "pangan", sentra, products: "amplang ikan haruan");
            await data.UnitAsync("Amplang Di Luar Sentra", DirectoryData.Kalampangan, "pangan", products: "amplang ikan pipih, abon ikan");
            await data.UnitAsync("Amplang Tanpa Persetujuan", DirectoryData.Pahandut, "pangan", consent: false, products: "amplang ikan");
            await data.UnitAsync("Amplang Sudah Tutup", DirectoryData.Menteng, "pangan", status: UnitStatus.Tutup, products: "amplang ikan");
            await data.UnitAsync("Tas Rotan Marang", DirectoryData.Marang, "kerajinan", products: "tas rotan");
        }

        using var browser = new Browser(App);
        var page = await browser.GetAsync("/Directory/Products?q=amplang");

        Assert.Equal(HttpStatusCode.OK, browser.LastStatus);
        Assert.Equal(["Amplang Anggota Sentra", "Amplang Di Luar Sentra", "Sentra IKM Amplang Pahandut"], Makers(page));
        Assert.DoesNotContain("Tanpa Persetujuan", page.Body!.TextContent);
        Assert.DoesNotContain("Sudah Tutup", page.Body!.TextContent);
        // Grouped by product, each with its kelurahan.
        var pipih = page.QuerySelectorAll(".product-group").Single(g => g.QuerySelector("h3")!.TextContent.Trim() == "amplang ikan pipih");
        Assert.Contains("Kelurahan Kalampangan", pipih.TextContent);
        Assert.DoesNotContain("abon", pipih.TextContent);
    }

    [Theory]
    [InlineData("amplank", "Amplang Haruan")]
    [InlineData("krupuk", "Kerupuk Basah Bu Ani")]
    [InlineData("kerupuk", "Krupuk Ikan Pak Udin")]
    public async Task The_search_forgives_typos_and_indonesian_spelling_variants(string query, string expected)
    {
        await using (var data = new DirectoryData(App.NewDbContext()))
        {
            await data.UnitAsync("Amplang Haruan", DirectoryData.Pahandut, "pangan", products: "amplang ikan haruan");
            await data.UnitAsync("Kerupuk Basah Bu Ani", DirectoryData.Menteng, "pangan", products: "kerupuk basah");
            await data.UnitAsync("Krupuk Ikan Pak Udin", DirectoryData.Marang, "pangan", products: "krupuk ikan");
            await data.UnitAsync("Batik Benang Bintik", DirectoryData.Menteng, "sandang", products: "batik benang bintik");
        }

        using var browser = new Browser(App);
        var page = await browser.GetAsync($"/Directory/Products?q={query}");

        Assert.Contains(expected, Makers(page));
        Assert.DoesNotContain("Batik Benang Bintik", Makers(page));
    }

    [Fact]
    public async Task Category_and_kelurahan_narrow_the_search()
    {
        await using (var data = new DirectoryData(App.NewDbContext()))
        {
            await data.UnitAsync("Kerupuk Pahandut", DirectoryData.Pahandut, "pangan", products: "kerupuk ikan");
            await data.UnitAsync("Kerupuk Menteng", DirectoryData.Menteng, "pangan", products: "kerupuk ikan");
            await data.UnitAsync("Tas Rotan Menteng", DirectoryData.Menteng, "kerajinan", products: "tas rotan");
        }

        using var browser = new Browser(App);
        Assert.Equal(["Kerupuk Menteng"], Makers(await browser.GetAsync("/Directory/Products?q=kerupuk&kelurahan=menteng")));
        Assert.Equal(["Tas Rotan Menteng"], Makers(await browser.GetAsync("/Directory/Products?kategori=kerajinan")));
        var none = await browser.GetAsync("/Directory/Products?q=%3Cscript%3Ezzz&kelurahan=%00");
        Assert.Equal(HttpStatusCode.OK, browser.LastStatus);
        Assert.Equal("0", none.QuerySelector("#results-title")!.GetAttribute("data-product-count"));
    }
    [Fact]
    public async Task A_common_word_lists_the_most_similar_businesses_up_to_the_limit_and_says_so()
    {
        int first;
        await using (var data = new DirectoryData(App.NewDbContext()))
        {
            first = (await data.UnitAsync("Amplang 0000", DirectoryData.Pahandut, "pangan", products: "amplang")).Id;
        }

        // More listed businesses than the search ranks (ProductSearch.CandidateLimit), half of them a weaker match.
        var columns = await App.TextAsync("""
            SELECT string_agg(column_name, ', ' ORDER BY ordinal_position) FROM information_schema.columns
             WHERE table_schema = 'public' AND table_name = 'industrial_unit' AND column_name NOT IN ('id', 'business_name', 'main_products')
            """);
        await App.ExecuteAsync($"""
            INSERT INTO industrial_unit (id, business_name, main_products, {columns})
            SELECT {first} + n, 'Amplang ' || lpad(n::text, 4, '0'), CASE WHEN n % 2 = 0 THEN 'amplang' ELSE 'amplank' END, {columns}
              FROM industrial_unit, generate_series(1, 1200) n WHERE id = {first}
            """);

        using var browser = new Browser(App);
        var page = await browser.GetAsync("/Directory/Products?q=amplang");

        Assert.Equal(HttpStatusCode.OK, browser.LastStatus);
        Assert.Equal(200, page.QuerySelectorAll("a[data-kind='usaha']").Length);
        Assert.Contains("Ditampilkan 200 usaha yang paling cocok", page.Body!.TextContent, StringComparison.Ordinal);
        // Every business listed sells "amplang" itself (similarity 1), none of the weaker "amplank" ones.
        Assert.Equal(["amplang"], page.QuerySelectorAll(".product-group h3").Select(h => h.TextContent.Trim()).ToArray());
    }
}
