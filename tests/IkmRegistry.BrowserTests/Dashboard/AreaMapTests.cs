namespace IkmRegistry.BrowserTests.Dashboard;

/// <summary>The kelurahan areas on the public overview: drawn without tiles, labels that can be read, the licence's attribution on the map.</summary>
public class AreaMapTests(BrowserApp app) : BrowserTest(app, withDemoData: true)
{
    [Theory]
    [InlineData(1280, 900)]
    [InlineData(390, 844)]
    public async Task The_overview_map_names_every_kelurahan_without_a_sentra_with_no_two_labels_overlapping(int width, int height)
    {
        var page = await App.NewPageAsync(width, height);
        await page.GotoAsync("/Directory/Overview");
        await Assertions.Expect(page.Locator(".area-map[data-drawn=true]")).ToHaveCountAsync(1);

        await Assertions.Expect(page.Locator(".area-map path.leaflet-interactive")).ToHaveCountAsync(30);
        await Assertions.Expect(page.Locator(".leaflet-tile")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator(".area-map .leaflet-control-attribution")).ToContainTextAsync("MIT");
        await Assertions.Expect(page.Locator(".area-map .leaflet-control-attribution")).ToBeVisibleAsync();

        var labels = await page.EvaluateAsync<LabelBox[]>(
            """
            () => Array.from(document.querySelectorAll('.area-map .area-label-text')).map(s => {
              const r = s.getBoundingClientRect();
              return { name: s.textContent, visible: getComputedStyle(s).visibility === 'visible', left: r.left, top: r.top, right: r.right, bottom: r.bottom };
            })
            """);
        var visible = labels.Where(l => l.Visible).ToList();
        // On a wide screen every kelurahan still without a sentra is named; on a phone a name that finds no free
        // place is left to the tooltip and the table rather than drawn over another.
        var uncovered = new[] { "Tumbang Rungan", "Danau Tundai", "Kanarakan", "Bukit Sua", "Habaring Hurung", "Mungku Baru", "Petuk Barunai" };
        Assert.True(visible.Count(l => uncovered.Contains(l.Name)) >= (width >= 1000 ? uncovered.Length : 4),
            "Named on the map: " + string.Join(", ", visible.Select(l => l.Name)));

        for (var i = 0; i < visible.Count; i++)
        {
            for (var j = i + 1; j < visible.Count; j++)
            {
                var (a, b) = (visible[i], visible[j]);
                Assert.False(a.Left < b.Right && b.Left < a.Right && a.Top < b.Bottom && b.Top < a.Bottom, $"The labels {a.Name} and {b.Name} overlap");
            }
        }

        await page.AssertNoSeriousViolationsAsync();
    }

    public sealed class LabelBox
    {
        public string Name { get; set; } = "";
        public bool Visible { get; set; }
        public double Left { get; set; }
        public double Top { get; set; }
        public double Right { get; set; }
        public double Bottom { get; set; }
    }
}
