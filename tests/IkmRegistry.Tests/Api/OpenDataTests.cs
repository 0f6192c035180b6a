using System.Net.Http.Headers;
using System.Text.Json;
using IkmRegistry.Tests.Pages.Directory;

namespace IkmRegistry.Tests.Api;

public class OpenDataTests(RegistryApp app) : RegistryTest(app)
{
    private static readonly string[] _sentraFields =
    [
        "slug", "name", "url", "kelurahan_code", "kelurahan_name", "kecamatan_code", "kecamatan_name", "category_codes", "category_names",
        "products", "member_units", "founded_year", "contact", "latitude", "longitude",
    ];

    private static readonly string[] _kelurahanFields =
        ["kelurahan_code", "kelurahan_name", "slug", "kecamatan_code", "kecamatan_name", "latitude", "longitude", "has_sentra", "active_sentra"];

    private static readonly string[] _unitsByKelurahanFields =
        ["kelurahan_code", "kelurahan_name", "kecamatan_code", "kecamatan_name", "category_code", "category_name", "active_units"];

    private static readonly string[] _unitsByKecamatanFields =
        ["kecamatan_code", "kecamatan_name", "active_units", "kelurahan_count", "kelurahan_with_sentra"];

    private async Task<JsonElement> GetJsonAsync(string url)
    {
        using var client = App.CreateClient();
        using var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.Clone();
    }

