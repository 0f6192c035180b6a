using System.Text;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;

namespace IkmRegistry.Tests.Security;

/// <summary>
/// Hostile input (ASVS 5.1, 5.3) into every field of every form the pages offer, found by opening every page as an
/// admin, and into every search box and API query parameter: never a 500, and markup comes back encoded.
/// </summary>
public class HostileInputTests(RegistryApp app) : RegistryTest(app)
{
    private const string Script = "<script>alert(1)</script>";
    private const string ImageTag = "\"><img src=x onerror=alert(1)>";

    /// <summary>Values as they go into a form body or a query string (already percent-encoded).</summary>
    public static readonly (string Name, string Encoded)[] Payloads =
    [
        ("script", Uri.EscapeDataString(Script)),
        ("attribute break", Uri.EscapeDataString(ImageTag)),
        ("SQL comment", Uri.EscapeDataString("' OR 1=1 --")),
        ("SQL drop", Uri.EscapeDataString("'; DROP TABLE industrial_unit; --")),
        ("100,000 characters", new string('a', 100_000)),
        // A tampered select: ids that are numbers but name no category, kelurahan, KBLI edition, legal form or sentra.
        ("out-of-range id", "987654321"),
        ("negative id", "-1"),
        ("id past int", "99999999999"),
        ("control characters", Uri.EscapeDataString("a\u0000b\u0007c\u001bd")),
        ("right-to-left override", Uri.EscapeDataString("abc\u202Edef")),
        ("zero-width joiner and emoji", Uri.EscapeDataString("👨\u200D👩\u200D👧 🏭")),
        ("combining marks", Uri.EscapeDataString("Z\u0351\u0352\u0353a\u0300\u0301\u0302")),
        // A lone surrogate cannot be a .NET string on the wire: its UTF-8 bytes, which no valid UTF-8 has.
        ("lone surrogate", "x%ED%A0%80y"),
        ("percent and underscore", Uri.EscapeDataString("%_%\\")),
    ];

    private async Task<Dictionary<string, string>> UrlsAsync()
    {
        var unit = await Seed.UnitAsync(App);
        var sentra = await Seed.SentraAsync(App, members: 1);
        var staff = await App.CreateUserAsync(Roles.Staff);
        await using var db = App.NewDbContext();
        var kelurahan = await db.Kelurahan.OrderBy(k => k.Id).FirstAsync();
        var category = await db.ProductCategories.OrderBy(c => c.Id).FirstAsync();
        var staffId = await db.Users.Where(u => u.Email == staff).Select(u => u.Id).SingleAsync();
        var ids = new Dictionary<string, string>
        {
            ["/Registry/Units/"] = unit.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["/Registry/Sentra/"] = sentra.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["/Registry/Formation/"] = kelurahan.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["/Admin/Kelurahan/"] = kelurahan.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["/Admin/Categories/"] = category.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["/Admin/Users/"] = staffId,
            ["/Directory/Sentra"] = sentra.Slug,
            ["/Directory/Kelurahan"] = kelurahan.Slug,
            ["/Dashboard/Kecamatan"] = "62.71.01",
            ["/Dashboard/Kelurahan"] = kelurahan.Code,
        };

        var endpoints = App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>();
        var urls = new Dictionary<string, string>();
        foreach (var group in endpoints.Where(e => e.Metadata.GetMetadata<PageActionDescriptor>() is not null)
            .GroupBy(e => e.Metadata.GetMetadata<PageActionDescriptor>()!.ViewEnginePath))
        {
            var pattern = "/" + group.OrderBy(e => e.RoutePattern.RawText!.Length).First().RoutePattern.RawText;
            var value = ids.FirstOrDefault(i => group.Key.StartsWith(i.Key, StringComparison.Ordinal)).Value;
            urls[group.Key] = System.Text.RegularExpressions.Regex.Replace(pattern, @"\{\w+(:int)?\??\}", value ?? "");
        }

        return urls;
    }

    /// <summary>Every named field a person could change, with what the page put in it.</summary>
    private static List<(string Name, string Value, bool Text)> Fields(IHtmlFormElement form)
    {
        var fields = new List<(string, string, bool)>();
        foreach (var element in form.Elements)
        {
            switch (element)
            {
                case IHtmlInputElement { Name: { Length: > 0 } name, Type: "checkbox" or "radio" } box:
                    if (box.IsChecked)
                    {
                        fields.Add((name, box.Value, false));
                    }

                    break;
                case IHtmlInputElement { Name: "__RequestVerificationToken" } token:
                    fields.Add((token.Name!, token.Value, false));
                    break;
                case IHtmlInputElement { Name: { Length: > 0 } name, Type: not ("submit" or "button" or "file" or "hidden") } input:
                    fields.Add((name, input.Value, true));
                    break;
                case IHtmlInputElement { Name: { Length: > 0 } name, Type: "hidden" } hidden:
                    fields.Add((name, hidden.Value, false));
                    break;
                case IHtmlTextAreaElement { Name: { Length: > 0 } name } area:
                    fields.Add((name, area.Value, true));
                    break;
                case IHtmlSelectElement { Name: { Length: > 0 } name } select:
                    // A tampered request sends anything in place of an option.
                    fields.Add((name, select.Value ?? "", true));
                    break;
            }
        }

        return fields;
    }

