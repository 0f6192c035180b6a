using IkmRegistry.Web.Pages.Registry;
using static IkmRegistry.Tests.Registry.Import.Importing;

namespace IkmRegistry.Tests.Registry.Import;

/// <summary>One NIB is one business, which may produce at several places (DOMAIN.md): the import keeps sites apart and never picks one at random.</summary>
public class NibSiteTests(RegistryApp app) : RegistryTest(app)
{
    private static Dictionary<string, object?> Site(string name, string nib, string? address)
    {
        var row = Row(name, nib: nib);
        row[UnitSheet.Address] = address;
        return row;
    }

    [Fact]
    public async Task Two_rows_with_one_NIB_at_different_addresses_are_two_sites_and_at_the_same_address_the_second_is_an_error()
    {
        using var browser = await StaffAsync(App);
        var file = Xlsx(
            Site("Rotan Kahayan Pusat", "9120300000001", "Jl. Tjilik Riwut km 5"),
            Site("Rotan Kahayan Cabang", "9120300000001", "Jl. Rajawali 12"),
            Site("Rotan Kahayan Lagi", "9120300000001", "jl rajawali 12"));

        var (batch, preview) = await PreviewAsync(App, browser, file);

        Assert.Equal((2, 1), (batch.NewCount, batch.ErrorCount));
        var text = preview.Body!.TextContent;
        Assert.Contains("1 baris memakai NIB yang sudah ada di baris lain dengan alamat berbeda", text);
        Assert.Contains("NIB ini dengan alamat yang sama sudah ada di baris 3", text);
        await CommitAsync(App, browser, preview);
        await using var db = App.NewDbContext();
        Assert.Equal(["Rotan Kahayan Cabang", "Rotan Kahayan Pusat"], await db.IndustrialUnits.Where(u => u.Nib == "9120300000001").OrderBy(u => u.BusinessName).Select(u => u.BusinessName).ToListAsync());
    }

    [Fact]
    public async Task A_NIB_shared_by_registered_sites_matches_by_address_adds_a_further_site_and_asks_staff_when_no_address_matches()
    {
        var first = await Seed.UnitAsync(App, "Batik Pusat", nib: "9120300000009", configure: u => u.Address = "Jl. Diponegoro 3");
        var second = await Seed.UnitAsync(App, "Batik Cabang", nib: "9120300000009", configure: u => u.Address = "Jl. Yos Sudarso 8");
        using var browser = await StaffAsync(App);

        var (batch, preview) = await PreviewAsync(App, browser, Xlsx(
            Site("Batik Cabang Baru Namanya", "9120300000009", "jl yos sudarso 8"),
            Site("Batik Cabang Ketiga", "9120300000009", "Jl. Mahir Mahar 1")));

        Assert.Equal((1, 1, 0), (batch.UpdateCount, batch.NewCount, batch.ErrorCount));
        await CommitAsync(App, browser, preview);
        await using (var db = App.NewDbContext())
        {
            var units = await db.IndustrialUnits.Where(u => u.Nib == "9120300000009").OrderBy(u => u.Id).Select(u => new { u.Id, u.BusinessName }).ToListAsync();
            Assert.Equal([(first.Id, "Batik Pusat"), (second.Id, "Batik Cabang Baru Namanya")], units.Take(2).Select(u => (u.Id, u.BusinessName)));
            Assert.Equal("Batik Cabang Ketiga", units[2].BusinessName);
        }

        (batch, preview) = await PreviewAsync(App, browser, Xlsx(Site("Batik Tanpa Alamat Cocok", "9120300000009", "Jl. Lain 99")));

        Assert.Equal((0, 0, 1), (batch.UpdateCount, batch.NewCount, batch.ErrorCount));
        Assert.Contains("Beberapa unit di registri memakai NIB ini", preview.QuerySelector("section[aria-labelledby=errors-heading]")!.TextContent);
    }
}
