using IkmRegistry.Web.Import;

namespace IkmRegistry.Tests.Registry.Import;

public class ImportLookupsTests(RegistryApp app) : RegistryTest(app)
{
    [Fact]
    public async Task The_import_derives_the_same_category_from_a_KBLI_code_as_the_database_function_for_every_group_and_exception()
    {
        await using var db = App.NewDbContext();
        // An admin's change to the mapping is followed too: 23 (galian bukan logam) moved from Lainnya to Kerajinan.
        var lainnya = await db.ProductCategories.SingleAsync(c => c.Code == "lainnya");
        var kerajinan = await db.ProductCategories.SingleAsync(c => c.Code == "kerajinan");
        lainnya.KbliDivisions = [.. lainnya.KbliDivisions.Where(d => d != 23)];
        kerajinan.KbliDivisions = [.. kerajinan.KbliDivisions, 23];
        await db.SaveChangesAsync();
        var lookups = await ImportLookups.LoadAsync(db, CancellationToken.None);

        var codes = Kbli.Groups.Select(g => g.Code + "10").Concat(["13134", "16291", "16292", "16299", "10750", "23951"]).Where(c => Kbli.IsValid(c)).ToList();
        Assert.True(codes.Count > 40);
        foreach (var code in codes)
        {
            var expected = await db.Database.SqlQuery<int?>($"SELECT kbli_category({code}) AS \"Value\"").SingleAsync();
            Assert.True(expected == lookups.CategoryFromKbli(code)?.Id, $"KBLI {code}: database {expected}, import {lookups.CategoryFromKbli(code)?.Id}");
        }

        Assert.Equal(kerajinan.Id, lookups.CategoryFromKbli("23951")?.Id);
        Assert.Null(lookups.CategoryFromKbli("10000"));
    }
}
