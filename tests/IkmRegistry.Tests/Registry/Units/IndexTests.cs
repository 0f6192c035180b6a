using static IkmRegistry.Tests.Dashboard.DashboardPage;

namespace IkmRegistry.Tests.Registry.Units;

public class IndexTests(RegistryApp app) : RegistryTest(app)
{
    private Task<Browser> OfficialAsync() => App.SignedInAsync(Roles.Official);

    private static List<string> Names(IDocument page) =>
        [.. page.QuerySelectorAll("main table tbody tr td:first-child a").Select(a => a.TextContent)];

    [Fact]
    public async Task Search_finds_units_by_name_owner_NIB_or_products_tolerating_case_and_small_typos()
    {
        await Seed.UnitAsync(App, "Amplang Ikan Pipih Bu Sari", nib: "9120000000001");
        await Seed.UnitAsync(App, "Mebel Ulin Pak Darto", category: "kayu", configure: u => { u.OwnerName = "Darto Sugiarto"; u.MainProducts = "lemari, meja"; });
        await Seed.UnitAsync(App, "Batik Benang Bintik Isen Mulang", category: "sandang", configure: u => u.MainProducts = "kain batik");
        using var browser = await OfficialAsync();

        Assert.Equal(["Amplang Ikan Pipih Bu Sari"], Names(await browser.GetAsync("/Registry/Units?q=AMPLANG")));
        Assert.Equal(["Amplang Ikan Pipih Bu Sari"], Names(await browser.GetAsync("/Registry/Units?q=amplag")));
        Assert.Equal(["Mebel Ulin Pak Darto"], Names(await browser.GetAsync("/Registry/Units?q=sugiarto")));
        Assert.Equal(["Mebel Ulin Pak Darto"], Names(await browser.GetAsync("/Registry/Units?q=darto%20sugiato")));
        Assert.Equal(["Mebel Ulin Pak Darto"], Names(await browser.GetAsync("/Registry/Units?q=lemari")));
        Assert.Equal(["Amplang Ikan Pipih Bu Sari"], Names(await browser.GetAsync("/Registry/Units?q=9120000000001")));
        Assert.Empty(Names(await browser.GetAsync("/Registry/Units?q=%25")));
    }

    [Fact]
    public async Task Every_word_of_a_search_is_found_in_any_field_and_in_any_order()
    {
        await Seed.UnitAsync(App, "Amplang Ikan Pipih Bu Sari");
        await Seed.UnitAsync(App, "Amplang Udang Pak Darto", configure: u => u.OwnerName = "Darto Sugiarto");
        await Seed.UnitAsync(App, "Mebel Ulin Pak Darto", category: "kayu", configure: u => { u.OwnerName = "Darto Sugiarto"; u.MainProducts = "lemari, meja"; });
        using var browser = await OfficialAsync();

        Assert.Equal(["Amplang Ikan Pipih Bu Sari", "Amplang Udang Pak Darto"], Names(await browser.GetAsync("/Registry/Units?q=amplang")));
        Assert.Equal(["Amplang Udang Pak Darto"], Names(await browser.GetAsync("/Registry/Units?q=sugiarto%20amplang")));
        Assert.Equal(["Amplang Udang Pak Darto", "Mebel Ulin Pak Darto"], Names(await browser.GetAsync("/Registry/Units?q=darto%20sugiarto")));
        Assert.Equal(["Mebel Ulin Pak Darto"], Names(await browser.GetAsync("/Registry/Units?q=meja%20darto")));
        Assert.Equal(["Amplang Ikan Pipih Bu Sari"], Names(await browser.GetAsync("/Registry/Units?q=wulandari%20%20kerupuk")));
    }

