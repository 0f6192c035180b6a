using System.Data;
using System.Data.Common;
using IkmRegistry.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace IkmRegistry.Web.Data.Queries;

/// <summary>Which part of the city a dashboard shows: the whole city, one kecamatan or one kelurahan.</summary>
public sealed record CoverageScope(int? KecamatanId = null, int? KelurahanId = null)
{
    public static readonly CoverageScope City = new();

    public bool IsCity => KecamatanId is null && KelurahanId is null;
}

/// <summary>
/// The figures of the coverage dashboards, aggregated by PostgreSQL (GROUP BY, COUNT, SUM) in a fixed handful
/// of queries per request, whatever the number of units. Only active kelurahan (not retired) are counted as
/// areas of the city and of a kecamatan; a kelurahan is covered when it has at least one sentra with status Aktif.
/// The figures of a scope are computed once per registry version (<see cref="RegistryCache"/>): always equal to the
/// live counts, without running the aggregates again on every request.
/// </summary>
public sealed class CoverageQuery(RegistryDbContext db, RegistryVersion version, RegistryCache cache, TimeProvider clock)
{
    public sealed record Area(int Id, string Code, string Name, int KecamatanId, string KecamatanCode, string KecamatanName, double Latitude, double Longitude);

    /// <summary>Active units of one kelurahan in one category, with their workers (missing figures count as 0).</summary>
    public sealed record UnitCell(int KelurahanId, int CategoryId, int Units, int WorkersMale, int WorkersFemale, int WorkersUnsplit)
    {
        public int Workers => WorkersMale + WorkersFemale + WorkersUnsplit;
    }

    public sealed record SentraCount(int KelurahanId, SentraStatus Status, int Count);

    public sealed record SentraRow(int Id, string Name, int KelurahanId, DateOnly? FoundedOn, int ActiveMembers);

    public sealed record Category(int Id, string NameId, string NameEn, int SortOrder);

    public sealed record YearCount(int Year, int Count);

    public sealed record ScaleCount(IndustryScaleClass Scale, int Count);

    public sealed record QualityCounts(int ActiveUnits, int WithoutNib, int WithoutKbli, int WithoutWorkers, int WithoutInvestment);

    public sealed record SizeCount(BusinessSizeClass Size, int Count);

    /// <summary>Active units by data status, and the units needing verification by reason (a unit may have several).</summary>
    public sealed record StatusCounts(int Lengkap, int PerluVerifikasi, int Terverifikasi, IReadOnlyDictionary<DataIssue, int> Reasons);

    /// <summary>Active units whose owner is a woman, per kelurahan and category: an aggregate for officials only.</summary>
    public sealed record WomenOwnedCell(int KelurahanId, int CategoryId, int Units);

    public sealed record DivisionCount(int? Division, int Units);

    public sealed record DuplicateName(int KelurahanId, string BusinessName, int Units);

    public sealed record DuplicateNik(string BusinessNames, int Units);

    /// <summary>
    /// Active units that are members of no sentra (no membership without an end date, whatever the sentra's status), in one
    /// kelurahan, one KBLI group (the first 3 digits: "produk sejenis"; "" for units without a code) and one category:
    /// the grouping of the invitation lists (<see cref="InvitationQuery"/>).
    /// </summary>
    public sealed record FreeGroup(int KelurahanId, string KbliGroup, int CategoryId, int Units);

    public sealed record Figures(
        CoverageScope Scope,
        IReadOnlyList<Area> Areas,
        IReadOnlyList<Category> Categories,
        IReadOnlyList<UnitCell> Cells,
        IReadOnlyList<SentraCount> SentraCounts,
        IReadOnlyList<SentraRow> ActiveSentra,
        IReadOnlyList<ScaleCount> Scales,
        IReadOnlyList<YearCount> RegisteredPerYear,
        QualityCounts Quality,
        IReadOnlyList<DuplicateName> DuplicateNames,
        IReadOnlyList<DuplicateNik> DuplicateNiks,
        int ActiveUnitsInRetiredKelurahan,
        IReadOnlyList<SizeCount> Sizes,
        StatusCounts DataStatus,
        IReadOnlyList<WomenOwnedCell> WomenOwned,
        IReadOnlyList<DivisionCount> KbliDivisions,
        IReadOnlyList<CoverageHistory.Point> YearEnds,
        IReadOnlyList<FreeGroup> FreeGroups,
        IReadOnlyDictionary<int, FormationStage> FormationStages);

    public sealed record UnitListRow(int Id, string BusinessName, string CategoryNameId, string CategoryNameEn, int? WorkersMale, int? WorkersFemale, int? WorkersUnsplit, UnitStatus Status, DateOnly RegisteredOn, bool HasNib);

    // Two business names are the same when they match after lower-casing and dropping all but letters and digits.
    // Raw SQL because Npgsql translates Regex.Replace without the 'g' flag (it would drop only the first character).
    private const string DuplicateNamesSql = """
        SELECT u.kelurahan_id, min(u.business_name), count(*)::int
          FROM industrial_unit u
         WHERE u.kelurahan_id = ANY(@ids) AND u.status = 'Aktif'
         GROUP BY u.kelurahan_id, regexp_replace(lower(u.business_name), '[^a-z0-9]', '', 'g')
        HAVING count(*) > 1
        """;

