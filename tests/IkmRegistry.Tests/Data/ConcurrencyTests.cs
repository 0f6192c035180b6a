namespace IkmRegistry.Tests.Data;

public class ConcurrencyTests(RegistryApp app) : RegistryTest(app)
{
    [Fact]
    public async Task Saving_a_stale_unit_raises_a_concurrency_conflict()
    {
        await using var setup = App.NewDbContext();
        await DemoData.LoadAsync(setup, unitCount: 1000);
        var id = await setup.IndustrialUnits.Select(u => u.Id).FirstAsync();

        await using var first = App.NewDbContext();
        await using var second = App.NewDbContext();
        var mine = await first.IndustrialUnits.SingleAsync(u => u.Id == id);
        var theirs = await second.IndustrialUnits.SingleAsync(u => u.Id == id);

        mine.BusinessName = "Disimpan lebih dulu";
        await first.SaveChangesAsync();
        theirs.BusinessName = "Disimpan kemudian";

        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => second.SaveChangesAsync());
        await using var check = App.NewDbContext();
        Assert.Equal("Disimpan lebih dulu", (await check.IndustrialUnits.SingleAsync(u => u.Id == id)).BusinessName);
    }

    [Fact]
    public async Task Every_editable_entity_is_guarded_by_xmin()
    {
        await using var db = App.NewDbContext();
        var editable = new[] { typeof(Kecamatan), typeof(Kelurahan), typeof(ProductCategory), typeof(Sentra), typeof(IndustrialUnit), typeof(Membership) };
        foreach (var type in editable)
        {
            var version = db.Model.FindEntityType(type)!.FindProperty("Version")!;
            Assert.True(version.IsConcurrencyToken, $"{type.Name}.Version is not a concurrency token");
            Assert.Equal("xmin", version.GetColumnName());
        }
    }

    [Fact]
    public async Task Saving_a_stale_kelurahan_raises_a_concurrency_conflict()
    {
        await using var first = App.NewDbContext();
        await using var second = App.NewDbContext();
        var mine = await first.Kelurahan.SingleAsync(k => k.Code == "62.71.05.1005");
        var theirs = await second.Kelurahan.SingleAsync(k => k.Code == "62.71.05.1005");

        mine.RetiredOn = new DateOnly(2026, 11, 27);
        await first.SaveChangesAsync();
        theirs.Name = "Pager Baru";

        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => second.SaveChangesAsync());
    }
}
