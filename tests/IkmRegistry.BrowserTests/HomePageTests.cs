namespace IkmRegistry.BrowserTests;

public class HomePageTests(BrowserApp app) : BrowserTest(app, withDemoData: true)
{
    [Fact]
    public async Task A_visitor_reads_the_figures_switches_to_English_and_back_with_no_serious_accessibility_violation()
    {
        var page = await App.NewPageAsync();
        await page.GotoAsync("/");

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Registri IKM Kota Palangka Raya" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-figure=units]")).ToHaveTextAsync("4.133");
        await Assertions.Expect(page.Locator("[data-figure=kelurahan]")).ToHaveTextAsync("30");
        await Assertions.Expect(page.Locator("[data-figure=sentra]")).ToHaveTextAsync("23");
        await page.AssertNoSeriousViolationsAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "English" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "IKM Registry of Palangka Raya" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-figure=units]")).ToHaveTextAsync("4,133");
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await page.AssertNoSeriousViolationsAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Bahasa Indonesia" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-figure=units]")).ToHaveTextAsync("4.133");
    }

    [Fact]
    public async Task On_a_phone_the_menu_opens_from_the_keyboard_and_nothing_scrolls_sideways()
    {
        var page = await App.NewPageAsync(390, 844);
        await page.GotoAsync("/");

        // The first Tab reaches the skip link, which moves focus to the content.
        await page.Keyboard.PressAsync("Tab");
        await Assertions.Expect(page.GetByText("Langsung ke isi")).ToBeFocusedAsync();

        var menu = page.GetByRole(AriaRole.Button, new() { Name = "Buka menu" });
        await menu.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "English" })).ToBeVisibleAsync();

        var overflow = await page.EvaluateAsync<bool>("document.documentElement.scrollWidth > document.documentElement.clientWidth");
        Assert.False(overflow, "The page scrolls sideways on a phone-sized screen");
        await page.AssertNoSeriousViolationsAsync();
    }
}
