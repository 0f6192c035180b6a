using System.Text.Json;

namespace IkmRegistry.Tests.Pages.Directory;

public class SentraTests(RegistryApp app) : RegistryTest(app)
{
    private static List<string> MemberNames(IDocument page) =>
        [.. page.QuerySelectorAll("table.members tbody tr td:first-child").Select(td => td.TextContent.Trim())];

    [Fact]
    public async Task The_sentra_page_shows_its_description_products_categories_and_facts()
    {
        await using (var data = new DirectoryData(App.NewDbContext()))
        {
            var sentra = await data.SentraAsync("Sentra IKM Amplang Pahandut", DirectoryData.Pahandut, ["pangan"],
                products: "amplang ikan pipih", foundedOn: new DateOnly(2017, 2, 1), description: "Sentra pengolahan ikan sungai Kahayan.");
            await data.UnitsAsync(5, DirectoryData.Pahandut, "pangan", sentra);
        }

        using var browser = new Browser(App);
        var page = await browser.GetAsync("/Directory/Sentra/sentra-ikm-amplang-pahandut");

        Assert.Equal(HttpStatusCode.OK, browser.LastStatus);
        Assert.Equal("Sentra IKM Amplang Pahandut", page.QuerySelector("h1")!.TextContent.Trim());
        Assert.StartsWith("Sentra IKM Amplang Pahandut ·", page.Title);
        Assert.Contains("Kelurahan Pahandut, Kecamatan Pahandut", page.QuerySelector("meta[name=description]")!.GetAttribute("content"));
        Assert.Equal("Sentra pengolahan ikan sungai Kahayan.", page.QuerySelector("[data-field=description]")!.TextContent.Trim());
        Assert.Equal("amplang ikan pipih", page.QuerySelector("[data-field=products]")!.TextContent.Trim());
        Assert.Equal("5", page.QuerySelector("[data-field=members]")!.TextContent.Trim());
        Assert.Equal("2017", page.QuerySelector("[data-field=founded]")!.TextContent.Trim());
        Assert.Equal(["pangan"], page.QuerySelectorAll("main [data-category]").Select(c => c.GetAttribute("data-category")!));
        Assert.NotNull(page.QuerySelector("main a[href='/Directory/Kelurahan/pahandut']"));
    }

    [Fact]
    public async Task Only_members_whose_owners_consented_are_listed_with_business_name_and_products()
    {
        await using (var data = new DirectoryData(App.NewDbContext()))
        {
            var sentra = await data.SentraAsync("Sentra IKM Rotan Marang", DirectoryData.Marang, ["kerajinan"]);
            await data.UnitAsync("Anyaman Rotan Isen Mulang", DirectoryData.Marang, "kerajinan", sentra, products: "tas rotan, tikar");
            await data.UnitAsync("Bambu Lestari", DirectoryData.Marang, "kerajinan", sentra, products: "anyaman bambu");
            await data.UnitAsync("Usaha Tanpa Persetujuan", DirectoryData.Marang, "kerajinan", sentra, consent: false);
            await data.UnitAsync("Usaha Yang Sudah Tutup", DirectoryData.Marang, "kerajinan", sentra, status: UnitStatus.Tutup);
            await data.UnitAsync("Usaha Yang Sudah Keluar", DirectoryData.Marang, "kerajinan", sentra, leftSentra: true);
            // Consenting but not a member of this sentra.
            await data.UnitAsync("Usaha Tetangga", DirectoryData.Marang, "kerajinan");
        }

        using var browser = new Browser(App);
        var page = await browser.GetAsync("/Directory/Sentra/sentra-ikm-rotan-marang");

        Assert.Equal(["Anyaman Rotan Isen Mulang", "Bambu Lestari"], MemberNames(page));
        Assert.Equal("tas rotan, tikar", page.QuerySelector("table.members tbody tr td:nth-child(2)")!.TextContent.Trim());
        Assert.Equal(["Nama usaha", "Produk"], page.QuerySelectorAll("table.members th").Select(th => th.TextContent.Trim()));
        Assert.Equal("3", page.QuerySelector("[data-field=members]")!.TextContent.Trim());
        var html = page.DocumentElement.OuterHtml;
        Assert.DoesNotContain("Usaha Tanpa Persetujuan", html);
        Assert.DoesNotContain("Usaha Yang Sudah Tutup", html);
        Assert.DoesNotContain("Usaha Yang Sudah Keluar", html);
        Assert.DoesNotContain("Usaha Tetangga", html);
        Assert.DoesNotContain("Pemilik ", html);
    }

