using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace IkmRegistry.Web.Data.Queries;

/// <summary>
/// The figures an admin freezes for a date (<see cref="CoverageSnapshot"/>): coverage of the city and of each
/// kecamatan from the recorded sentra events (<see cref="CoverageHistory"/>), the covered kelurahan, and the units
/// active on that date per category. Serialized canonically (fixed member order, no white space, invariant numbers,
/// unescaped UTF-8), so the same figures always give the same SHA-256.
/// </summary>
public static class SnapshotContent
{
    public sealed record Area(string Code, string Name, int Kelurahan, int Covered, int Effective, int ActiveSentra);

    public sealed record Category(string Code, string Name, int Units);

    public sealed record Figures(
        DateOnly AsOf, int Kelurahan, int Covered, int Effective, int ActiveSentra, int Units,
        IReadOnlyList<Area> Kecamatan, IReadOnlyList<string> CoveredKelurahan, IReadOnlyList<Category> Categories)
    {
        public double CoveredPercent => Kelurahan == 0 ? 0 : Math.Round(100.0 * Covered / Kelurahan, 1);

        public double EffectivePercent => Kelurahan == 0 ? 0 : Math.Round(100.0 * Effective / Kelurahan, 1);
    }

    private static readonly JsonSerializerOptions _canonical = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = false,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        IgnoreReadOnlyProperties = true,
    };

    public static string Canonical(Figures figures) => JsonSerializer.Serialize(figures, _canonical);

    public static Figures Read(string content) => JsonSerializer.Deserialize<Figures>(content, _canonical)!;

    /// <summary>Lower-case hex SHA-256 of the UTF-8 bytes.</summary>
    public static string Sha256(string content) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content)));

    /// <summary>The figures on <paramref name="asOf"/>, as the registry's history gives them now.</summary>
    public static async Task<Figures> ComputeAsync(RegistryDbContext db, DateOnly asOf, CancellationToken cancellationToken)
    {
        var city = (await CoverageHistory.AtAsync(db, CoverageScope.City, [asOf], cancellationToken)).Single();
        var kecamatan = await db.Kecamatan.AsNoTracking().OrderBy(k => k.Code).Select(k => new { k.Id, k.Code, k.Name }).ToListAsync(cancellationToken);
        var areas = new List<Area>();
        foreach (var k in kecamatan)
        {
            var p = (await CoverageHistory.AtAsync(db, new CoverageScope(KecamatanId: k.Id), [asOf], cancellationToken)).Single();
            areas.Add(new Area(k.Code, k.Name, p.Kelurahan, p.Covered, p.Effective, p.ActiveSentra));
        }

        var covered = await db.Kelurahan.AsNoTracking()
            .Where(k => (k.RetiredOn == null || k.RetiredOn > asOf)
                && db.Sentra.Any(s => s.KelurahanId == k.Id
                    && db.SentraEvents.Where(e => e.SentraId == s.Id && e.OccurredOn <= asOf)
                        .OrderByDescending(e => e.OccurredOn).ThenByDescending(e => e.Id)
                        .Select(e => (SentraStatus?)e.Status).FirstOrDefault() == SentraStatus.Aktif))
            .OrderBy(k => k.Code).Select(k => k.Code).ToListAsync(cancellationToken);
        // Units active on the date: registered by then, and still active or closed only after it, in a kelurahan not retired by then.
        var categories = await db.ProductCategories.AsNoTracking().OrderBy(c => c.SortOrder).ThenBy(c => c.Code)
            .Select(c => new Category(c.Code, c.NameId, db.IndustrialUnits.Count(u => u.CategoryId == c.Id && u.RegisteredOn <= asOf
                && (u.Status == UnitStatus.Aktif || u.ClosedOn > asOf)
                && (u.Kelurahan.RetiredOn == null || u.Kelurahan.RetiredOn > asOf))))
            .ToListAsync(cancellationToken);
        return new Figures(asOf, city.Kelurahan, city.Covered, city.Effective, city.ActiveSentra, categories.Sum(c => c.Units), areas, covered, categories);
    }
}
