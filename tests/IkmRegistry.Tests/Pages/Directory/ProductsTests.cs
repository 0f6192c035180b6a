using IkmRegistry.Web.Pages.Directory;
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
    public async Task A_common_product_shows_each_place_with_its_count_and_first_makers_and_pages_the_rest()
    {
        int first;
        await using (var data = new DirectoryData(App.NewDbContext()))
        {
            first = (await data.UnitAsync("Amplang 0000", DirectoryData.Pahandut, "pangan", products: "amplang")).Id;
            await data.UnitAsync("Amplang Menteng", DirectoryData.Menteng, "pangan", products: "Amplang");
        }

        // 120 more listed businesses in Pahandut: half make "amplang", half the weaker match "amplank".
        var columns = await App.TextAsync("""
            SELECT string_agg(column_name, ', ' ORDER BY ordinal_position) FROM information_schema.columns
             WHERE table_schema = 'public' AND table_name = 'industrial_unit' AND column_name NOT IN ('id', 'business_name', 'main_products')
            """);
        await App.ExecuteAsync($"""
            INSERT INTO industrial_unit (id, business_name, main_products, {columns})
            SELECT {first} + 10 + n, 'Amplang ' || lpad(n::text, 4, '0'), CASE WHEN n % 2 = 0 THEN 'amplang' ELSE 'amplank' END, {columns}
              FROM industrial_unit, generate_series(1, 120) n WHERE id = {first}
            """);

        using var browser = new Browser(App);
        var page = await browser.GetAsync("/Directory/Products?q=amplang");

        Assert.Equal(HttpStatusCode.OK, browser.LastStatus);
        // The exact product first, then the similar one; each place with its count and its first makers by name.
        Assert.Equal(["amplang", "amplank"], page.QuerySelectorAll(".product-group h3").Select(h => h.TextContent.Trim()).ToArray());
        var amplang = page.QuerySelectorAll(".product-group")[0];
        var places = amplang.QuerySelectorAll(".product-place");
        Assert.Equal(["Kelurahan Menteng", "Kelurahan Pahandut"], places.Select(p => p.QuerySelector("a")!.TextContent.Trim()).ToArray());
        var pahandut = places[1];
        Assert.Equal("61", pahandut.GetAttribute("data-makers"));
        Assert.Equal(["Amplang 0000", "Amplang 0002", "Amplang 0004", "Amplang 0006", "Amplang 0008"],
            pahandut.QuerySelectorAll(".product-makers a").Select(a => a.TextContent.Trim()).ToArray());
        Assert.Null(places[0].QuerySelector(".product-place-all"));
        Assert.Equal(1 + 2 * ProductSearch.MakersPerPlace, page.QuerySelectorAll("a[data-kind='usaha']").Length);

        // "See all" opens that product in that kelurahan, paged by name.
        var all = pahandut.QuerySelector("a.product-place-all")!.GetAttribute("href")!;
        Assert.Contains("Lihat semua 61 pembuat amplang di Kelurahan Pahandut", pahandut.TextContent, StringComparison.Ordinal);
        var firstPage = await browser.GetAsync(all);
        Assert.Equal(HttpStatusCode.OK, browser.LastStatus);
        var listed = firstPage.QuerySelectorAll("a[data-kind='usaha']").Select(a => a.TextContent.Trim()).ToList();
        Assert.Equal(ProductSearch.PageSize, listed.Count);
        Assert.Equal("Amplang 0000", listed[0]);
        var next = firstPage.QuerySelector("a[rel='next']")!.GetAttribute("href")!;
        var secondPage = await browser.GetAsync(next);
        var rest = secondPage.QuerySelectorAll("a[data-kind='usaha']").Select(a => a.TextContent.Trim()).ToList();
        Assert.Equal(61 - ProductSearch.PageSize, rest.Count);
        Assert.Equal("Amplang 0120", rest[^1]);
        Assert.Empty(listed.Intersect(rest));
        Assert.DoesNotContain(rest.Concat(listed), n => int.Parse(n[^4..], System.Globalization.CultureInfo.InvariantCulture) % 2 == 1);
        Assert.Null(secondPage.QuerySelector("a[rel='next']"));
    }

    [Fact]
    public async Task A_word_that_matches_many_products_shows_the_most_similar_and_says_so()
    {
        await using (var data = new DirectoryData(App.NewDbContext()))
        {
            for (var i = 0; i < ProductSearch.ProductLimit + 3; i++)
            {
                await data.UnitAsync($"Kerupuk {i}", DirectoryData.Marang, "pangan", products: $"kerupuk rasa {i:00}");
            }
        }

        using var browser = new Browser(App);
        var page = await browser.GetAsync("/Directory/Products?q=kerupuk");

        Assert.Equal(ProductSearch.ProductLimit, page.QuerySelectorAll(".product-group").Length);
        Assert.NotNull(page.QuerySelector("[data-more-products]"));
    }
}