    // The NIK itself never leaves the database: only the names of the units that share one.
    private const string DuplicateNiksSql = """
        SELECT string_agg(u.business_name, ' · ' ORDER BY u.business_name), count(*)::int
          FROM industrial_unit u
         WHERE u.kelurahan_id = ANY(@ids) AND u.status = 'Aktif' AND u.nik IS NOT NULL AND u.nik <> ''
         GROUP BY u.nik
        HAVING count(DISTINCT regexp_replace(lower(u.business_name), '[^a-z0-9]', '', 'g')) > 1
        """;

    // Keyed by the day too: the history ends with today's coverage.
    public Task<Figures> LoadAsync(CoverageScope scope, CancellationToken cancellationToken) =>
        cache.GetOrComputeAsync(version, (scope, Wib.Today(clock)), ct => ComputeAsync(scope, Wib.Today(clock), ct), cancellationToken);

    private async Task<Figures> ComputeAsync(CoverageScope scope, DateOnly today, CancellationToken cancellationToken)
    {
        // One kelurahan is shown even when retired (its page says so); wider scopes count active kelurahan only.
        var areaQuery = scope.KelurahanId is int kelurahanId
            ? db.Kelurahan.AsNoTracking().Where(k => k.Id == kelurahanId)
            : db.Kelurahan.AsNoTracking().Where(k => k.RetiredOn == null);
        if (scope.KecamatanId is int kecamatanId)
        {
            areaQuery = areaQuery.Where(k => k.KecamatanId == kecamatanId);
        }

        var areas = await areaQuery.OrderBy(k => k.Code)
            .Select(k => new Area(k.Id, k.Code, k.Name, k.KecamatanId, k.Kecamatan.Code, k.Kecamatan.Name, k.Latitude, k.Longitude))
            .ToListAsync(cancellationToken);
        var ids = areas.Select(a => a.Id).ToArray();

        var categories = await db.ProductCategories.AsNoTracking().OrderBy(c => c.SortOrder)
            .Select(c => new Category(c.Id, c.NameId, c.NameEn, c.SortOrder)).ToListAsync(cancellationToken);

        var units = db.IndustrialUnits.AsNoTracking().Where(u => ids.Contains(u.KelurahanId));
        var active = units.Where(u => u.Status == UnitStatus.Aktif);

        var cells = await active.GroupBy(u => new { u.KelurahanId, u.CategoryId })
            .Select(g => new UnitCell(g.Key.KelurahanId, g.Key.CategoryId, g.Count(), g.Sum(u => u.WorkersMale ?? 0), g.Sum(u => u.WorkersFemale ?? 0), g.Sum(u => u.WorkersUnsplit ?? 0)))
            .ToListAsync(cancellationToken);

        var sentraCounts = await db.Sentra.AsNoTracking().Where(s => ids.Contains(s.KelurahanId))
            .GroupBy(s => new { s.KelurahanId, s.Status })
            .Select(g => new SentraCount(g.Key.KelurahanId, g.Key.Status, g.Count()))
            .ToListAsync(cancellationToken);

        // Members are active memberships (not left) of units that are still active.
        var activeSentra = await db.Sentra.AsNoTracking().Where(s => s.Status == SentraStatus.Aktif && ids.Contains(s.KelurahanId))
            .OrderBy(s => s.Name)
            .Select(s => new SentraRow(s.Id, s.Name, s.KelurahanId, s.FoundedOn,
                s.Memberships.Count(m => m.LeftOn == null && m.Unit.Status == UnitStatus.Aktif)))
            .ToListAsync(cancellationToken);

        // Both size rules are expressions written once in Domain/, evaluated here by PostgreSQL.
        var scales = await active.GroupBy(IndustryScale.OfUnit)
            .Select(g => new ScaleCount(g.Key, g.Count()))
            .ToListAsync(cancellationToken);
        var sizes = await active.GroupBy(BusinessSize.OfUnit)
            .Select(g => new SizeCount(g.Key, g.Count()))
            .ToListAsync(cancellationToken);

        var reasons = new Dictionary<DataIssue, int>();
        foreach (var issue in DataQuality.Issues)
        {
            reasons[issue] = await active.Where(u => u.VerifiedAt == null).CountAsync(DataQuality.Has(issue), cancellationToken);
        }

        var dataStatus = new StatusCounts(
            await active.CountAsync(DataQuality.InStatus(Domain.DataStatus.Lengkap), cancellationToken),
            await active.CountAsync(DataQuality.InStatus(Domain.DataStatus.PerluVerifikasi), cancellationToken),
            await active.CountAsync(DataQuality.InStatus(Domain.DataStatus.Terverifikasi), cancellationToken),
            reasons);

        var womenOwned = await active.Where(u => u.OwnerSex == OwnerSex.Perempuan)
            .GroupBy(u => new { u.KelurahanId, u.CategoryId })
            .Select(g => new WomenOwnedCell(g.Key.KelurahanId, g.Key.CategoryId, g.Count()))
            .ToListAsync(cancellationToken);

        var divisions = await active.GroupBy(u => u.KbliCode == null ? null : u.KbliCode.Substring(0, 2))
            .Select(g => new { g.Key, Units = g.Count() })
            .ToListAsync(cancellationToken);

        // Registrations per year count every unit registered, including units closed since.
        var perYear = await units.GroupBy(u => u.RegisteredOn.Year)
            .Select(g => new YearCount(g.Key, g.Count()))
            .ToListAsync(cancellationToken);

        var quality = await active.GroupBy(u => 1)
            .Select(g => new QualityCounts(
                g.Count(),
                g.Count(u => u.Nib == null || u.Nib == ""),
                g.Count(u => u.KbliCode == null || u.KbliCode == ""),
                g.Count(u => u.WorkersMale == null && u.WorkersFemale == null && u.WorkersUnsplit == null),
                g.Count(u => u.InvestmentValue == null)))
            .SingleOrDefaultAsync(cancellationToken) ?? new QualityCounts(0, 0, 0, 0, 0);

        var duplicateNames = await ReadAsync(DuplicateNamesSql, ids, r => new DuplicateName(r.GetInt32(0), r.GetString(1), r.GetInt32(2)), cancellationToken);
        var duplicateNiks = await ReadAsync(DuplicateNiksSql, ids, r => new DuplicateNik(r.GetString(0), r.GetInt32(1)), cancellationToken);

        var inRetired = scope.IsCity
            ? await db.IndustrialUnits.CountAsync(u => u.Status == UnitStatus.Aktif && u.Kelurahan.RetiredOn != null, cancellationToken)
            : 0;

        var yearEnds = await CoverageHistory.YearEndsAsync(db, scope, today, cancellationToken);
        var freeGroups = await FreeGroupsAsync(ids, cancellationToken);
        var formationStages = await FormationQuery.StagesAsync(db, ids, cancellationToken);

        return new Figures(
            scope,
            areas,
            categories,
            cells,
            sentraCounts,
            activeSentra,
            [.. scales.OrderBy(s => s.Scale)],
            [.. perYear.OrderBy(y => y.Year)],
            quality,
            [.. duplicateNames.OrderBy(d => d.BusinessName, StringComparer.Ordinal)],
            [.. duplicateNiks.OrderBy(d => d.BusinessNames, StringComparer.Ordinal)],
            inRetired,
            [.. sizes.OrderBy(s => s.Size)],
            dataStatus,
            womenOwned,
            [.. divisions.Select(d => new DivisionCount(Kbli.Division(d.Key), d.Units)).OrderBy(d => d.Division ?? 100)],
            yearEnds,
            freeGroups,
            formationStages);
    }

