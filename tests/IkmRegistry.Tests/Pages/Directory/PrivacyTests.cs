using System.Text.Json;
using System.Xml.Linq;

namespace IkmRegistry.Tests.Pages.Directory;

/// <summary>No personal data leaves through the public door: every public page and every open data endpoint is fetched and searched.</summary>
public class PrivacyTests(RegistryApp app) : RegistryTest(app)
{
    private const string ConsentedBusiness = "Usaha Setuju Tampil Q7X";
    private const string UnconsentedBusiness = "USAHATANPAIZIN-Q7X";

    // Every private value planted below; none may appear in any public answer.
    private static readonly string[] _markers =
    [
        "PEMILIKRAHASIA-Q7X", "6271019999887766", "9912345678901", "JALANRAHASIA-Q7X", "81299887766",
        // The listed business's phone as its page would write it, were there a contact consent (there is none).
        "0812-9988-7766",
        "987654321", "987.654.321", "987,654,321", "123456789", "123.456.789", "123,456,789", "4321.5", "4.321,5",
        "SATUANRAHASIA-Q7X", "SUMBERRAHASIA-Q7X",
        UnconsentedBusiness, "PEMILIKLAIN-Q7X", "6271028888776655", "81377665544", "PRODUKRAHASIA-Q7X",
        "ALAMATSENTRA-Q7X", "SKRAHASIA-Q7X", "KONTAKRAHASIA-Q7X",
        // A photo of the business that did not consent: neither its alt text nor its address may appear.
        "FOTORAHASIA-Q7X", "0123456789abcdef0123456789abcdef",
        // The planted position (issue 16), in either decimal notation.
        "2.201357", "2,201357", "113.951579", "113,951579",
    ];

    [Fact]
    public async Task No_public_page_or_API_answer_contains_private_unit_data_or_a_unit_whose_owner_did_not_consent()
    {
        await using (var data = new DirectoryData(App.NewDbContext()))
        {
            await DemoData.LoadAsync(data.Db, unitCount: 1000);
            var sentra = await data.SentraAsync("Sentra IKM Privasi Pahandut", DirectoryData.Pahandut, ["pangan"], products: "amplang",
                contact: "KONTAKRAHASIA-Q7X", publishContact: false);
            sentra.Address = "ALAMATSENTRA-Q7X";
            sentra.DecreeNumber = "SKRAHASIA-Q7X";
            await data.Db.SaveChangesAsync();

            await data.UnitAsync(ConsentedBusiness, DirectoryData.Pahandut, "pangan", sentra, products: "amplang ikan pipih", details: unit =>
            {
                unit.OwnerName = "PEMILIKRAHASIA-Q7X";
                unit.Nik = "6271019999887766";
                unit.Nib = "9912345678901";
                unit.Address = "JALANRAHASIA-Q7X";
                unit.Phone = "+6281299887766";
                unit.InvestmentValue = 987_654_321m;
                unit.ProductionValuePerYear = 123_456_789m;
                unit.ProductionCapacity = 4321.5m;
                unit.ProductionCapacityUnit = "SATUANRAHASIA-Q7X";
                unit.DataSource = "SUMBERRAHASIA-Q7X";
                unit.WorkersMale = 3;
                unit.WorkersFemale = 4;
                unit.Latitude = -2.201357;
                unit.Longitude = 113.951579;
                unit.PositionAccuracy = 6.25;
                unit.PositionSource = PositionSource.Geopoint;
            });
            var hidden = await data.UnitAsync(UnconsentedBusiness, DirectoryData.Pahandut, "pangan", sentra, consent: false, products: "PRODUKRAHASIA-Q7X", details: unit =>
            {
                unit.OwnerName = "PEMILIKLAIN-Q7X";
                unit.Nik = "6271028888776655";
                unit.Phone = "+6281377665544";
                unit.PublicContactConsent = true;
            });
            data.Db.Photos.Add(new Photo { UnitId = hidden.Id, Key = "0123456789abcdef0123456789abcdef", AltText = "FOTORAHASIA-Q7X", Width = 800, Height = 600 });
            await data.Db.SaveChangesAsync();
        }

        using var browser = new Browser(App);
        var visited = new Dictionary<string, string>();
        var queue = new Queue<string>(["/", "/sitemap.xml", "/openapi/v1.json",
            "/Directory?q=PEMILIKRAHASIA", "/Directory?q=USAHATANPAIZIN", "/Directory?q=amplang",
            "/Directory/Products?q=amplang", "/Directory/Products?q=PRODUKRAHASIA", "/Directory/Products?q=USAHATANPAIZIN", "/Directory/Products?kelurahan=pahandut"]);

        // The sitemap lists every listed business (about 600 of the 1,000 demo units): room for all of them and the API.
        while (queue.Count > 0 && visited.Count < 1500)
        {
            var url = queue.Dequeue();
            if (visited.ContainsKey(url))
            {
                continue;
            }

            using var response = await browser.Client.GetAsync(url);
            var body = await response.Content.ReadAsStringAsync();
            visited[url] = body;
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url} answered {response.StatusCode}");

            var type = response.Content.Headers.ContentType?.MediaType;
            var links = type switch
            {
                "text/html" => (await browser.ParseAsync(response)).QuerySelectorAll("a[href]").Select(a => a.GetAttribute("href")!),
                "application/xml" when url == "/sitemap.xml" => XDocument.Parse(body).Descendants().Where(e => e.Name.LocalName == "loc").Select(e => e.Value),
                "application/json" when url == "/openapi/v1.json" => JsonDocument.Parse(body).RootElement.GetProperty("paths").EnumerateObject().Select(p => p.Name),
                _ => [],
            };
            foreach (var link in links)
            {
                if (Local(link) is { } local && !visited.ContainsKey(local))
                {
                    queue.Enqueue(local);
                }
            }
        }

