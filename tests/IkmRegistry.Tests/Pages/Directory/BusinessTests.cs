using IkmRegistry.Web.Pages.Directory;

namespace IkmRegistry.Tests.Pages.Directory;

/// <summary>A page per listed business, with its phone as WhatsApp and tel: links only with the contact consent.</summary>
public class BusinessTests(RegistryApp app) : RegistryTest(app)
{
    [Theory]
    [InlineData("0812-3456-7890")]
    [InlineData("+62 812 3456 7890")]
    [InlineData("6281234567890")]
    [InlineData("0812.3456.7890")]
    [InlineData("0812 3456 7890")]
    [InlineData("+62 (0)812-3456-7890")]
    [InlineData("(0812) 3456-7890")]
    [InlineData("+62-812-3456-7890")]
    public void Every_indonesian_way_of_writing_a_mobile_number_gives_the_same_whatsapp_and_tel_links(string written)
    {
        var links = ContactLinks.From(written)!;

        Assert.Equal("https://wa.me/6281234567890", links.WhatsApp);
        Assert.Equal("tel:+6281234567890", links.Tel);
        Assert.Equal("0812-3456-7890", links.Display);
    }

    [Theory]
    [InlineData("0536-3221234", "tel:+625363221234")]
    [InlineData("(0536) 322 1234", "tel:+625363221234")]
    public void A_landline_gets_a_tel_link_and_no_whatsapp_link(string written, string tel)
    {
        var links = ContactLinks.From(written)!;

        Assert.Equal(tel, links.Tel);
        Assert.Null(links.WhatsApp);
    }

    [Theory]
    [InlineData("bukan nomor")]
    [InlineData("+1 415 555 0100")]
    [InlineData("123")]
    [InlineData("")]
    [InlineData(null)]
    public void A_number_that_is_not_indonesian_gives_no_link(string? written) => Assert.Null(ContactLinks.From(written));

    [Fact]
    public async Task The_business_page_shows_name_products_category_area_sentra_and_whatsapp_with_contact_consent()
    {
        IndustrialUnit unit;
        await using (var data = new DirectoryData(App.NewDbContext()))
        {
            var sentra = await data.SentraAsync("Sentra IKM Amplang Pahandut", DirectoryData.Pahandut, ["pangan"]);
            unit = await data.UnitAsync("Amplang Ibu Sari", DirectoryData.Pahandut, "pangan", sentra, products: "amplang ikan haruan", details: u =>
            {
                u.Phone = "+6281234567890";
                u.PublicContactConsent = true;
                u.PublicContactConsentOn = new DateOnly(2026, 2, 1);
                u.Nik = "6271014508850003";
                u.Nib = "9120301234567";
                u.Address = "Jalan Rahasia No. 7";
                u.InvestmentValue = 987_654_321m;
            });
        }

        using var browser = new Browser(App);
        var page = await browser.GetAsync($"/Directory/Business/{unit.Id}-amplang-ibu-sari");

        Assert.Equal(HttpStatusCode.OK, browser.LastStatus);
        Assert.Equal("Amplang Ibu Sari", page.QuerySelector("h1")!.TextContent.Trim());
        Assert.Equal("amplang ikan haruan", page.QuerySelector("[data-field=products]")!.TextContent.Trim());
        Assert.Equal("Pangan", page.QuerySelector("[data-field=category]")!.TextContent.Trim());
        Assert.Contains("Kelurahan Pahandut", page.QuerySelector(".lead")!.TextContent);
        Assert.NotNull(page.QuerySelector("[data-field=sentra] a[href='/Directory/Sentra/sentra-ikm-amplang-pahandut']"));
        Assert.Equal("https://wa.me/6281234567890", page.QuerySelector("a[data-contact=whatsapp]")!.GetAttribute("href"));
        Assert.Equal("tel:+6281234567890", page.QuerySelector("a[data-contact=tel]")!.GetAttribute("href"));
        var text = page.Body!.TextContent;
        foreach (var secret in new[] { "Pemilik Amplang", "6271014508850003", "9120301234567", "Jalan Rahasia", "987" })
        {
            Assert.DoesNotContain(secret, text);
        }
    }

    [Fact]
    public async Task Without_contact_consent_the_page_has_no_phone_and_no_link()
    {
        IndustrialUnit unit;
        await using (var data = new DirectoryData(App.NewDbContext()))
        {
            unit = await data.UnitAsync("Kerupuk Tanpa Kontak", DirectoryData.Menteng, "pangan", products: "kerupuk", details: u => u.Phone = "+6281299998888");
        }

        using var browser = new Browser(App);
        var page = await browser.GetAsync($"/Directory/Business/{unit.Id}-kerupuk-tanpa-kontak");

        Assert.Equal(HttpStatusCode.OK, browser.LastStatus);
        Assert.Null(page.QuerySelector("a[href^='https://wa.me'], a[href^='tel:']"));
        Assert.DoesNotContain("9999", page.Body!.TextContent);
        Assert.DoesNotContain("99998888", page.Source.Text);
    }

    [Fact]
    public async Task A_business_without_consent_or_closed_has_no_page()
    {
        IndustrialUnit hidden, closed;
        await using (var data = new DirectoryData(App.NewDbContext()))
        {
            hidden = await data.UnitAsync("Usaha Tidak Setuju", DirectoryData.Menteng, "pangan", consent: false);
            closed = await data.UnitAsync("Usaha Tutup", DirectoryData.Menteng, "pangan", status: UnitStatus.Tutup);
        }

        using var browser = new Browser(App);
        await browser.GetAsync($"/Directory/Business/{hidden.Id}-usaha-tidak-setuju");
        Assert.Equal(HttpStatusCode.NotFound, browser.LastStatus);
        await browser.GetAsync($"/Directory/Business/{closed.Id}-usaha-tutup");
        Assert.Equal(HttpStatusCode.NotFound, browser.LastStatus);
        await browser.GetAsync("/Directory/Business/bukan-angka");
        Assert.Equal(HttpStatusCode.NotFound, browser.LastStatus);
    }
}