    private async Task<List<string[]>> GetCsvAsync(string url)
    {
        using var client = App.CreateClient();
        using var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType.CharSet);
        var text = await response.Content.ReadAsStringAsync();
        return [.. text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Select(ParseCsvLine)];
    }

    private static string[] ParseCsvLine(string line)
    {
        var fields = new List<string>();
        var field = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        fields.Add(field.ToString());
        return [.. fields];
    }

    private static List<string> Fields(JsonElement row) => [.. row.EnumerateObject().Select(p => p.Name)];

    private async Task PlantAsync()
    {
        await using var data = new DirectoryData(App.NewDbContext());
        var amplang = await data.SentraAsync("Sentra IKM Amplang Pahandut", DirectoryData.Pahandut, ["pangan", "kerajinan"],
            products: "amplang, \"kerupuk\" haruan", contact: "Sekretariat (0536) 3221001", publishContact: true, foundedOn: new DateOnly(2018, 5, 2));
        await data.UnitsAsync(3, DirectoryData.Pahandut, "pangan", amplang);
        await data.UnitAsync("Keluar", DirectoryData.Pahandut, "pangan", amplang, leftSentra: true);
        var rotan = await data.SentraAsync("Sentra IKM Rotan Marang", DirectoryData.Marang, ["kerajinan"], contact: "Rahasia 0811", publishContact: false);
        await data.UnitsAsync(2, DirectoryData.Marang, "kerajinan", rotan, consent: false);
        await data.UnitAsync("Tutup", DirectoryData.Marang, "kerajinan", status: UnitStatus.Tutup);
        await data.SentraAsync("Sentra IKM Baru", DirectoryData.Menteng, ["kayu"], SentraStatus.DalamPembentukan);
    }

    [Fact]
    public async Task The_sentra_endpoint_returns_the_active_sentra_with_stable_snake_case_fields()
    {
        await PlantAsync();

        var rows = (await GetJsonAsync("/api/v1/sentra")).EnumerateArray().ToList();

        Assert.Equal(2, rows.Count);
        Assert.All(rows, r => Assert.Equal(_sentraFields, Fields(r)));
        var amplang = rows.Single(r => r.GetProperty("slug").GetString() == "sentra-ikm-amplang-pahandut");
        Assert.Equal("Sentra IKM Amplang Pahandut", amplang.GetProperty("name").GetString());
        Assert.Equal("http://localhost/Directory/Sentra/sentra-ikm-amplang-pahandut", amplang.GetProperty("url").GetString());
        Assert.Equal("62.71.01.1001", amplang.GetProperty("kelurahan_code").GetString());
        Assert.Equal("62.71.01", amplang.GetProperty("kecamatan_code").GetString());
        Assert.Equal(["kerajinan", "pangan"], amplang.GetProperty("category_codes").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(3, amplang.GetProperty("member_units").GetInt32());
        Assert.Equal(2018, amplang.GetProperty("founded_year").GetInt32());
        Assert.Equal("Sekretariat (0536) 3221001", amplang.GetProperty("contact").GetString());
        var rotan = rows.Single(r => r.GetProperty("slug").GetString() == "sentra-ikm-rotan-marang");
        Assert.Equal(JsonValueKind.Null, rotan.GetProperty("contact").ValueKind);
        Assert.Equal(2, rotan.GetProperty("member_units").GetInt32());
    }

    [Fact]
    public async Task The_sentra_CSV_has_the_same_fields_as_headers_and_one_row_per_sentra()
    {
        await PlantAsync();

        var lines = await GetCsvAsync("/api/v1/sentra.csv");

        Assert.Equal(_sentraFields, lines[0]);
        Assert.Equal(3, lines.Count);
        var amplang = lines.Skip(1).Single(l => l[0] == "sentra-ikm-amplang-pahandut");
        string Field(string name) => amplang[Array.IndexOf(_sentraFields, name)];
        Assert.Equal("amplang, \"kerupuk\" haruan", Field("products"));
        Assert.Equal("kerajinan; pangan", Field("category_codes"));
        Assert.Equal("3", Field("member_units"));
        Assert.Equal("-2.19975", Field("latitude"));
        var rotan = lines.Skip(1).Single(l => l[0] == "sentra-ikm-rotan-marang");
        Assert.Equal("", rotan[Array.IndexOf(_sentraFields, "contact")]);
    }

    [Fact]
    public async Task Text_that_looks_like_a_formula_is_neutralised_in_CSV_but_kept_as_it_is_in_JSON()
    {
        await using (var data = new DirectoryData(App.NewDbContext()))
        {
            await data.SentraAsync("=HYPERLINK(\"http://evil.example\")", DirectoryData.Pahandut, ["pangan"],
                products: "@SUM(A1)", contact: "+62 536 3221001", publishContact: true, foundedOn: new DateOnly(2018, 5, 2));
        }

        var csv = await GetCsvAsync("/api/v1/sentra.csv");
        var json = (await GetJsonAsync("/api/v1/sentra")).EnumerateArray().Single();

        string Field(string name) => csv[1][Array.IndexOf(_sentraFields, name)];
        Assert.Equal("'=HYPERLINK(\"http://evil.example\")", Field("name"));
        Assert.Equal("'@SUM(A1)", Field("products"));
        Assert.Equal("'+62 536 3221001", Field("contact"));
        Assert.Equal("-2.19975", Field("latitude"));
        Assert.Equal("=HYPERLINK(\"http://evil.example\")", json.GetProperty("name").GetString());
        Assert.Equal("@SUM(A1)", json.GetProperty("products").GetString());
    }

    [Fact]
    public async Task The_kelurahan_endpoint_lists_the_30_kelurahan_with_Kemendagri_codes_and_whether_each_has_a_sentra()
    {
        await PlantAsync();

        var rows = (await GetJsonAsync("/api/v1/kelurahan")).EnumerateArray().ToList();

        Assert.Equal(30, rows.Count);
        Assert.All(rows, r => Assert.Equal(_kelurahanFields, Fields(r)));
        Assert.All(rows, r => Assert.Matches(@"^62\.71\.0[1-5]\.10\d\d$", r.GetProperty("kelurahan_code").GetString()));
        Assert.Equal(["62.71.01.1001", "62.71.02.1001"],
            rows.Where(r => r.GetProperty("has_sentra").GetBoolean()).Select(r => r.GetProperty("kelurahan_code").GetString()));
        var menteng = rows.Single(r => r.GetProperty("kelurahan_code").GetString() == DirectoryData.Menteng);
        Assert.Equal(0, menteng.GetProperty("active_sentra").GetInt32());

        var csv = await GetCsvAsync("/api/v1/kelurahan.csv");
        Assert.Equal(_kelurahanFields, csv[0]);
        Assert.Equal(31, csv.Count);
    }

    [Fact]
    public async Task Unit_counts_by_kelurahan_and_category_cover_every_combination_and_add_up_to_the_active_units()
    {
        await App.LoadDemoDataAsync();

        var rows = (await GetJsonAsync("/api/v1/units/by-kelurahan-category")).EnumerateArray().ToList();

        Assert.Equal(30 * 6, rows.Count);
        Assert.All(rows, r => Assert.Equal(_unitsByKelurahanFields, Fields(r)));
        Assert.Equal(DemoData.AgencyUnitCount, rows.Sum(r => r.GetProperty("active_units").GetInt32()));
        await using (var db = App.NewDbContext())
        {
            var expected = await db.IndustrialUnits.CountAsync(u => u.Status == UnitStatus.Aktif && u.Kelurahan.Code == "62.71.03.1001" && u.Category.Code == "pangan");
            var row = rows.Single(r => r.GetProperty("kelurahan_code").GetString() == "62.71.03.1001" && r.GetProperty("category_code").GetString() == "pangan");
            Assert.Equal(expected, row.GetProperty("active_units").GetInt32());
        }

        var csv = await GetCsvAsync("/api/v1/units/by-kelurahan-category.csv");
        Assert.Equal(_unitsByKelurahanFields, csv[0]);
        Assert.Equal(181, csv.Count);
    }

    [Fact]
    public async Task Unit_counts_by_kecamatan_add_up_to_the_active_units_and_count_the_covered_kelurahan()
    {
        await App.LoadDemoDataAsync();

        var rows = (await GetJsonAsync("/api/v1/units/by-kecamatan")).EnumerateArray().ToList();

        Assert.Equal(["62.71.01", "62.71.02", "62.71.03", "62.71.04", "62.71.05"], rows.Select(r => r.GetProperty("kecamatan_code").GetString()));
        Assert.All(rows, r => Assert.Equal(_unitsByKecamatanFields, Fields(r)));
        Assert.Equal(DemoData.AgencyUnitCount, rows.Sum(r => r.GetProperty("active_units").GetInt32()));
        Assert.Equal(30, rows.Sum(r => r.GetProperty("kelurahan_count").GetInt32()));
        Assert.Equal(23, rows.Sum(r => r.GetProperty("kelurahan_with_sentra").GetInt32()));
        await using (var db = App.NewDbContext())
        {
            var jekanRaya = await db.IndustrialUnits.CountAsync(u => u.Status == UnitStatus.Aktif && u.Kelurahan.Kecamatan.Code == "62.71.03");
            Assert.Equal(jekanRaya, rows[2].GetProperty("active_units").GetInt32());
        }

        Assert.Equal(_unitsByKecamatanFields, (await GetCsvAsync("/api/v1/units/by-kecamatan.csv"))[0]);
    }

    [Fact]
    public async Task The_categories_endpoint_lists_the_six_categories_with_codes_and_both_names()
    {
        var rows = (await GetJsonAsync("/api/v1/categories")).EnumerateArray().ToList();

        Assert.Equal(new[] { "pangan", "kerajinan", "kayu", "sandang", "logam", "lainnya" }.Order(), rows.Select(r => r.GetProperty("category_code").GetString()!).Order());
        Assert.All(rows, r => Assert.Equal(["category_code", "name_id", "name_en"], Fields(r)));
    }

    [Theory]
    [InlineData("/api/v1/sentra")]
    [InlineData("/api/v1/sentra.csv")]
    [InlineData("/api/v1/kelurahan")]
    [InlineData("/api/v1/units/by-kecamatan")]
    public async Task An_unchanged_answer_has_an_ETag_and_a_304_for_a_client_that_holds_it(string url)
    {
        await PlantAsync();
        using var client = App.CreateClient();

        using var first = await client.GetAsync(url);
        var etag = first.Headers.ETag;
        Assert.NotNull(etag);
        Assert.False(etag.IsWeak);
        Assert.True(first.Headers.CacheControl!.Public);
        Assert.Equal(TimeSpan.FromMinutes(5), first.Headers.CacheControl.MaxAge);

        using var again = new HttpRequestMessage(HttpMethod.Get, url);
        again.Headers.IfNoneMatch.Add(etag);
        using var notModified = await client.SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Empty(await notModified.Content.ReadAsByteArrayAsync());
        Assert.Equal(etag, notModified.Headers.ETag);

        // A change in the data gives a new ETag and a full answer.
        await using (var data = new DirectoryData(App.NewDbContext()))
        {
            await data.SentraAsync("Sentra IKM Kayu Kalampangan", DirectoryData.Kalampangan, ["kayu"]);
        }

        using var afterChange = new HttpRequestMessage(HttpMethod.Get, url);
        afterChange.Headers.IfNoneMatch.Add(etag);
        using var changed = await client.SendAsync(afterChange);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.NotEqual(etag, changed.Headers.ETag);
    }

    [Fact]
    public async Task CORS_allows_GET_from_any_origin_but_not_POST()
    {
        using var client = App.CreateClient();

        using var get = new HttpRequestMessage(HttpMethod.Get, "/api/v1/sentra");
        get.Headers.Add("Origin", "https://data.example.org");
        using var getResponse = await client.SendAsync(get);
        Assert.Equal(HttpStatusCode.OK, getResponse.StatusCode);
        Assert.Equal("*", getResponse.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Contains("ETag", getResponse.Headers.GetValues("Access-Control-Expose-Headers").Single());

        using var preflightGet = new HttpRequestMessage(HttpMethod.Options, "/api/v1/sentra");
        preflightGet.Headers.Add("Origin", "https://data.example.org");
        preflightGet.Headers.Add("Access-Control-Request-Method", "GET");
        using var preflightGetResponse = await client.SendAsync(preflightGet);
        Assert.Equal("*", preflightGetResponse.Headers.GetValues("Access-Control-Allow-Origin").Single());

        using var preflightPost = new HttpRequestMessage(HttpMethod.Options, "/api/v1/sentra");
        preflightPost.Headers.Add("Origin", "https://data.example.org");
        preflightPost.Headers.Add("Access-Control-Request-Method", "POST");
        using var preflightPostResponse = await client.SendAsync(preflightPost);
        Assert.False(preflightPostResponse.Headers.Contains("Access-Control-Allow-Origin"));

        using var post = new HttpRequestMessage(HttpMethod.Post, "/api/v1/sentra") { Content = new StringContent("{}", MediaTypeHeaderValue.Parse("application/json")) };
        post.Headers.Add("Origin", "https://data.example.org");
        using var postResponse = await client.SendAsync(post);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, postResponse.StatusCode);
        Assert.False(postResponse.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task The_OpenAPI_document_describes_every_endpoint_and_the_field_names()
    {
        var document = await GetJsonAsync("/openapi/v1.json");
        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();

        Assert.Equal(
            ["/api/v1/businesses", "/api/v1/businesses.csv", "/api/v1/categories", "/api/v1/coverage", "/api/v1/kelurahan", "/api/v1/kelurahan.csv",
             "/api/v1/products", "/api/v1/products.csv", "/api/v1/sentra", "/api/v1/sentra.csv",
             "/api/v1/units/by-kecamatan", "/api/v1/units/by-kecamatan.csv", "/api/v1/units/by-kelurahan-category", "/api/v1/units/by-kelurahan-category.csv"],
            paths.Order(StringComparer.Ordinal));
        Assert.All(document.GetProperty("paths").EnumerateObject(), p => Assert.Equal(["get"], p.Value.EnumerateObject().Select(o => o.Name)));
        var schemas = document.GetProperty("components").GetProperty("schemas");
        Assert.Equal(_sentraFields.Order(StringComparer.Ordinal), schemas.GetProperty("SentraRecord").GetProperty("properties").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal(_unitsByKelurahanFields.Order(StringComparer.Ordinal), schemas.GetProperty("UnitsByKelurahanRecord").GetProperty("properties").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Contains("Kemendagri", document.GetProperty("info").GetProperty("description").GetString());
    }

    [Fact]
    public async Task Every_CSV_operation_declares_text_csv_with_a_schema_for_its_200_answer_and_names_its_columns()
    {
        var document = await GetJsonAsync("/openapi/v1.json");
        var csv = document.GetProperty("paths").EnumerateObject().Where(p => p.Name.EndsWith(".csv", StringComparison.Ordinal)).ToList();

        Assert.Equal(6, csv.Count);
        foreach (var path in csv)
        {
            var get = path.Value.GetProperty("get");
            var content = get.GetProperty("responses").GetProperty("200").GetProperty("content");
            Assert.Equal(["text/csv"], content.EnumerateObject().Select(c => c.Name));
            Assert.Equal("string", content.GetProperty("text/csv").GetProperty("schema").GetProperty("type").GetString());
            Assert.Contains("Columns, in order: ", get.GetProperty("description").GetString());
        }
    }

    [Fact]
    public async Task Businesses_and_products_join_the_open_data_with_listed_businesses_only_and_no_phone()
    {
        await using (var data = new IkmRegistry.Tests.Pages.Directory.DirectoryData(App.NewDbContext()))
        {
            var sentra = await data.SentraAsync("Sentra IKM Amplang Pahandut", IkmRegistry.Tests.Pages.Directory.DirectoryData.Pahandut, ["pangan"], products: "amplang");
            await data.UnitAsync("Amplang Ibu Sari", IkmRegistry.Tests.Pages.Directory.DirectoryData.Pahandut, "pangan", sentra, products: "amplang ikan haruan",
                details: u => { u.Phone = "+6281234567890"; u.PublicContactConsent = true; });
            await data.UnitAsync("Amplang Luar Sentra", IkmRegistry.Tests.Pages.Directory.DirectoryData.Menteng, "pangan", products: "amplang ikan pipih");
            await data.UnitAsync("Amplang Tidak Setuju", IkmRegistry.Tests.Pages.Directory.DirectoryData.Menteng, "pangan", consent: false, products: "amplang");
        }

        var businesses = await GetJsonAsync("/api/v1/businesses");
        Assert.Equal(["Amplang Ibu Sari", "Amplang Luar Sentra"], businesses.EnumerateArray().Select(b => b.GetProperty("name").GetString()!).Order(StringComparer.Ordinal));
        Assert.Equal("sentra-ikm-amplang-pahandut", businesses.EnumerateArray().Single(b => b.GetProperty("name").GetString() == "Amplang Ibu Sari").GetProperty("sentra_slug").GetString());
        Assert.Equal(0, (await GetJsonAsync("/api/v1/businesses?page=2")).GetArrayLength());

        var products = await GetJsonAsync("/api/v1/products?q=amplank");
        Assert.Equal(["Amplang Ibu Sari", "Amplang Luar Sentra", "Sentra IKM Amplang Pahandut"],
            products.EnumerateArray().Select(p => p.GetProperty("maker_name").GetString()!).Distinct().Order(StringComparer.Ordinal));
        Assert.Contains(products.EnumerateArray(), p => p.GetProperty("maker_kind").GetString() == "business" && p.GetProperty("url").GetString()!.Contains("/Directory/Business/", StringComparison.Ordinal));

        using var client = App.CreateClient();
        var csv = await client.GetStringAsync("/api/v1/businesses.csv");
        Assert.StartsWith("id,name,url,products,category_code,category_name,kelurahan_slug,kelurahan_name,kecamatan_name,sentra_slug,sentra_name\r\n", csv);
        Assert.DoesNotContain("Tidak Setuju", csv);
        Assert.DoesNotContain("81234567890", csv + await client.GetStringAsync("/api/v1/businesses") + await client.GetStringAsync("/api/v1/products.csv?q=amplang"));
    }
}