    /// <summary>The <see cref="FreeGroup"/>s of the given kelurahan: one GROUP BY over their active units.</summary>
    public async Task<IReadOnlyList<FreeGroup>> FreeGroupsAsync(int[] kelurahanIds, CancellationToken cancellationToken) =>
        await db.IndustrialUnits.AsNoTracking()
            .Where(u => kelurahanIds.Contains(u.KelurahanId) && u.Status == UnitStatus.Aktif && !u.Memberships.Any(m => m.LeftOn == null))
            .GroupBy(u => new { u.KelurahanId, KbliGroup = u.KbliCode != null && u.KbliCode.Length >= 3 ? u.KbliCode.Substring(0, 3) : "", u.CategoryId })
            .Select(g => new FreeGroup(g.Key.KelurahanId, g.Key.KbliGroup, g.Key.CategoryId, g.Count()))
            .ToListAsync(cancellationToken);

    private Task<List<T>> ReadAsync<T>(string sql, int[] ids, Func<DbDataReader, T> map, CancellationToken cancellationToken) =>
        RawSql.ReadAsync(db, sql, [new NpgsqlParameter("ids", ids)], map, cancellationToken);

    /// <summary>One page of a kelurahan's units (every status), by business name.</summary>
    public async Task<(IReadOnlyList<UnitListRow> Rows, int Total)> UnitsAsync(int kelurahanId, int skip, int take, CancellationToken cancellationToken)
    {
        var total = await db.IndustrialUnits.CountAsync(u => u.KelurahanId == kelurahanId, cancellationToken);
        var rows = await AllUnits(kelurahanId).Skip(skip).Take(take).ToListAsync(cancellationToken);
        return (rows, total);
    }

    /// <summary>Every unit of a kelurahan in the list's order, to be read as a stream (the export).</summary>
    public IQueryable<UnitListRow> AllUnits(int kelurahanId) =>
        db.IndustrialUnits.AsNoTracking().Where(u => u.KelurahanId == kelurahanId)
            .OrderBy(u => u.Status).ThenBy(u => u.BusinessName).ThenBy(u => u.Id)
            .Select(u => new UnitListRow(u.Id, u.BusinessName, u.Category.NameId, u.Category.NameEn, u.WorkersMale, u.WorkersFemale, u.WorkersUnsplit, u.Status, u.RegisteredOn, u.Nib != null));
}