        // The crawl reached what the public can reach: pages, the sentra, its kelurahan and every API endpoint.
        Assert.Contains("/Directory", visited.Keys);
        Assert.Contains("/Directory/Overview", visited.Keys);
        Assert.Contains("/Directory/Sentra/sentra-ikm-privasi-pahandut", visited.Keys);
        Assert.Contains("/Directory/Kelurahan/pahandut", visited.Keys);
        Assert.Contains(visited.Keys, k => k.StartsWith("/Directory/Business/", StringComparison.Ordinal) && k.EndsWith("-usaha-setuju-tampil-q7x", StringComparison.Ordinal));
        Assert.Equal(14, visited.Keys.Count(k => k.StartsWith("/api/v1/", StringComparison.Ordinal)));
        Assert.True(visited.Count > 50, $"Only {visited.Count} addresses were reached");

        foreach (var (url, body) in visited)
        {
            foreach (var marker in _markers)
            {
                Assert.False(body.Contains(marker, StringComparison.OrdinalIgnoreCase), $"{url} shows the private value {marker}");
            }
        }

        Assert.Contains(ConsentedBusiness, visited["/Directory/Sentra/sentra-ikm-privasi-pahandut"]);
        Assert.Contains("amplang ikan pipih", visited["/Directory/Sentra/sentra-ikm-privasi-pahandut"]);
    }

    /// <summary>The path and query of a link on this site, or null for other sites, fragments and files.</summary>
    private static string? Local(string href)
    {
        if (!Uri.TryCreate(new Uri("http://localhost/"), href, out var uri) || uri.Host != "localhost" || uri.Scheme != "http")
        {
            return null;
        }

        var path = uri.AbsolutePath;
        return path.StartsWith("/lib/", StringComparison.Ordinal) || path.StartsWith("/css/", StringComparison.Ordinal) || path.StartsWith("/js/", StringComparison.Ordinal)
            ? null
            : uri.PathAndQuery;
    }
}
