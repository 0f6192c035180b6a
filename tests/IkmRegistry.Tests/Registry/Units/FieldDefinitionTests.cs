using IkmRegistry.Web.Pages.Registry;
using static IkmRegistry.Tests.Registry.ExportFiles;

namespace IkmRegistry.Tests.Registry.Units;

/// <summary>The unit's fields are defined once (UnitFields): the form, the page, the history and the export read that definition.</summary>
public class FieldDefinitionTests(RegistryApp app) : RegistryTest(app)
{
    /// <summary>Properties the registry keeps about a unit that are not fields anyone types or imports.</summary>
    private static readonly string[] _notFields =
    [
        nameof(IndustrialUnit.Category), nameof(IndustrialUnit.Kelurahan), nameof(IndustrialUnit.Memberships), nameof(IndustrialUnit.Version),
        nameof(IndustrialUnit.CreatedAt), nameof(IndustrialUnit.UpdatedAt), nameof(IndustrialUnit.IsDemo), nameof(IndustrialUnit.VerifiedAt),
        nameof(IndustrialUnit.VerifiedBy), nameof(IndustrialUnit.TotalWorkers), nameof(IndustrialUnit.IsLegalEntity),
        nameof(IndustrialUnit.PublicConsentWithdrawnOn), nameof(IndustrialUnit.PositionCheck),
        nameof(IndustrialUnit.SubmissionUuid), nameof(IndustrialUnit.FormVersion), nameof(IndustrialUnit.SubmittedBy), nameof(IndustrialUnit.SubmittedAt),
    ];

    [Fact]
    public void Every_property_of_the_unit_is_a_defined_field_or_one_the_registry_keeps_itself()
    {
        var undefined = typeof(IndustrialUnit).GetProperties().Select(p => p.Name)
            .Where(name => !_notFields.Contains(name) && UnitFields.Named(name) is null).ToList();

        Assert.Empty(undefined);
    }

    [Fact]
    public async Task Every_field_names_its_database_column_and_headers_and_aliases_belong_to_one_field_only()
    {
        await using var db = App.NewDbContext();
        var entity = db.Model.FindEntityType(typeof(IndustrialUnit))!;
        foreach (var field in UnitFields.All.Where(f => entity.FindProperty(f.Name) is not null))
        {
            Assert.Equal(entity.FindProperty(field.Name)!.GetColumnName(), field.Column);
        }

        var names = UnitFields.Sheet.SelectMany(f => f.Aliases.Append(f.Header!)).Select(n => n.ToLowerInvariant()).ToList();
        Assert.Equal(names.Count, names.Distinct().Count());
    }

    [Fact]
    public async Task The_new_fields_go_through_form_page_history_and_export_from_their_definition_alone()
    {
        using var browser = new Browser(App);
        await browser.SignInAsync(await App.CreateUserAsync(Roles.Staff));
        int kelurahanId, categoryId;
        await using (var db = App.NewDbContext())
        {
            kelurahanId = (await db.Kelurahan.FirstAsync()).Id;
            categoryId = (await db.ProductCategories.FirstAsync()).Id;
        }

        var form = await browser.GetAsync("/Registry/Units/Create");
        Assert.NotNull(form.QuerySelector("textarea[name='Input.Notes']"));
        var page = await browser.SubmitAsync(form.QuerySelector<IHtmlFormElement>("main form")!, new Dictionary<string, string>
        {
            ["Input.BusinessName"] = "Anyaman Purun Ibu Yati",
            ["Input.OwnerName"] = "Yati",
            ["Input.KelurahanId"] = kelurahanId.ToString(),
            ["Input.CategoryId"] = categoryId.ToString(),
            ["Input.WorkersUnsplit"] = "7",
            ["Input.RawMaterialValue"] = "12.500.000",
            ["Input.InvestmentValue"] = "50.000.000",
            ["Input.Notes"] = "PIRT 2063271010123-27; halal dalam proses",
            ["Input.RegisteredOn"] = "2026-11-20",
        });

        Assert.StartsWith("/Registry/Units/Details/", browser.LastUrl!.AbsolutePath);
        Assert.Equal("7", page.QuerySelector("[data-field=workersunsplit]")!.TextContent);
        Assert.Equal("Rp 12.500.000", page.QuerySelector("[data-field=rawmaterialvalue]")!.TextContent);
        Assert.Contains("PIRT 2063271010123-27", page.QuerySelector("[data-field=notes]")!.TextContent);
        Assert.Contains("7 orang", page.QuerySelector("#total-workers")!.TextContent);
        Assert.Contains("Catatan (izin PIRT, halal, SNI dan lainnya)", page.QuerySelector("#history-title")!.ParentElement!.TextContent);

        await using (var db = App.NewDbContext())
        {
            var unit = await db.IndustrialUnits.SingleAsync();
            Assert.Equal((7, 12_500_000m), (unit.WorkersUnsplit, unit.RawMaterialValue));
            // Seven workers without a split still count for the scale rule (small industry: up to 19 workers).
            Assert.Equal(IndustryScaleClass.Kecil, IndustryScale.Of(unit));
        }

        var rows = await SheetRowsAsync(await browser.Client.GetByteArrayAsync("/Registry/Units/Export?format=xlsx"));
        var row = Assert.Single(rows);
        Assert.Equal(7m, Convert.ToDecimal(row["Tenaga Kerja Tanpa Rincian"]));
        Assert.Equal(12_500_000m, Convert.ToDecimal(row["Nilai Bahan Baku (Rp)"]));
        Assert.Equal("PIRT 2063271010123-27; halal dalam proses", row["Catatan"]);
        Assert.Equal("Perlu verifikasi", row["Status Data"]);
    }

    [Fact]
    public async Task An_officials_export_has_no_personal_column_of_the_definition_but_has_the_data_status()
    {
        await Seed.UnitAsync(App, configure: u => { u.RawMaterialValue = 5_000_000m; u.Notes = "SNI"; });
        using var browser = new Browser(App);
        await browser.SignInAsync(await App.CreateUserAsync(Roles.Official));

        var headers = (await SheetRowsAsync(await browser.Client.GetByteArrayAsync("/Registry/Units/Export?format=xlsx"))).Single().Keys.ToList();

        Assert.Empty(headers.Intersect(UnitSheet.PrivateColumns));
        Assert.Contains("Nilai Bahan Baku (Rp)", UnitSheet.PrivateColumns);
        Assert.Contains("Status Data", headers);
        Assert.Contains("Golongan Pokok KBLI", headers);
    }

    [Fact]
    public async Task A_phone_that_does_not_look_Indonesian_is_saved_as_typed_and_flagged_for_verification()
    {
        var unit = await Seed.UnitAsync(App);
        using var browser = new Browser(App);
        await browser.SignInAsync(await App.CreateUserAsync(Roles.Staff));
        var edit = await browser.GetAsync($"/Registry/Units/Edit/{unit.Id}");

        var page = await browser.SubmitAsync(edit.QuerySelector<IHtmlFormElement>("main form")!, new Dictionary<string, string> { ["Input.Phone"] = "12345" });

        Assert.StartsWith("/Registry/Units/Details/", browser.LastUrl!.AbsolutePath);
        Assert.Contains("telepon-meragukan", page.QuerySelectorAll("#data-issues [data-issue]").Select(i => i.GetAttribute("data-issue")));
        await using var db = App.NewDbContext();
        Assert.Equal("12345", (await db.IndustrialUnits.SingleAsync()).Phone);
    }
}
