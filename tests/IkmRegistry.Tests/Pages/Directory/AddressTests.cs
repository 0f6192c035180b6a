namespace IkmRegistry.Tests.Pages.Directory;

/// <summary>Public addresses never break: a rename redirects the old address (301), an inactive sentra answers 410, the sitemap lists current addresses.</summary>
public class AddressTests(RegistryApp app) : RegistryTest(app)
{
    [Fact]
    public async Task Renaming_a_sentra_keeps_its_old_address_as_a_301_to_the_new_one_and_the_sitemap_lists_only_the_new()
    {
        int id;
        await using (var data = new DirectoryData(App.NewDbContext()))
        {
            id = (await data.SentraAsync("Sentra IKM Amplang Pahandut", DirectoryData.Pahandut, ["pangan"])).Id;
        }

        using var staff = new Browser(App);
        await staff.SignInAsync(await App.CreateUserAsync(Roles.Staff));
        var edit = await staff.GetAsync($"/Registry/Sentra/Edit/{id}");
        await staff.SubmitAsync(edit.QuerySelector<IHtmlFormElement>("main form")!, new Dictionary<string, string>
        {
            ["Input.Name"] = "Sentra IKM Amplang Kahayan", ["Input.DecreeNumber"] = "188.45/1/DPKUKMP/2024", ["Input.DecreeDate"] = "2024-01-10",
        });
        await using (var db = App.NewDbContext())
        {
            Assert.Equal("sentra-ikm-amplang-kahayan", (await db.Sentra.SingleAsync()).Slug);
        }

        using var visitor = new Browser(App, followRedirects: false);
        await visitor.GetAsync("/Directory/Sentra/sentra-ikm-amplang-pahandut");
        Assert.Equal(HttpStatusCode.MovedPermanently, visitor.LastStatus);
        Assert.Equal("/Directory/Sentra/sentra-ikm-amplang-kahayan", visitor.LastLocation!.ToString());

        using var follower = new Browser(App);
        var page = await follower.GetAsync("/Directory/Sentra/sentra-ikm-amplang-pahandut");
        Assert.Equal("Sentra IKM Amplang Kahayan", page.QuerySelector("h1")!.TextContent.Trim());

        var sitemap = await follower.Client.GetStringAsync("/sitemap.xml");
        Assert.Contains("/Directory/Sentra/sentra-ikm-amplang-kahayan<", sitemap);
        Assert.DoesNotContain("sentra-ikm-amplang-pahandut", sitemap);

        // Another sentra never takes the old address: it stays a redirect.
        await using (var data = new DirectoryData(App.NewDbContext()))
        {
            await data.SentraAsync("Sentra Lain", DirectoryData.Menteng, ["pangan"]);
        }

        var create = await staff.GetAsync($"/Registry/Sentra/Edit/{(await FindAsync("sentra-lain"))}");
        await staff.SubmitAsync(create.QuerySelector<IHtmlFormElement>("main form")!, new Dictionary<string, string>
        {
            ["Input.Name"] = "Sentra IKM Amplang Pahandut", ["Input.DecreeNumber"] = "188.45/2/DPKUKMP/2024", ["Input.DecreeDate"] = "2024-01-10",
        });
        Assert.NotNull(await FindAsync("sentra-ikm-amplang-pahandut-2"));
        await visitor.GetAsync("/Directory/Sentra/sentra-ikm-amplang-pahandut");
        Assert.Equal(HttpStatusCode.MovedPermanently, visitor.LastStatus);
    }

    private async Task<int?> FindAsync(string slug)
    {
        await using var db = App.NewDbContext();
        return await db.Sentra.Where(s => s.Slug == slug).Select(s => (int?)s.Id).SingleOrDefaultAsync();
    }

    [Fact]
    public async Task An_inactive_sentra_answers_410_with_a_short_explanation_and_one_in_formation_404()
    {
        await using (var data = new DirectoryData(App.NewDbContext()))
        {
            await data.SentraAsync("Sentra IKM Lama", DirectoryData.Pahandut, ["pangan"], status: SentraStatus.TidakAktif);
            await data.SentraAsync("Sentra IKM Baru", DirectoryData.Menteng, ["pangan"], status: SentraStatus.DalamPembentukan);
        }

        using var visitor = new Browser(App);
        var page = await visitor.GetAsync("/Directory/Sentra/sentra-ikm-lama");
        Assert.Equal(HttpStatusCode.Gone, visitor.LastStatus);
        Assert.Contains("sudah tidak aktif", page.QuerySelector("#sentra-gone")!.TextContent);
        await visitor.GetAsync("/Directory/Sentra/sentra-ikm-baru");
        Assert.Equal(HttpStatusCode.NotFound, visitor.LastStatus);
        var sitemap = await visitor.Client.GetStringAsync("/sitemap.xml");
        Assert.DoesNotContain("sentra-ikm-lama", sitemap);
    }

    [Fact]
    public async Task Renaming_a_business_keeps_its_old_address_as_a_301_and_the_sitemap_lists_the_current_one()
    {
        IndustrialUnit unit;
        await using (var data = new DirectoryData(App.NewDbContext()))
        {
            unit = await data.UnitAsync("Amplang Ibu Sari", DirectoryData.Pahandut, "pangan");
            await data.UnitAsync("Usaha Tidak Setuju", DirectoryData.Pahandut, "pangan", consent: false);
        }

        await using (var db = App.NewDbContext())
        {
            var saved = await db.IndustrialUnits.SingleAsync(u => u.Id == unit.Id);
            saved.BusinessName = "Amplang Sari Kahayan";
            await db.SaveChangesAsync();
        }

        using var visitor = new Browser(App, followRedirects: false);
        await visitor.GetAsync($"/Directory/Business/{unit.Id}-amplang-ibu-sari");
        Assert.Equal(HttpStatusCode.MovedPermanently, visitor.LastStatus);
        Assert.Equal($"/Directory/Business/{unit.Id}-amplang-sari-kahayan", visitor.LastLocation!.ToString());
        var sitemap = await visitor.Client.GetStringAsync("/sitemap.xml");
        Assert.Contains($"/Directory/Business/{unit.Id}-amplang-sari-kahayan<", sitemap);
        Assert.DoesNotContain("amplang-ibu-sari", sitemap);
        Assert.DoesNotContain("usaha-tidak-setuju", sitemap);
    }
}
