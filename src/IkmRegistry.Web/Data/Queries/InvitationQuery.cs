namespace IkmRegistry.Web.Data.Queries;

/// <summary>
/// Who to invite to a kelurahan's sosialisasi: its active units that are not an active member of any sentra, grouped
/// by KBLI group (3 digits: "produk sejenis") and category, each group with its count against the minimum of five
/// units a sentra needs (PP 29/2018). Units without a KBLI code form their own group per category.
/// </summary>
public static class InvitationQuery
{
    public sealed record Unit(int Id, string BusinessName, string OwnerName, string? Phone, string? KbliCode, string? MainProducts, string CategoryCode, string CategoryName);

    public sealed record Group(string? KbliGroup, string CategoryCode, string CategoryName, IReadOnlyList<Unit> Units)
    {
        public bool MeetsMinimum => Units.Count >= Sentra.MinimumMembers;

        public int StillNeeded => Math.Max(0, Sentra.MinimumMembers - Units.Count);
    }

    /// <summary>The units, as one query (private columns are read only when <paramref name="withContact"/>).</summary>
    public static async Task<List<Unit>> UnitsAsync(RegistryDbContext db, int kelurahanId, bool withContact, CancellationToken cancellationToken)
    {
        var english = Localization.IsEnglish;
        return await db.IndustrialUnits.AsNoTracking()
            .Where(u => u.KelurahanId == kelurahanId && u.Status == UnitStatus.Aktif && !u.Memberships.Any(m => m.LeftOn == null))
            .OrderBy(u => u.BusinessName).ThenBy(u => u.Id)
            .Select(u => new Unit(u.Id, u.BusinessName, withContact ? u.OwnerName : "", withContact ? u.Phone : null, u.KbliCode, u.MainProducts,
                u.Category.Code, english ? u.Category.NameEn : u.Category.NameId))
            .ToListAsync(cancellationToken);
    }

    /// <summary>Largest group first, then by KBLI group and category.</summary>
    public static List<Group> Groups(IEnumerable<Unit> units) =>
        [.. units.GroupBy(u => (KbliGroup: u.KbliCode is { Length: >= 3 } k ? k[..3] : null, u.CategoryCode, u.CategoryName))
            .Select(g => new Group(g.Key.KbliGroup, g.Key.CategoryCode, g.Key.CategoryName, [.. g]))
            .OrderByDescending(g => g.Units.Count).ThenBy(g => g.KbliGroup ?? "~", StringComparer.Ordinal).ThenBy(g => g.CategoryCode, StringComparer.Ordinal)];
}
