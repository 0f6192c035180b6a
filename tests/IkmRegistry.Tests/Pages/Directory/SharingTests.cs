namespace IkmRegistry.Tests.Pages.Directory;

/// <summary>Public pages carry Open Graph tags for link previews, and each active sentra has a printable A4 poster with a QR code.</summary>
public class SharingTests(RegistryApp app) : RegistryTest(app)
{
    private static string? Meta(IDocument page, string property) => page.QuerySelector($"meta[property='{property}']")?.GetAttribute("content");

    [Fact]
    public async Task Sentra_and_business_pages_carry_open_graph_title_description_and_their_first_photo()
    {
        int unitId;
        await using (var data = new DirectoryData(App.NewDbContext()))
        {
            var sentra = await data.SentraAsync("Sentra IKM Amplang Pahandut", DirectoryData.Pahandut, ["pangan"], products: "amplang, kerupuk ikan");
            unitId = (await data.UnitAsync("Amplang Ibu Sari", DirectoryData.Pahandut, "pangan", sentra, products: "amplang ikan haruan")).Id;
            data.Db.Photos.Add(new Photo { SentraId = sentra.Id, Key = new string('a', 32), AltText = "Ruang pamer sentra", Width = 1600, Height = 1200 });
            data.Db.Photos.Add(new Photo { UnitId = unitId, Key = new string('b', 32), AltText = "Amplang dalam kemasan", Width = 1600, Height = 900 });
            await data.Db.SaveChangesAsync();
        }

        using var browser = new Browser(App);
        var sentraPage = await browser.GetAsync("/Directory/Sentra/sentra-ikm-amplang-pahandut");
        Assert.Equal("Sentra IKM Amplang Pahandut", Meta(sentraPage, "og:title"));
        Assert.Contains("amplang, kerupuk ikan", Meta(sentraPage, "og:description"));
        Assert.Equal($"http://localhost/photos/{new string('a', 32)}-800.jpg", Meta(sentraPage, "og:image"));
        Assert.Equal("http://localhost/Directory/Sentra/sentra-ikm-amplang-pahandut", Meta(sentraPage, "og:url"));

        var business = await browser.GetAsync($"/Directory/Business/{unitId}-amplang-ibu-sari");
        Assert.Equal("Amplang Ibu Sari", Meta(business, "og:title"));
        Assert.Contains("Kelurahan Pahandut", Meta(business, "og:description"));
        Assert.Equal($"http://localhost/photos/{new string('b', 32)}-800.jpg", Meta(business, "og:image"));

        var search = await browser.GetAsync("/Directory/Products");
        Assert.Equal("Cari produk IKM", Meta(search, "og:title"));
        Assert.Null(Meta(search, "og:image"));
    }

    [Fact]
    public async Task The_poster_of_an_active_sentra_has_its_name_products_photo_and_a_qr_code_of_its_public_address()
    {
        await using (var data = new DirectoryData(App.NewDbContext()))
        {
            var sentra = await data.SentraAsync("Sentra IKM Rotan Marang", DirectoryData.Marang, ["kerajinan"], products: "tas rotan, tikar purun");
            data.Db.Photos.Add(new Photo { SentraId = sentra.Id, Key = new string('c', 32), AltText = "Tas rotan di ruang pamer", Width = 1200, Height = 800 });
            await data.Db.SaveChangesAsync();
            await data.SentraAsync("Sentra IKM Berhenti", DirectoryData.Menteng, ["pangan"], status: SentraStatus.TidakAktif);
        }

        using var browser = new Browser(App);
        var poster = await browser.GetAsync("/Directory/Poster/sentra-ikm-rotan-marang");

        Assert.Equal("Sentra IKM Rotan Marang", poster.QuerySelector("h1")!.TextContent.Trim());
        Assert.Equal("tas rotan, tikar purun", poster.QuerySelector("[data-field=products]")!.TextContent.Trim());
        Assert.Equal("Tas rotan di ruang pamer", poster.QuerySelector("img.poster-photo")!.GetAttribute("alt"));
        Assert.Equal("http://localhost/Directory/Sentra/sentra-ikm-rotan-marang", poster.QuerySelector("[data-field=address]")!.TextContent.Trim());
        var qr = poster.QuerySelector(".poster-qr img")!.GetAttribute("src")!;
        using var image = await browser.Client.GetAsync(qr);
        Assert.Equal(HttpStatusCode.OK, image.StatusCode);
        Assert.Equal("image/png", image.Content.Headers.ContentType!.MediaType);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], (await image.Content.ReadAsByteArrayAsync())[..4]);

        await browser.GetAsync("/Directory/Poster/sentra-ikm-berhenti");
        Assert.Equal(HttpStatusCode.NotFound, browser.LastStatus);
    }
}