    private static string Body(IEnumerable<(string Name, string Value, bool Text)> fields, string payload) =>
        string.Join('&', fields.Select(f => Uri.EscapeDataString(f.Name) + "=" + (f.Text ? payload : Uri.EscapeDataString(f.Value))));

    private static void Check(List<string> failures, string what, HttpStatusCode status, string body)
    {
        if ((int)status >= 500)
        {
            failures.Add($"{what}: HTTP {(int)status}");
        }

        if (body.Contains(Script, StringComparison.OrdinalIgnoreCase) || body.Contains("<img src=x", StringComparison.OrdinalIgnoreCase))
        {
            failures.Add($"{what}: the markup came back unencoded");
        }
    }

    /// <summary>Every form in the main part of every page that answers 200, with where it sends and whether it posts; never the sign-out form, which would end the test's session.</summary>
    private static async IAsyncEnumerable<(string Page, string Action, bool Post, IHtmlFormElement Form)> FormsAsync(Browser browser, Dictionary<string, string> urls)
    {
        foreach (var (page, url) in urls.OrderBy(u => u.Key, StringComparer.Ordinal))
        {
            var document = await browser.GetAsync(url);
            if (browser.LastStatus != HttpStatusCode.OK)
            {
                continue;
            }

            foreach (var form in document.QuerySelectorAll<IHtmlFormElement>("main form"))
            {
                var action = form.GetAttribute("action") is { Length: > 0 } a ? a : url;
                if (!action.StartsWith("/Account/Logout", StringComparison.Ordinal))
                {
                    yield return (page, action, string.Equals(form.Method, "post", StringComparison.OrdinalIgnoreCase), form);
                }
            }
        }
    }

    /// <summary>Sends a form's fields as the browser would: posted as a form body, or as the query string of a GET.</summary>
    private static Task<HttpResponseMessage> SendAsync(Browser browser, string action, bool post, string body) => post
        ? browser.Client.PostAsync(action, new StringContent(body, Encoding.UTF8, "application/x-www-form-urlencoded"))
        : browser.Client.GetAsync(action + (action.Contains('?', StringComparison.Ordinal) ? "&" : "?") + body);

    [Fact]
    public async Task Every_form_and_search_box_answers_hostile_input_without_a_500_and_keeps_markup_encoded()
    {
        var urls = await UrlsAsync();
        var admin = await App.CreateUserAsync(Roles.Admin);
        using var browser = new Browser(App, followRedirects: false);
        await browser.SignInAsync(admin);
        var failures = new List<string>();
        var forms = 0;

        await foreach (var (page, action, post, form) in FormsAsync(browser, urls))
        {
            var fields = Fields(form);
            if (!fields.Exists(f => f.Text))
            {
                continue;
            }

            forms++;
            foreach (var (name, payload) in Payloads)
            {
                using var response = await SendAsync(browser, action, post, Body(post ? fields : fields.Where(f => f.Name != "__RequestVerificationToken"), payload));
                Check(failures, $"{(post ? "POST" : "GET")} {action} ({page}) with {name}", response.StatusCode, await response.Content.ReadAsStringAsync());
            }
        }

        Assert.True(forms >= 15, $"Only {forms} forms with text fields found");

        // Query parameters typed into the address bar, on pages and the open API.
        string[] queries =
        [
            "/Directory?q={0}&kecamatan={0}&kelurahan={0}&kategori={0}&halaman={0}",
            "/Registry/Units?q={0}&kecamatan={0}&kelurahan={0}&kategori={0}&status={0}&sentra={0}&nib={0}&urut={0}&halaman={0}",
            "/Registry/Sentra?q={0}&kecamatan={0}&kategori={0}&status={0}&halaman={0}", "/Admin/Audit?jenis={0}&id={0}&pengguna={0}&tindakan={0}&dari={0}&sampai={0}&halaman={0}",
            "/Admin/Users?q={0}", "/Dashboard/Export?tabel={0}&format={0}&kecamatan={0}&kelurahan={0}", "/Account/Login?returnUrl={0}",
            "/api/v1/sentra?q={0}&kecamatan={0}", "/api/v1/sentra.csv?q={0}", "/api/v1/kelurahan?kecamatan={0}", "/api/v1/units/by-kecamatan?format={0}",
            "/Directory/Sentra/{0}", "/Directory/Kelurahan/{0}", "/Dashboard/Kecamatan/{0}", "/Dashboard/Kelurahan/{0}",
        ];
        foreach (var query in queries)
        {
            foreach (var (name, payload) in Payloads)
            {
                // A NUL in the path never reaches the app: Kestrel answers 400 itself (the test server throws instead).
                if (!query.Contains('?', StringComparison.Ordinal) && payload.Contains("%00", StringComparison.Ordinal))
                {
                    continue;
                }

                var url = string.Format(System.Globalization.CultureInfo.InvariantCulture, query, payload);
                using var response = await browser.Client.GetAsync(url);
                Check(failures, $"GET {query} with {name}", response.StatusCode, await response.Content.ReadAsStringAsync());
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures.Distinct()));
    }

