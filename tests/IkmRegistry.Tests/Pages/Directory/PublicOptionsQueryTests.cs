using IkmRegistry.Web.Pages.Directory;

namespace IkmRegistry.Tests.Pages.Directory;

/// <summary>
/// The public pages' option lists and map places are kept in memory per registry version (PublicOptionsQuery): they
/// must equal the public queries' answer, and a write to the registry (also outside EF) must show on the next read.
/// </summary>
public class PublicOptionsQueryTests(RegistryApp app) : RegistryTest(app)
{
    private async Task<PublicOptions> ReadAsync()
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PublicOptionsQuery>().ReadAsync(default);
    }

    [Fact]
    public async Task The_kept_options_equal_the_public_queries_and_follow_a_sentra_that_is_no_longer_active()
    {
        await using var db = App.NewDbContext();
        await App.LoadDemoDataAsync();

        var before = await ReadAsync();
        Assert.Equal(await db.KelurahanAsync(default), before.Kelurahan);
        Assert.Equal(await db.CategoriesAsync(default), before.Categories);
        var covered = before.Kelurahan.First(k => k.ActiveSentra > 0);
        Assert.Same(before, await ReadAsync());

        await db.Sentra.Where(s => s.Kelurahan.Code == covered.Code).ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, SentraStatus.TidakAktif));

        var after = await ReadAsync();
        Assert.Equal(0, after.Kelurahan.Single(k => k.Code == covered.Code).ActiveSentra);
        Assert.Equal(await db.KelurahanAsync(default), after.Kelurahan);
    }
}
