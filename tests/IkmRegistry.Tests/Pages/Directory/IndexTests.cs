namespace IkmRegistry.Tests.Pages.Directory;

public class IndexTests(RegistryApp app) : RegistryTest(app)
{
    private static List<string> Names(IDocument page) =>
        [.. page.QuerySelectorAll(".sentra-entry .card-title").Select(e => e.TextContent.Trim())];

    private static IElement Entry(IDocument page, string name) =>
        page.QuerySelectorAll(".sentra-entry").Single(e => e.QuerySelector(".card-title")!.TextContent.Trim() == name);

    [Fact]
    public async Task The_directory_lists_only_active_sentra_with_area_categories_products_member_count_and_founding_year()
    {
        await using (var data = new DirectoryData(App.NewDbContext()))
        {
            var amplang = await data.SentraAsync("Sentra IKM Amplang Pahandut", DirectoryData.Pahandut, ["pangan", "kerajinan"],
                products: "amplang ikan pipih, kerupuk haruan", foundedOn: new DateOnly(2019, 8, 17));
            await data.UnitsAsync(3, DirectoryData.Pahandut, "pangan", amplang);
            await data.UnitAsync("Usaha yang sudah tutup", DirectoryData.Pahandut, "pangan", amplang, status: UnitStatus.Tutup);
            await data.UnitAsync("Usaha yang sudah keluar", DirectoryData.Pahandut, "pangan", amplang, leftSentra: true);
            await data.UnitAsync("Usaha tanpa izin tampil", DirectoryData.Pahandut, "pangan", amplang, consent: false);
            await data.SentraAsync("Sentra IKM Dalam Pembentukan", DirectoryData.Marang, ["kayu"], SentraStatus.DalamPembentukan);
            await data.SentraAsync("Sentra IKM Tidak Aktif", DirectoryData.Menteng, ["kayu"], SentraStatus.TidakAktif);
        }

        using var browser = new Browser(App);
        var page = await browser.GetAsync("/Directory");

        Assert.Equal(System.Net.HttpStatusCode.OK, browser.LastStatus);
        Assert.Equal(["Sentra IKM Amplang Pahandut"], Names(page));
        Assert.Equal("1", page.QuerySelector("[data-result-count]")!.GetAttribute("data-result-count"));
        var entry = Entry(page, "Sentra IKM Amplang Pahandut");
        Assert.Contains("Kelurahan Pahandut", entry.TextContent);
        Assert.Contains("Kecamatan Pahandut", entry.TextContent);
        // Categories in the agency's own order (kayu, kerajinan, pangan, ...), whatever order they were given in.
        Assert.Equal(["kerajinan", "pangan"], entry.QuerySelectorAll("[data-category]").Select(c => c.GetAttribute("data-category")!));
        Assert.Equal("amplang ikan pipih, kerupuk haruan", entry.QuerySelector("[data-field=products]")!.TextContent.Trim());
        // Active memberships of active units, consenting or not: 3 + the one without consent.
        Assert.Equal("4", entry.QuerySelector("[data-field=members]")!.TextContent.Trim());
        Assert.Equal("2019", entry.QuerySelector("[data-field=founded]")!.TextContent.Trim());
        Assert.Equal("/Directory/Sentra/sentra-ikm-amplang-pahandut", entry.QuerySelector(".card-title a")!.GetAttribute("href"));
        Assert.Contains("Direktori Sentra IKM", page.Title);
        Assert.False(string.IsNullOrWhiteSpace(page.QuerySelector("meta[name=description]")?.GetAttribute("content")));
    }

    [Fact]
    public async Task Filters_by_kecamatan_kelurahan_and_category_narrow_the_list_and_stay_in_the_form()
    {
        await using (var data = new DirectoryData(App.NewDbContext()))
        {
            await data.SentraAsync("Sentra IKM Pangan Pahandut", DirectoryData.Pahandut, ["pangan"]);
            await data.SentraAsync("Sentra IKM Kerajinan Pahandut Seberang", DirectoryData.PahandutSeberang, ["kerajinan"]);
            await data.SentraAsync("Sentra IKM Kayu Marang", DirectoryData.Marang, ["kayu", "pangan"]);
            await data.SentraAsync("Sentra IKM Batik Menteng", DirectoryData.Menteng, ["sandang"]);
        }

        using var browser = new Browser(App);
        var page = await browser.GetAsync("/Directory?kecamatan=62.71.01");
        Assert.Equal(["Sentra IKM Pangan Pahandut", "Sentra IKM Kerajinan Pahandut Seberang"], Names(page));
        Assert.Equal("62.71.01", page.QuerySelector<IHtmlSelectElement>("select[name=kecamatan]")!.Value);

        page = await browser.GetAsync("/Directory?kelurahan=marang");
        Assert.Equal(["Sentra IKM Kayu Marang"], Names(page));
        Assert.Equal("marang", page.QuerySelector<IHtmlSelectElement>("select[name=kelurahan]")!.Value);

        page = await browser.GetAsync("/Directory?kategori=pangan");
        Assert.Equal(["Sentra IKM Kayu Marang", "Sentra IKM Pangan Pahandut"], Names(page));
        Assert.Equal("pangan", page.QuerySelector<IHtmlSelectElement>("select[name=kategori]")!.Value);

        page = await browser.GetAsync("/Directory?kecamatan=62.71.02&kategori=sandang");
        Assert.Empty(Names(page));
        Assert.Contains("Tidak ada sentra yang cocok.", page.QuerySelector("#results-title")!.TextContent);
    }