    [Fact]
    public async Task A_NIB_or_its_first_digits_find_the_units_whose_NIB_starts_with_them()
    {
        await Seed.UnitAsync(App, "Amplang Satu", nib: "9120000000001");
        await Seed.UnitAsync(App, "Amplang Dua", nib: "9120000000002");
        await Seed.UnitAsync(App, "Amplang Tiga", nib: "9130000000001");
        await Seed.UnitAsync(App, "Amplang Tanpa NIB");
        using var browser = await OfficialAsync();

        Assert.Equal(["Amplang Dua", "Amplang Satu"], Names(await browser.GetAsync("/Registry/Units?q=912")));
        Assert.Equal(["Amplang Dua"], Names(await browser.GetAsync("/Registry/Units?q=9120000000002")));
        Assert.Equal(["Amplang Tiga"], Names(await browser.GetAsync("/Registry/Units?q=9130")));
        Assert.Equal(["Amplang Dua", "Amplang Satu", "Amplang Tiga"], Names(await browser.GetAsync("/Registry/Units?q=91")));
        // The middle or the end of a NIB is not a search: only its start.
        Assert.Empty(Names(await browser.GetAsync("/Registry/Units?q=0000001")));
    }

    [Fact]
    public async Task A_misspelt_word_finds_similar_names_when_no_unit_holds_the_word_itself()
    {
        await Seed.UnitAsync(App, "Amplang Ikan Pipih Bu Sari");
        await Seed.UnitAsync(App, "Mebel Ulin Pak Darto", category: "kayu", configure: u => { u.OwnerName = "Darto Sugiarto"; u.MainProducts = "lemari, meja"; });
        using var browser = await OfficialAsync();

        Assert.Equal(["Amplang Ikan Pipih Bu Sari"], Names(await browser.GetAsync("/Registry/Units?q=amplag")));
        Assert.Equal(["Amplang Ikan Pipih Bu Sari"], Names(await browser.GetAsync("/Registry/Units?q=ampllang")));
        Assert.Equal(["Mebel Ulin Pak Darto"], Names(await browser.GetAsync("/Registry/Units?q=sugiato")));
        Assert.Empty(Names(await browser.GetAsync("/Registry/Units?q=rotan")));

        // Once a unit holds the word as it was typed, the search means that word.
        await Seed.UnitAsync(App, "Amplag Jaya", configure: u => u.MainProducts = "kue");
        Assert.Equal(["Amplag Jaya"], Names(await browser.GetAsync("/Registry/Units?q=amplag")));
    }

    [Fact]
    public async Task A_NIK_is_no_search_term_for_any_role_since_it_would_stand_in_the_address()
    {
        await Seed.UnitAsync(App, "Amplang Ikan Pipih Bu Sari", configure: u => u.Nik = "6271014508850003");
        using var official = await OfficialAsync();
        using var staff = new Browser(App);
        await staff.SignInAsync(await App.CreateUserAsync(Roles.Staff));

        Assert.Equal(["Amplang Ikan Pipih Bu Sari"], Names(await staff.GetAsync("/Registry/Units?q=sari")));
        Assert.Empty(Names(await staff.GetAsync("/Registry/Units?q=6271014508850003")));
        Assert.Empty(Names(await official.GetAsync("/Registry/Units?q=6271014508850003")));
        Assert.Empty(Names(await staff.GetAsync("/Registry/Units?q=627101")));
    }

