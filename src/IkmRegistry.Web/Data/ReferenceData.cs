namespace IkmRegistry.Web.Data;

/// <summary>
/// Palangka Raya's areas (Kemendagri codes, shared/DOMAIN.md) and the agency's six product categories.
/// Seeding inserts what is missing and never overwrites: admins may rename or retire areas afterwards.
/// </summary>
public static class ReferenceData
{
    public sealed record KecamatanRow(string Code, string Name);
    public sealed record KelurahanRow(string Code, string Name, double Latitude, double Longitude);
    public sealed record CategoryRow(string Code, string NameId, string NameEn, int[] KbliDivisions, string[] KbliExceptions);

    /// <summary>The category that takes every KBLI division no other category claims.</summary>
    public const string OtherCategoryCode = "lainnya";

    public static readonly KecamatanRow[] KecamatanRows =
    [
        new("62.71.01", "Pahandut"),
        new("62.71.02", "Bukit Batu"),
        new("62.71.03", "Jekan Raya"),
        new("62.71.04", "Sabangau"),
        new("62.71.05", "Rakumpit"),
    ];

    public static readonly KelurahanRow[] KelurahanRows =
    [
        new("62.71.01.1001", "Pahandut", -2.19975, 113.95033),
        new("62.71.01.1002", "Panarung", -2.25370, 113.94895),
        new("62.71.01.1003", "Langkai", -2.23897, 113.92512),
        new("62.71.01.1004", "Tumbang Rungan", -2.15791, 113.91861),
        new("62.71.01.1005", "Pahandut Seberang", -2.18804, 113.94215),
        new("62.71.01.1006", "Tanjung Pinang", -2.20849, 113.97720),
        new("62.71.02.1001", "Marang", -2.09250, 113.78500),
        new("62.71.02.1002", "Tumbang Tahai", -2.03435, 113.78144),
        new("62.71.02.1003", "Banturung", -1.99572, 113.72758),
        new("62.71.02.1004", "Tangkiling", -1.96263, 113.67165),
        new("62.71.02.1005", "Sei Gohong", -1.94116, 113.72486),
        new("62.71.02.1006", "Kanarakan", -1.89499, 113.78055),
        new("62.71.02.1007", "Habaring Hurung", -2.04395, 113.70232),
        new("62.71.03.1001", "Palangka", -2.20503, 113.89407),
        new("62.71.03.1002", "Menteng", -2.24352, 113.89744),
        new("62.71.03.1003", "Bukit Tunggal", -2.19856, 113.78155),
        new("62.71.03.1004", "Petuk Katimpun", -2.12371, 113.86280),
        new("62.71.04.1001", "Bereng Bengkel", -2.24838, 114.02556),
        new("62.71.04.1002", "Kalampangan", -2.28973, 114.01153),
        new("62.71.04.1003", "Kereng Bangkirai", -2.32719, 113.82470),
        new("62.71.04.1004", "Kameloh Baru", -2.23149, 114.06904),
        new("62.71.04.1005", "Danau Tundai", -2.19961, 114.02370),
        new("62.71.04.1006", "Sabaru", -2.34453, 113.96719),
        new("62.71.05.1001", "Petuk Bukit", -1.85217, 113.67990),
        new("62.71.05.1002", "Panjehang", -1.74714, 113.75742),
        new("62.71.05.1003", "Petuk Barunai", -1.72387, 113.63651),
        new("62.71.05.1004", "Mungku Baru", -1.63463, 113.68582),
        new("62.71.05.1005", "Pager", -1.78620, 113.59487),
        new("62.71.05.1006", "Gaung Baru", -1.77871, 113.74829),
        new("62.71.05.1007", "Bukit Sua", -1.68630, 113.64809),
    ];

    // The KBLI mapping is the agency's starting point (unverified, shared/DOMAIN.md); admins edit it in the app.
    // Each division has one default category; the woven goods of class 1629 go to crafts, batik (13134) is listed
    // under clothing so that the mapping is visible. "Lainnya" also takes every division no category claims.
    public static readonly CategoryRow[] CategoryRows =
    [
        new("kayu", "Produk berbahan dasar kayu", "Wood-based products", [16, 31], []),
        new("kerajinan", "Kerajinan", "Crafts", [32], ["16291", "16292"]),
        new("pangan", "Pangan", "Food and drink", [10, 11], []),
        new("sandang", "Sandang dan batik benang bintik", "Clothing, textiles and benang bintik batik", [13, 14, 15], ["13134"]),
        new("logam", "Logam, mesin, kimia, elektronik, alat angkut", "Metal, machinery, chemicals, electronics, transport equipment", [20, 22, 24, 25, 26, 27, 28, 29, 30], []),
        new(OtherCategoryCode, "Lainnya", "Other", [12, 17, 18, 19, 21, 23, 33], []),
    ];

    public static async Task SeedAsync(RegistryDbContext db, CancellationToken cancellationToken = default)
    {
        var kecamatanCodes = await db.Kecamatan.Select(k => k.Code).ToListAsync(cancellationToken);
        foreach (var row in KecamatanRows.Where(r => !kecamatanCodes.Contains(r.Code)))
        {
            db.Kecamatan.Add(new Kecamatan { Code = row.Code, Name = row.Name });
        }

        await db.SaveChangesAsync(cancellationToken);

        var kecamatanIds = await db.Kecamatan.ToDictionaryAsync(k => k.Code, k => k.Id, cancellationToken);
        var kelurahanCodes = await db.Kelurahan.Select(k => k.Code).ToListAsync(cancellationToken);
        foreach (var row in KelurahanRows.Where(r => !kelurahanCodes.Contains(r.Code)))
        {
            db.Kelurahan.Add(new Kelurahan
            {
                Code = row.Code,
                Name = row.Name,
                Slug = Slug.From(row.Name),
                KecamatanId = kecamatanIds[row.Code[..8]],
                Latitude = row.Latitude,
                Longitude = row.Longitude,
            });
        }

        var categoryCodes = await db.ProductCategories.Select(c => c.Code).ToListAsync(cancellationToken);
        foreach (var (row, index) in CategoryRows.Select((r, i) => (r, i)).Where(x => !categoryCodes.Contains(x.r.Code)))
        {
            db.ProductCategories.Add(new ProductCategory
            {
                Code = row.Code,
                NameId = row.NameId,
                NameEn = row.NameEn,
                KbliDivisions = row.KbliDivisions,
                KbliExceptions = row.KbliExceptions,
                SortOrder = index + 1,
            });
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