    [Fact]
    public async Task The_contact_appears_only_when_the_sentra_publishes_it()
    {
        await using (var data = new DirectoryData(App.NewDbContext()))
        {
            await data.SentraAsync("Sentra IKM Terbuka", DirectoryData.Pahandut, ["pangan"], contact: "Sekretariat (0536) 3221001", publishContact: true);
            await data.SentraAsync("Sentra IKM Tertutup", DirectoryData.Marang, ["pangan"], contact: "Sekretariat (0536) 3229999", publishContact: false);
        }

        using var browser = new Browser(App);
        var published = await browser.GetAsync("/Directory/Sentra/sentra-ikm-terbuka");
        Assert.Equal("Sekretariat (0536) 3221001", published.QuerySelector("[data-field=contact]")!.TextContent.Trim());

        var unpublished = await browser.GetAsync("/Directory/Sentra/sentra-ikm-tertutup");
        Assert.DoesNotContain("3229999", unpublished.DocumentElement.OuterHtml);
        Assert.Contains("tidak menerbitkan kontak", unpublished.QuerySelector("[data-field=contact]")!.TextContent);
    }

    [Fact]
    public async Task A_sentra_in_formation_or_that_does_not_exist_is_not_found_and_one_no_longer_active_is_gone()
    {
        await using (var data = new DirectoryData(App.NewDbContext()))
        {
            await data.SentraAsync("Sentra IKM Baru Dibentuk", DirectoryData.Pahandut, ["pangan"], SentraStatus.DalamPembentukan);
            await data.SentraAsync("Sentra IKM Sudah Berhenti", DirectoryData.Marang, ["pangan"], SentraStatus.TidakAktif);
        }

        using var browser = new Browser(App);
        await browser.GetAsync("/Directory/Sentra/sentra-ikm-baru-dibentuk");
        Assert.Equal(HttpStatusCode.NotFound, browser.LastStatus);
        await browser.GetAsync("/Directory/Sentra/sentra-ikm-sudah-berhenti");
        Assert.Equal(HttpStatusCode.Gone, browser.LastStatus);
        await browser.GetAsync("/Directory/Sentra/tidak-ada");
        Assert.Equal(HttpStatusCode.NotFound, browser.LastStatus);
    }

    [Fact]
    public async Task The_map_marks_the_sentra_at_its_kelurahan_and_labels_the_kelurahan_of_its_kecamatan_without_needing_tiles()
    {
        await using (var data = new DirectoryData(App.NewDbContext()))
        {
            await data.SentraAsync("Sentra IKM Amplang Pahandut", DirectoryData.Pahandut, ["pangan"]);
        }

        using var browser = new Browser(App);
        var page = await browser.GetAsync("/Directory/Sentra/sentra-ikm-amplang-pahandut");
        var map = page.QuerySelector("[data-directory-map]")!;
        using var json = JsonDocument.Parse(map.GetAttribute("data-directory-map")!);
        var points = json.RootElement.GetProperty("points").EnumerateArray().ToList();

        var sentra = points.Single(p => p.GetProperty("kind").GetString() == "sentra");
        Assert.Equal(-2.19975, sentra.GetProperty("lat").GetDouble());
        Assert.Equal(113.95033, sentra.GetProperty("lng").GetDouble());
        Assert.Equal(30, points.Count);
        Assert.Equal(5, points.Count(p => p.GetProperty("kind").GetString() == "area" && p.GetProperty("labelled").GetBoolean()));
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("tileUrl").ValueKind);
        Assert.NotNull(map.GetAttribute("aria-label"));
        Assert.NotNull(page.QuerySelector("script[src^='/lib/leaflet/leaflet.js']"));
        Assert.NotNull(page.QuerySelector("script[src^='/js/directory-map.js']"));
        Assert.Empty(page.QuerySelectorAll("script:not([src])"));
        Assert.Empty(page.QuerySelectorAll("[style]"));
    }
}