    [Fact]
    public async Task A_search_with_few_matches_counts_them_exactly_with_the_other_filters()
    {
        await Seed.UnitAsync(App, "Amplang Pahandut", "62.71.01.1001");
        await Seed.UnitAsync(App, "Amplang Menteng", "62.71.03.1002");
        await Seed.UnitAsync(App, "Amplang Tutup", "62.71.03.1002", configure: u => u.Status = UnitStatus.Tutup);
        await Seed.UnitAsync(App, "Mebel Menteng", "62.71.03.1002", category: "kayu", configure: u => u.MainProducts = "lemari");
        using var browser = await OfficialAsync();
        await using var db = App.NewDbContext();
        var menteng = db.Kelurahan.Single(k => k.Code == "62.71.03.1002").Id;

        var all = await browser.GetAsync("/Registry/Units?q=amplang");
        var filtered = await browser.GetAsync($"/Registry/Units?q=amplang&kelurahan={menteng}&status=Aktif&urut=terbaru");

        Assert.Contains("Halaman 1 dari 1 · 3 data", all.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(["Amplang Menteng"], Names(filtered));
        Assert.Contains("Halaman 1 dari 1 · 1 data", filtered.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_search_pages_forward_without_counting_its_matches_and_a_list_without_one_counts_exactly()
    {
        var unit = await Seed.UnitAsync(App, "Amplang 0000");
        var columns = await App.TextAsync("""
            SELECT string_agg(column_name, ', ' ORDER BY ordinal_position) FROM information_schema.columns
             WHERE table_schema = 'public' AND table_name = 'industrial_unit' AND column_name NOT IN ('id', 'business_name')
            """);
        await App.ExecuteAsync($"""
            INSERT INTO industrial_unit (id, business_name, {columns})
            SELECT {unit.Id} + n, 'Amplang ' || lpad(n::text, 4, '0'), {columns} FROM industrial_unit, generate_series(1, 1000) n WHERE id = {unit.Id}
            """);
        using var browser = await OfficialAsync();

        var all = await browser.GetAsync("/Registry/Units?q=amplang");
        var last = await browser.GetAsync("/Registry/Units?q=amplang&halaman=40");
        var unsearched = await browser.GetAsync("/Registry/Units?status=Aktif");

        Assert.Contains("lebih dari 25 data", all.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(all.QuerySelector("a.page-link[href*='halaman=2']"));
        Assert.Contains("lebih dari 1.000 data", last.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Halaman 41 dari 41 · 1.001 data", (await browser.GetAsync("/Registry/Units?q=amplang&halaman=41")).QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(["Amplang 0000", "Amplang 0001"], Names(all)[..2]);
        Assert.Equal("Amplang 0999", Names(last)[^1]);
        // Without a search term the count is cheap (btree indexes) and stays exact.
        Assert.Contains("Halaman 1 dari 41 · 1.001 data", unsearched.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Filters_live_in_the_URL_and_combine()
    {
        await Seed.UnitAsync(App, "Amplang Pahandut", "62.71.01.1001", nib: "9120000000001");
        await Seed.UnitAsync(App, "Kerupuk Pahandut", "62.71.01.1001");
        await Seed.UnitAsync(App, "Mebel Menteng", "62.71.03.1002", category: "kayu");
        await Seed.UnitAsync(App, "Tutup Menteng", "62.71.03.1002", configure: u => u.Status = UnitStatus.Tutup);
        var sentra = await Seed.SentraAsync(App, members: 1);
        using var browser = await OfficialAsync();
        await using var db = App.NewDbContext();
        var menteng = db.Kelurahan.Single(k => k.Code == "62.71.03.1002").Id;
        var pahandutKecamatan = db.Kecamatan.Single(k => k.Code == "62.71.01").Id;
        var kayu = db.ProductCategories.Single(c => c.Code == "kayu").Id;

        Assert.Equal(["Mebel Menteng", "Tutup Menteng"], Names(await browser.GetAsync($"/Registry/Units?kelurahan={menteng}")));
        Assert.Equal(["Mebel Menteng"], Names(await browser.GetAsync($"/Registry/Units?kelurahan={menteng}&status=Aktif")));
        Assert.Equal(["Mebel Menteng"], Names(await browser.GetAsync($"/Registry/Units?kategori={kayu}")));
        Assert.Equal(["Amplang Pahandut"], Names(await browser.GetAsync("/Registry/Units?nib=ada")));
        Assert.Equal(["Kerupuk Anggota 1"], Names(await browser.GetAsync($"/Registry/Units?sentra={sentra.Id}")));
        Assert.Equal(["Amplang Pahandut", "Kerupuk Anggota 1", "Kerupuk Pahandut"], Names(await browser.GetAsync($"/Registry/Units?kecamatan={pahandutKecamatan}")));

        // The filter form shows what the URL asked for.
        var page = await browser.GetAsync($"/Registry/Units?kelurahan={menteng}&status=Tutup");
        Assert.Equal(menteng.ToString(), page.QuerySelector<IHtmlSelectElement>("#kelurahan")!.Value);
        Assert.Equal("Tutup", page.QuerySelector<IHtmlSelectElement>("#status")!.Value);
    }

    [Fact]
    public async Task The_list_pages_on_the_server_and_page_links_keep_the_filters()
    {
        await App.LoadDemoDataAsync();

        using var browser = await OfficialAsync();
        var page = await browser.GetAsync("/Registry/Units?status=Aktif&urut=terbaru");

        Assert.Equal(25, Names(page).Count);
        Assert.Contains("4.133 data", page.QuerySelector("main")!.TextContent);
        var next = page.QuerySelectorAll<IHtmlAnchorElement>(".pagination a").First(a => a.TextContent == "2");
        Assert.Contains("status=Aktif", next.Search);
        Assert.Contains("urut=terbaru", next.Search);
        var second = await browser.GetAsync(next.PathName + next.Search);
        Assert.Empty(Names(page).Intersect(Names(second)));
    }

    [Fact]
    public async Task A_bookmarked_link_with_the_former_query_words_is_sent_permanently_to_the_same_list_in_todays_words()
    {
        await Seed.UnitAsync(App, "Mebel Menteng", "62.71.03.1002", category: "kayu");
        await Seed.UnitAsync(App, "Amplang Menteng", "62.71.03.1002");
        await using var db = App.NewDbContext();
        var kayu = db.ProductCategories.Single(c => c.Code == "kayu").Id;
        using var browser = new Browser(App, followRedirects: false);
        await browser.SignInAsync(await App.CreateUserAsync(Roles.Official));

        using var old = await browser.Client.GetAsync($"/Registry/Units?q=mebel&category={kayu}&sort=terbaru&hal=1");
        using var oldExport = await browser.Client.GetAsync($"/Registry/Units/Export?format=csv&category={kayu}");
        using var both = await browser.Client.GetAsync($"/Registry/Units?kategori={kayu}&category=999");

        Assert.Equal(System.Net.HttpStatusCode.MovedPermanently, old.StatusCode);
        Assert.Equal($"/Registry/Units?q=mebel&kategori={kayu}&urut=terbaru&halaman=1", old.Headers.Location!.OriginalString);
        Assert.Equal($"/Registry/Units/Export?format=csv&kategori={kayu}", oldExport.Headers.Location!.OriginalString);
        Assert.Equal($"/Registry/Units?kategori={kayu}", both.Headers.Location!.OriginalString);
        Assert.Equal(["Mebel Menteng"], Names(await browser.GetAsync(old.Headers.Location.OriginalString)));
    }

    [Theory]
    [InlineData("/Registry/Sentra?q=a&category=3&hal=2", "/Registry/Sentra?q=a&kategori=3&halaman=2")]
    [InlineData("/Registry/Units/Verification?alasan=nik&hal=2", "/Registry/Units/Verification?alasan=nik&halaman=2")]
    [InlineData("/Admin/Audit?pengguna=a&hal=3", "/Admin/Audit?pengguna=a&halaman=3")]
    public async Task The_other_staff_lists_send_their_former_page_and_category_words_to_todays(string old, string today)
    {
        using var browser = new Browser(App, followRedirects: false);
        await browser.SignInAsync(await App.CreateUserAsync(Roles.Admin));

        using var response = await browser.Client.GetAsync(old);

        Assert.Equal(System.Net.HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal(today, response.Headers.Location!.OriginalString);
    }
}
