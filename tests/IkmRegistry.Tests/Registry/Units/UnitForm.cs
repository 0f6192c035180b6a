namespace IkmRegistry.Tests.Registry.Units;

/// <summary>The unit form (Registry/Units/Create) as staff fill it in: one valid, complete set of fields that tests vary.</summary>
internal static class UnitForm
{
    public const string Menteng = "62.71.03.1002";

    /// <summary>The fields of a valid unit in <paramref name="kelurahan"/>; <paramref name="category"/> "" leaves the category empty; <paramref name="with"/> adds or replaces fields.</summary>
    public static async Task<Dictionary<string, string>> ValidAsync(
        RegistryApp app, string category = "pangan", string kelurahan = Menteng, IReadOnlyDictionary<string, string>? with = null)
    {
        await using var db = app.NewDbContext();
        var form = new Dictionary<string, string>
        {
            ["Input.BusinessName"] = "Kerupuk Haruan Bu Rina",
            ["Input.OwnerName"] = "Rina Marlina",
            ["Input.Nik"] = "6271034107900002",
            ["Input.Nib"] = "1234567890123",
            ["Input.KbliCode"] = "10750",
            ["Input.KbliEdition"] = "2020",
            ["Input.CategoryId"] = category == "" ? "" : (await db.ProductCategories.SingleAsync(c => c.Code == category)).Id.ToString(),
            ["Input.KelurahanId"] = (await db.Kelurahan.SingleAsync(k => k.Code == kelurahan)).Id.ToString(),
            ["Input.LegalForm"] = "Perorangan",
            ["Input.RegisteredOn"] = "2026-11-20",
        };
        foreach (var (field, value) in with ?? new Dictionary<string, string>())
        {
            form[field] = value;
        }

        return form;
    }

    /// <summary>Opens the create form at <paramref name="url"/> and submits it with <paramref name="values"/>.</summary>
    public static async Task<IDocument> SubmitAsync(Browser browser, Dictionary<string, string> values, string url = "/Registry/Units/Create")
    {
        var page = await browser.GetAsync(url);
        return await browser.SubmitAsync(page.QuerySelector<IHtmlFormElement>("main form")!, values);
    }
}
