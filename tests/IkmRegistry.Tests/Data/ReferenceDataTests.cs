namespace IkmRegistry.Tests.Data;

public class ReferenceDataTests(RegistryApp app) : RegistryTest(app)
{
    // Copied by hand from shared/DOMAIN.md, so a typo in the seed cannot hide behind the seed itself.
    private static readonly (string Code, string Name, double Lat, double Lng)[] _domainKelurahan =
    [
        ("62.71.01.1001", "Pahandut", -2.19975, 113.95033), ("62.71.01.1002", "Panarung", -2.25370, 113.94895),
        ("62.71.01.1003", "Langkai", -2.23897, 113.92512), ("62.71.01.1004", "Tumbang Rungan", -2.15791, 113.91861),
        ("62.71.01.1005", "Pahandut Seberang", -2.18804, 113.94215), ("62.71.01.1006", "Tanjung Pinang", -2.20849, 113.97720),
        ("62.71.02.1001", "Marang", -2.09250, 113.78500), ("62.71.02.1002", "Tumbang Tahai", -2.03435, 113.78144),
        ("62.71.02.1003", "Banturung", -1.99572, 113.72758), ("62.71.02.1004", "Tangkiling", -1.96263, 113.67165),
        ("62.71.02.1005", "Sei Gohong", -1.94116, 113.72486), ("62.71.02.1006", "Kanarakan", -1.89499, 113.78055),
        ("62.71.02.1007", "Habaring Hurung", -2.04395, 113.70232), ("62.71.03.1001", "Palangka", -2.20503, 113.89407),
        ("62.71.03.1002", "Menteng", -2.24352, 113.89744), ("62.71.03.1003", "Bukit Tunggal", -2.19856, 113.78155),
        ("62.71.03.1004", "Petuk Katimpun", -2.12371, 113.86280), ("62.71.04.1001", "Bereng Bengkel", -2.24838, 114.02556),
        ("62.71.04.1002", "Kalampangan", -2.28973, 114.01153), ("62.71.04.1003", "Kereng Bangkirai", -2.32719, 113.82470),
        ("62.71.04.1004", "Kameloh Baru", -2.23149, 114.06904), ("62.71.04.1005", "Danau Tundai", -2.19961, 114.02370),
        ("62.71.04.1006", "Sabaru", -2.34453, 113.96719), ("62.71.05.1001", "Petuk Bukit", -1.85217, 113.67990),
        ("62.71.05.1002", "Panjehang", -1.74714, 113.75742), ("62.71.05.1003", "Petuk Barunai", -1.72387, 113.63651),
        ("62.71.05.1004", "Mungku Baru", -1.63463, 113.68582), ("62.71.05.1005", "Pager", -1.78620, 113.59487),
        ("62.71.05.1006", "Gaung Baru", -1.77871, 113.74829), ("62.71.05.1007", "Bukit Sua", -1.68630, 113.64809),
    ];

    [Fact]
    public async Task The_database_holds_exactly_the_5_kecamatan_and_30_kelurahan_of_the_domain()
    {
        await using var db = App.NewDbContext();

        var kecamatan = await db.Kecamatan.OrderBy(k => k.Code).Select(k => new { k.Code, k.Name }).ToListAsync();
        Assert.Equal(
            [("62.71.01", "Pahandut"), ("62.71.02", "Bukit Batu"), ("62.71.03", "Jekan Raya"), ("62.71.04", "Sabangau"), ("62.71.05", "Rakumpit")],
            kecamatan.Select(k => (k.Code, k.Name)));

        var kelurahan = await db.Kelurahan.Include(k => k.Kecamatan).OrderBy(k => k.Code).ToListAsync();
        Assert.Equal(30, kelurahan.Count);
        foreach (var (expected, actual) in _domainKelurahan.Zip(kelurahan))
        {
            Assert.Equal(expected.Code, actual.Code);
            Assert.Equal(expected.Name, actual.Name);
            Assert.Equal(expected.Lat, actual.Latitude, 5);
            Assert.Equal(expected.Lng, actual.Longitude, 5);
            Assert.Equal(expected.Code[..8], actual.Kecamatan.Code);
            Assert.True(actual.IsActive);
        }
    }

    [Fact]
    public async Task The_six_agency_categories_are_seeded_with_their_KBLI_divisions()
    {
        await using var db = App.NewDbContext();
        var categories = await db.ProductCategories.OrderBy(c => c.SortOrder).ToListAsync();

        Assert.Equal(["kayu", "kerajinan", "pangan", "sandang", "logam", "lainnya"], categories.Select(c => c.Code));
        Assert.Equal([10, 11], categories.Single(c => c.Code == "pangan").KbliDivisions);
        Assert.Contains(13, categories.Single(c => c.Code == "sandang").KbliDivisions);
        Assert.All(categories, c => Assert.False(string.IsNullOrWhiteSpace(c.NameEn)));
        // Every division of category C has exactly one default category; Lainnya takes the ones no other claims.
        Assert.Equal(Enumerable.Range(10, 24), categories.SelectMany(c => c.KbliDivisions).Order());
        Assert.Equal([12, 17, 18, 19, 21, 23, 33], categories.Single(c => c.Code == "lainnya").KbliDivisions);
        Assert.Equal(["16291", "16292"], categories.Single(c => c.Code == "kerajinan").KbliExceptions);
        Assert.Equal(["13134"], categories.Single(c => c.Code == "sandang").KbliExceptions);
    }

    [Fact]
    public async Task Seeding_twice_changes_nothing_and_keeps_an_admins_rename()
    {
        await using (var db = App.NewDbContext())
        {
            var langkai = await db.Kelurahan.SingleAsync(k => k.Code == "62.71.01.1003");
            langkai.Name = "Langkai (diubah admin)";
            await db.SaveChangesAsync();
        }

        await using (var db = App.NewDbContext())
        {
            var before = await db.Kelurahan.OrderBy(k => k.Id).Select(k => new { k.Id, k.Code, k.Name, k.Version }).ToListAsync();
            await ReferenceData.SeedAsync(db);
            await ReferenceData.SeedAsync(db);
            var after = await db.Kelurahan.OrderBy(k => k.Id).Select(k => new { k.Id, k.Code, k.Name, k.Version }).ToListAsync();

            Assert.Equal(before, after);
            Assert.Equal(5, await db.Kecamatan.CountAsync());
            Assert.Equal(6, await db.ProductCategories.CountAsync());
            Assert.Contains(after, k => k.Name == "Langkai (diubah admin)");
        }
    }
}