    /// <summary>Page numbers as typed into the address bar: huge, at and past the int range, negative, not numbers.</summary>
    public static readonly string[] PageNumbers = ["100000000", "2147483647", "2147483648", "99999999999999999999", "0", "-1", "-2147483648", "abc", "1e9", "1.5", ""];

    /// <summary>Ids no row has, or that do not fit an int, in place of a select's option.</summary>
    public static readonly string[] OutOfRangeIds = ["0", "-1", "2147483647", "2147483648", "-2147483649", "99999999999999999999", "abc"];

    [Fact]
    public async Task Huge_negative_and_non_numeric_page_numbers_and_out_of_range_ids_never_give_a_500_on_any_list_or_select()
    {
        var urls = await UrlsAsync();
        var admin = await App.CreateUserAsync(Roles.Admin);
        using var browser = new Browser(App, followRedirects: false);
        await browser.SignInAsync(admin);
        var failures = new List<string>();

        // Every list, with and without a search term (a search pages without counting) and with its filters set.
        string[] lists =
        [
            "/Registry/Units?halaman={0}", "/Registry/Units?q=a&halaman={0}", "/Registry/Units?q=a&kategori=1&urut=nama&halaman={0}",
            "/Registry/Sentra?halaman={0}", "/Registry/Sentra?q=a&halaman={0}", "/Admin/Audit?halaman={0}", "/Admin/Audit?pengguna=a&halaman={0}",
            "/Directory?halaman={0}", "/Directory?q=a&halaman={0}",
        ];
        foreach (var list in lists)
        {
            foreach (var number in PageNumbers)
            {
                var url = string.Format(System.Globalization.CultureInfo.InvariantCulture, list, number);
                using var response = await browser.Client.GetAsync(url);
                Check(failures, $"GET {url}", response.StatusCode, await response.Content.ReadAsStringAsync());
            }
        }

        // Every select of every form on every page, GET (filters) and POST (the forms that save), one at a time.
        var selects = 0;
        await foreach (var (page, action, post, form) in FormsAsync(browser, urls))
        {
            var fields = Fields(form).Select(f => (f.Name, f.Value)).ToList();
            foreach (var select in form.Elements.OfType<IHtmlSelectElement>().Where(s => s.Name is { Length: > 0 }))
            {
                selects++;
                foreach (var id in OutOfRangeIds)
                {
                    var values = fields.Select(f => f.Name == select.Name ? (f.Name, id) : f).Where(f => post || f.Name != "__RequestVerificationToken");
                    var body = string.Join('&', values.Select(f => Uri.EscapeDataString(f.Name) + "=" + Uri.EscapeDataString(f.Item2)));
                    using var response = await SendAsync(browser, action, post, body);
                    Check(failures, $"{(post ? "POST" : "GET")} {action} ({page}) with {select.Name}={id}", response.StatusCode, await response.Content.ReadAsStringAsync());
                }
            }
        }

        Assert.True(selects >= 20, $"Only {selects} selects found");
        Assert.True(failures.Count == 0, string.Join("\n", failures.Distinct()));
    }

    [Fact]
    public async Task Markup_typed_into_a_unit_is_saved_as_text_and_shown_encoded()
    {
        var unit = await Seed.UnitAsync(App);
        using var browser = new Browser(App);
        await browser.SignInAsync(await App.CreateUserAsync(Roles.Staff));
        var edit = await browser.GetAsync($"/Registry/Units/Edit/{unit.Id}");
        var page = await browser.SubmitAsync(edit.QuerySelector<IHtmlFormElement>("main form")!, new Dictionary<string, string>
        {
            ["Input.BusinessName"] = "Amplang " + Script,
            ["Input.MainProducts"] = ImageTag,
        });

        Assert.Equal($"/Registry/Units/Details/{unit.Id}", browser.LastUrl!.AbsolutePath);
        Assert.DoesNotContain(Script, page.Source.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("<img src=x", page.Source.Text, StringComparison.Ordinal);
        Assert.Contains("Amplang " + Script, page.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
        Assert.Empty(page.QuerySelectorAll("main script, main img[src=x]"));
    }
}
