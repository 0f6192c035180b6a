namespace IkmRegistry.BrowserTests.Security;

/// <summary>
/// Names typed by staff reach Leaflet tooltips and popups and Chart.js labels. Markup in any of them must stay
/// text: an element or a link chosen by whoever typed the name must never appear under the city's name (issue 18.1).
/// </summary>
public class MarkupInNamesTests(BrowserApp app) : BrowserTest(app, withDemoData: true)
{
    private const string Markup = "<b id=\"disisipkan\">tebal</b> <a href=\"https://example.invalid/\">Masuk ulang</a>";

    private string _sentraSlug = "";
    private string _sentraName = "";
    private string _kelurahanName = "";
    private string _kecamatanName = "";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await using var db = App.NewDbContext();

        var sentra = await db.Sentra.Include(s => s.Kelurahan).ThenInclude(k => k.Kecamatan)
            .Where(s => s.Status == SentraStatus.Aktif).OrderBy(s => s.Id).FirstAsync();
        sentra.Name = "Sentra " + Markup;
        var neighbour = await db.Kelurahan.Include(k => k.Kecamatan)
            .Where(k => k.KecamatanId == sentra.Kelurahan.KecamatanId && k.Id != sentra.KelurahanId).OrderBy(k => k.Id).FirstAsync();
        neighbour.Name = "Kelurahan " + Markup;
        neighbour.Kecamatan.Name = "Kecamatan " + Markup;
        foreach (var category in await db.ProductCategories.ToListAsync())
        {
            category.NameId = category.NameId + " " + Markup;
            category.NameEn = category.NameEn + " " + Markup;
        }

        await db.SaveChangesAsync();
        (_sentraSlug, _sentraName, _kelurahanName, _kecamatanName) = (sentra.Slug, sentra.Name, neighbour.Name, neighbour.Kecamatan.Name);
    }

    [Fact]
    public async Task Markup_in_sentra_and_kelurahan_names_stays_text_in_the_public_map_tooltips()
    {
        var page = await App.NewPageAsync();
        await page.GotoAsync($"/Directory/Sentra/{_sentraSlug}");
        await Assertions.Expect(page.Locator(".directory-map.leaflet-container")).ToBeVisibleAsync();

        // Both names are permanent labels on the sentra's map: shown as typed, never as elements.
        await Assertions.Expect(page.Locator(".leaflet-tooltip", new() { HasText = _sentraName })).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator(".leaflet-tooltip", new() { HasText = _kelurahanName })).ToHaveCountAsync(1);
        await AssertNoInjectedElementAsync(page);

        await page.GotoAsync("/Directory/Overview");
        await Assertions.Expect(page.Locator(".area-map.leaflet-container")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".area-label-text", new() { HasText = _kelurahanName })).ToHaveCountAsync(1);
        await HoverEveryMarkerAsync(page, ".area-map path.leaflet-interactive");
        await AssertNoInjectedElementAsync(page);
    }

    [Fact]
    public async Task Markup_in_area_and_category_names_stays_text_in_the_dashboard_map_and_charts()
    {
        var email = await App.CreateUserAsync(Roles.Official);
        var page = await App.SignInAsync(email);

        await page.GotoAsync("/Dashboard");
        await Assertions.Expect(page.Locator("#peta path.leaflet-interactive")).ToHaveCountAsync(30);
        await Assertions.Expect(page.Locator("#peta .area-label-text", new() { HasText = _kelurahanName })).ToHaveCountAsync(1);

        // Every tooltip of the kelurahan map, opened one after the other, and a popup naming the kecamatan (text nodes).
        var tooltips = await HoverEveryMarkerAsync(page, "#peta path.leaflet-interactive");
        Assert.Contains(tooltips, t => t.Contains(_kelurahanName, StringComparison.Ordinal));
        var popups = await page.EvaluateAsync<string[]>(
            """
            selector => Array.from(document.querySelectorAll(selector)).map(path => {
              path.dispatchEvent(new MouseEvent('click', { bubbles: true }));
              return Array.from(document.querySelectorAll('.leaflet-popup-content')).map(p => p.textContent).join('|');
            })
            """, "#peta path.leaflet-interactive");
        Assert.Contains(popups, p => p.Contains(_kecamatanName, StringComparison.Ordinal));
        await AssertNoInjectedElementAsync(page);

        // Chart.js draws labels on a canvas: they keep the name as typed.
        var labels = await page.EvaluateAsync<string[]>(
            "() => Array.from(document.querySelectorAll('canvas[data-chart]')).flatMap(c => Chart.getChart(c).data.labels.map(String))");
        Assert.Contains(labels, l => l.Contains(Markup, StringComparison.Ordinal));
    }

    private static async Task<string[]> HoverEveryMarkerAsync(IPage page, string markers) =>
        await page.EvaluateAsync<string[]>(
            """
            selector => Array.from(document.querySelectorAll(selector)).map(path => {
              path.dispatchEvent(new MouseEvent('mouseover', { bubbles: true }));
              const shown = Array.from(document.querySelectorAll('.leaflet-tooltip')).map(t => t.textContent).join('|');
              path.dispatchEvent(new MouseEvent('mouseout', { bubbles: true }));
              return shown;
            })
            """, markers);

    private static async Task AssertNoInjectedElementAsync(IPage page)
    {
        Assert.Equal(0, await page.Locator("#disisipkan").CountAsync());
        Assert.Equal(0, await page.Locator("a[href='https://example.invalid/']").CountAsync());
    }
}