    [Fact]
    public async Task The_filter_form_is_a_GET_form_whose_fields_become_the_URL()
    {
        using var browser = new Browser(App);
        var page = await browser.GetAsync("/Directory");
        var form = page.QuerySelector<IHtmlFormElement>("form.directory-filters")!;

        Assert.Equal("get", form.Method, ignoreCase: true);
        Assert.Equal(["q", "kecamatan", "kelurahan", "kategori"], form.Elements.OfType<IHtmlElement>().Select(e => e.GetAttribute("name")).OfType<string>());
        // Every field has a visible label.
        foreach (var field in form.QuerySelectorAll("input[name], select[name]"))
        {
            Assert.NotNull(page.QuerySelector($"label[for={field.Id}]"));
        }

        Assert.Equal(6, form.QuerySelectorAll("select[name=kecamatan] option").Length);
        Assert.Equal(31, form.QuerySelectorAll("select[name=kelurahan] option").Length);
        Assert.Equal(7, form.QuerySelectorAll("select[name=kategori] option").Length);
    }

    [Fact]
    public async Task Search_matches_sentra_names_and_products_ignoring_case_and_treats_wildcards_as_text()
    {
        await using (var data = new DirectoryData(App.NewDbContext()))
        {
            await data.SentraAsync("Sentra IKM Pangan Pahandut", DirectoryData.Pahandut, ["pangan"], products: "amplang ikan pipih, madu kelulut");
            await data.SentraAsync("Sentra IKM Rotan Marang", DirectoryData.Marang, ["kerajinan"], products: "anyaman rotan");
            await data.SentraAsync("Sentra IKM Batik Menteng", DirectoryData.Menteng, ["sandang"], products: "batik benang bintik");
        }

        using var browser = new Browser(App);
        Assert.Equal(["Sentra IKM Pangan Pahandut"], Names(await browser.GetAsync("/Directory?q=AMPLANG")));
        Assert.Equal(["Sentra IKM Rotan Marang"], Names(await browser.GetAsync("/Directory?q=rotan")));
        Assert.Equal(["Sentra IKM Batik Menteng"], Names(await browser.GetAsync("/Directory?q=%20batik%20&kecamatan=62.71.03")));
        Assert.Empty(Names(await browser.GetAsync("/Directory?q=%25")));
        Assert.Empty(Names(await browser.GetAsync("/Directory?q=ro_an")));
        var page = await browser.GetAsync("/Directory?q=rotan");
        Assert.Equal("rotan", page.QuerySelector<IHtmlInputElement>("input[name=q]")!.Value);
    }

    [Fact]
    public async Task Paging_shows_ten_sentra_a_page_in_kelurahan_order_with_links_that_keep_the_filters()
    {
        await App.LoadDemoDataAsync();

        List<string> expected;
        await using (var db = App.NewDbContext())
        {
            expected = await db.Sentra.Where(s => s.Status == SentraStatus.Aktif)
                .OrderBy(s => s.Kelurahan.Name).ThenBy(s => s.Name).Select(s => s.Name).ToListAsync();
        }

        using var browser = new Browser(App);
        var first = await browser.GetAsync("/Directory");
        Assert.Equal("23", first.QuerySelector("[data-result-count]")!.GetAttribute("data-result-count"));
        Assert.Equal(expected.Take(10), Names(first));
        Assert.Equal(["1", "2", "3", "Berikutnya"], first.QuerySelectorAll(".pagination a").Select(a => a.TextContent.Trim()));
        Assert.Equal("page", first.QuerySelector(".pagination a[aria-current]")!.GetAttribute("aria-current"));

        var next = first.QuerySelectorAll<IHtmlAnchorElement>(".pagination a").Single(a => a.TextContent.Trim() == "Berikutnya");
        var second = await browser.GetAsync(next.GetAttribute("href")!);
        Assert.Equal(expected.Skip(10).Take(10), Names(second));

        var third = await browser.GetAsync("/Directory?halaman=3");
        Assert.Equal(expected.Skip(20), Names(third));
        Assert.Equal(expected.Skip(20), Names(await browser.GetAsync("/Directory?halaman=99")));

        // A filtered list pages with its filter.
        var filtered = await browser.GetAsync("/Directory?q=sentra&kategori=pangan");
        var filteredCount = int.Parse(filtered.QuerySelector("[data-result-count]")!.GetAttribute("data-result-count")!, System.Globalization.CultureInfo.InvariantCulture);
        await using (var db = App.NewDbContext())
        {
            Assert.Equal(await db.Sentra.CountAsync(s => s.Status == SentraStatus.Aktif && s.Categories.Any(c => c.Code == "pangan")), filteredCount);
        }

        if (filteredCount > 10)
        {
            var href = filtered.QuerySelectorAll(".pagination a").Single(a => a.TextContent.Trim() == "2").GetAttribute("href")!;
            Assert.Contains("kategori=pangan", href);
            Assert.Contains("q=sentra", href);
            Assert.Contains("halaman=2", href);
        }
    }
}
