using System.Data;
using System.Data.Common;
using Npgsql;

namespace IkmRegistry.Web.Data.Queries;

/// <summary>Which part of the city a dashboard shows: the whole city, one kecamatan or one kelurahan.</summary>
public sealed record CoverageScope(int? KecamatanId = null, int? KelurahanId = null)
{
    public static readonly CoverageScope City = new();

    public bool IsCity => KecamatanId is null && KelurahanId is null;
}

/// <summary>
/// The figures of the coverage dashboards, read in a fixed handful of queries from summary tables that PostgreSQL
/// keeps up to date in the same transaction as every write (migration DashboardSummaries), whatever the number of units. Only active kelurahan (not retired) are counted as
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
        IReadOnlyDictionary<int, FormationStage> FormationStages,
        int DuplicateNameGroups);

    public sealed record UnitListRow(int Id, string BusinessName, string CategoryNameId, string CategoryNameEn, int? WorkersMale, int? WorkersFemale, int? WorkersUnsplit, UnitStatus Status, DateOnly RegisteredOn, bool HasNib);

    // Every figure below is read from the summary tables that PostgreSQL keeps up to date in the writing transaction
    // (migration DashboardSummaries, docs/dashboards.md "Figures"): a request never aggregates the unit table.
    // Rows counting zero stay in the tables after their last unit is gone and are skipped.
    private const string UnitFiguresSql = """
        SELECT kelurahan_id, category_id, industry_scale, business_size, data_status, owner_sex, units,
               workers_male, workers_female, workers_unsplit, without_nib, without_kbli, without_workers, without_investment,
               nik_missing, responsible_person_missing, nib_missing, kbli_category_mismatch, phone_doubtful,
               position_outside_kelurahan, position_outside_city
          FROM unit_figures
         WHERE kelurahan_id = ANY(@ids) AND status = 'Aktif' AND units <> 0
        """;

    private const string KbliFiguresSql = """
        SELECT kelurahan_id, category_id, in_sentra, kbli_division, kbli_group, units
          FROM unit_kbli_figures
         WHERE kelurahan_id = ANY(@ids) AND status = 'Aktif' AND units <> 0
        """;

    // Registrations per year count every unit registered, including units closed since.
    private const string YearFiguresSql = """
        SELECT registered_year, sum(units)::int FROM unit_year_figures
         WHERE kelurahan_id = ANY(@ids) GROUP BY registered_year HAVING sum(units) <> 0
        """;

    private const string InRetiredKelurahanSql = """
        SELECT coalesce(sum(f.units), 0)::int FROM unit_figures f JOIN kelurahan k ON k.id = f.kelurahan_id
         WHERE k.retired_on IS NOT NULL AND f.status = 'Aktif'
        """;

    // Two business names are the same when they match after lower-casing and dropping all but letters and digits
    // (the database function ikm_name_key). A million units can have 150,000 such groups: the dashboards read the first
    // rows in the page's order (the index ix_unit_duplicate_name_order) and the number of groups per kelurahan
    // (unit_duplicate_groups, migration DashboardSentraMembersAndDuplicateGroups); only the export reads them all.
    private const string DuplicateNamesSql = """
        SELECT kelurahan_id, business_name, units FROM unit_duplicate_name WHERE kelurahan_id = ANY(@ids)
         ORDER BY business_name COLLATE "C", kelurahan_id LIMIT @limit
        """;

    private const string DuplicateGroupsSql = "SELECT coalesce(sum(groups), 0)::int FROM unit_duplicate_groups WHERE kelurahan_id = ANY(@ids)";

    // Active members (memberships not ended, of active units) from the summary sentra_members: no lookup per member.
    private const string ActiveSentraSql = """
        SELECT s.id, s.name, s.kelurahan_id, s.founded_on, coalesce(m.active_members, 0)
          FROM sentra s LEFT JOIN sentra_members m ON m.sentra_id = s.id
         WHERE s.status = 'Aktif' AND s.kelurahan_id = ANY(@ids)
         ORDER BY s.name
        """;

    /// <summary>How many possible-duplicate name groups <see cref="Figures.DuplicateNames"/> holds at most, unless all are asked for (the export).</summary>
    public const int DuplicateNameRows = 100;

    // The NIK itself never leaves the database (nor is it copied into the summary): only the names of the units that
    // share one, grouped in the scope again because a NIK may be shared across kelurahan.
    private const string DuplicateNiksSql = """
        SELECT string_agg(business_name, ' · ' ORDER BY business_name), count(*)::int
          FROM unit_duplicate_nik
         WHERE kelurahan_id = ANY(@ids)
         GROUP BY group_id
        HAVING count(DISTINCT name_key) > 1
        """;

    private const string FreeGroupsSql = """
        SELECT kelurahan_id, kbli_group, category_id, sum(units)::int
          FROM unit_kbli_figures
         WHERE kelurahan_id = ANY(@ids) AND status = 'Aktif' AND NOT in_sentra
         GROUP BY kelurahan_id, kbli_group, category_id
        HAVING sum(units) > 0
        """;

    private const string KelurahanUnitsSql = "SELECT coalesce(sum(units), 0)::int FROM unit_year_figures WHERE kelurahan_id = @id";

    /// <summary>One row of unit_figures (active units only).</summary>
    private sealed record FigureRow(int KelurahanId, int CategoryId, IndustryScaleClass Scale, BusinessSizeClass Size, Domain.DataStatus DataStatus, string OwnerSex,
        int Units, long WorkersMale, long WorkersFemale, long WorkersUnsplit, int WithoutNib, int WithoutKbli, int WithoutWorkers, int WithoutInvestment,
        IReadOnlyDictionary<DataIssue, int> Issues);

    private sealed record KbliRow(int KelurahanId, int CategoryId, bool InSentra, string Division, string Group, int Units);

    /// <summary>The figures of a scope, with the first <see cref="DuplicateNameRows"/> possible-duplicate name groups (and the number of all).</summary>
    public Task<Figures> LoadAsync(CoverageScope scope, CancellationToken cancellationToken) => LoadAsync(scope, allDuplicateNames: false, cancellationToken);

    /// <summary>The figures of a scope; <paramref name="allDuplicateNames"/> reads every possible-duplicate name group (the export).</summary>
    // Keyed by the day too: the history ends with today's coverage.
    public Task<Figures> LoadAsync(CoverageScope scope, bool allDuplicateNames, CancellationToken cancellationToken) =>
        cache.GetOrComputeAsync(version, (scope, Wib.Today(clock), allDuplicateNames), ct => ComputeAsync(scope, Wib.Today(clock), allDuplicateNames, ct), cancellationToken);

    private async Task<Figures> ComputeAsync(CoverageScope scope, DateOnly today, bool allDuplicateNames, CancellationToken cancellationToken)
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

        var sentraCounts = await db.Sentra.AsNoTracking().Where(s => ids.Contains(s.KelurahanId))
            .GroupBy(s => new { s.KelurahanId, s.Status })
            .Select(g => new SentraCount(g.Key.KelurahanId, g.Key.Status, g.Count()))
            .ToListAsync(cancellationToken);

        // Members are active memberships (not left) of units that are still active.
        var activeSentra = await ReadAsync(ActiveSentraSql, ids,
            r => new SentraRow(r.GetInt32(0), r.GetString(1), r.GetInt32(2), r.IsDBNull(3) ? null : r.GetFieldValue<DateOnly>(3), r.GetInt32(4)), cancellationToken);

        var rows = await ReadAsync(UnitFiguresSql, ids, ReadFigureRow, cancellationToken);
        var kbli = await ReadAsync(KbliFiguresSql, ids,
            r => new KbliRow(r.GetInt32(0), r.GetInt32(1), r.GetBoolean(2), r.GetString(3), r.GetString(4), r.GetInt32(5)), cancellationToken);
        var perYear = await ReadAsync(YearFiguresSql, ids, r => new YearCount(r.GetInt32(0), r.GetInt32(1)), cancellationToken);

        var cells = rows.GroupBy(r => (r.KelurahanId, r.CategoryId))
            .Select(g => new UnitCell(g.Key.KelurahanId, g.Key.CategoryId, g.Sum(r => r.Units),
                (int)g.Sum(r => r.WorkersMale), (int)g.Sum(r => r.WorkersFemale), (int)g.Sum(r => r.WorkersUnsplit)))
            .ToList();
        var scales = rows.GroupBy(r => r.Scale).Select(g => new ScaleCount(g.Key, g.Sum(r => r.Units)));
        var sizes = rows.GroupBy(r => r.Size).Select(g => new SizeCount(g.Key, g.Sum(r => r.Units)));

        // Reasons count the units not verified yet.
        var unverified = rows.Where(r => r.DataStatus != Domain.DataStatus.Terverifikasi).ToList();
        var reasons = DataQuality.Issues.ToDictionary(issue => issue, issue => unverified.Sum(r => r.Issues[issue]));
        var dataStatus = new StatusCounts(
            rows.Where(r => r.DataStatus == Domain.DataStatus.Lengkap).Sum(r => r.Units),
            rows.Where(r => r.DataStatus == Domain.DataStatus.PerluVerifikasi).Sum(r => r.Units),
            rows.Where(r => r.DataStatus == Domain.DataStatus.Terverifikasi).Sum(r => r.Units),
            reasons);

        var womenOwned = rows.Where(r => r.OwnerSex == nameof(OwnerSex.Perempuan))
            .GroupBy(r => (r.KelurahanId, r.CategoryId))
            .Select(g => new WomenOwnedCell(g.Key.KelurahanId, g.Key.CategoryId, g.Sum(r => r.Units)))
            .ToList();

        // A code that is no division (missing, empty, not digits) counts once as "unknown".
        var divisions = kbli.GroupBy(k => Kbli.Division(k.Division))
            .Select(g => new DivisionCount(g.Key, g.Sum(k => k.Units)));

        var quality = new QualityCounts(rows.Sum(r => r.Units), rows.Sum(r => r.WithoutNib), rows.Sum(r => r.WithoutKbli),
            rows.Sum(r => r.WithoutWorkers), rows.Sum(r => r.WithoutInvestment));

        var duplicateNames = await RawSql.ReadAsync(db, DuplicateNamesSql,
            [new NpgsqlParameter("ids", ids), new NpgsqlParameter("limit", NpgsqlTypes.NpgsqlDbType.Integer) { Value = allDuplicateNames ? DBNull.Value : DuplicateNameRows }],
            r => new DuplicateName(r.GetInt32(0), r.GetString(1), r.GetInt32(2)), cancellationToken);
        var duplicateNameGroups = (await ReadAsync(DuplicateGroupsSql, ids, r => r.GetInt32(0), cancellationToken)).Single();
        var duplicateNiks = await ReadAsync(DuplicateNiksSql, ids, r => new DuplicateNik(r.GetString(0), r.GetInt32(1)), cancellationToken);

        var inRetired = scope.IsCity
            ? (await RawSql.ReadAsync(db, InRetiredKelurahanSql, [], r => r.GetInt32(0), cancellationToken)).Single()
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
            [.. duplicateNames.OrderBy(d => d.BusinessName, StringComparer.Ordinal).ThenBy(d => d.KelurahanId)],
            [.. duplicateNiks.OrderBy(d => d.BusinessNames, StringComparer.Ordinal).ThenBy(d => d.Units)],
            inRetired,
            [.. sizes.OrderBy(s => s.Size)],
            dataStatus,
            womenOwned,
            [.. divisions.OrderBy(d => d.Division ?? 100)],
            yearEnds,
            freeGroups,
            formationStages,
            duplicateNameGroups);
    }

    /// <summary>The <see cref="FreeGroup"/>s of the given kelurahan, from the summary of units by KBLI group and membership.</summary>
    public async Task<IReadOnlyList<FreeGroup>> FreeGroupsAsync(int[] kelurahanIds, CancellationToken cancellationToken) =>
        await ReadAsync(FreeGroupsSql, kelurahanIds, r => new FreeGroup(r.GetInt32(0), r.GetString(1), r.GetInt32(2), r.GetInt32(3)), cancellationToken);

    private static FigureRow ReadFigureRow(DbDataReader r) => new(
        r.GetInt32(0), r.GetInt32(1), Enum.Parse<IndustryScaleClass>(r.GetString(2)), Enum.Parse<BusinessSizeClass>(r.GetString(3)),
        Enum.Parse<Domain.DataStatus>(r.GetString(4)), r.GetString(5), r.GetInt32(6), r.GetInt64(7), r.GetInt64(8), r.GetInt64(9),
        r.GetInt32(10), r.GetInt32(11), r.GetInt32(12), r.GetInt32(13),
        DataQuality.Issues.ToDictionary(issue => issue, issue => r.GetInt32(IssueColumn(issue))));

    // The column of unit_figures that counts each reason (a new DataIssue needs its column in a new migration).
    private static int IssueColumn(DataIssue issue) => issue switch
    {
        DataIssue.NikMissing => 14,
        DataIssue.ResponsiblePersonMissing => 15,
        DataIssue.NibMissing => 16,
        DataIssue.KbliCategoryMismatch => 17,
        DataIssue.PhoneDoubtful => 18,
        DataIssue.PositionOutsideKelurahan => 19,
        DataIssue.PositionOutsideCity => 20,
        _ => throw new ArgumentOutOfRangeException(nameof(issue), issue, "unit_figures has no column for this reason"),
    };

    private Task<List<T>> ReadAsync<T>(string sql, int[] ids, Func<DbDataReader, T> map, CancellationToken cancellationToken) =>
        RawSql.ReadAsync(db, sql, [new NpgsqlParameter("ids", ids)], map, cancellationToken);

    /// <summary>One page of a kelurahan's units (every status), by business name.</summary>
    public async Task<(IReadOnlyList<UnitListRow> Rows, int Total)> UnitsAsync(int kelurahanId, int skip, int take, CancellationToken cancellationToken)
    {
        // Every unit of the kelurahan, from the summary by year of registration (the count of every status).
        var total = (await RawSql.ReadAsync(db, KelurahanUnitsSql, [new NpgsqlParameter("id", kelurahanId)], r => r.GetInt32(0), cancellationToken)).Single();
        var rows = await AllUnits(kelurahanId).Skip(skip).Take(take).ToListAsync(cancellationToken);
        return (rows, total);
    }

    /// <summary>Every unit of a kelurahan in the list's order, to be read as a stream (the export).</summary>
    public IQueryable<UnitListRow> AllUnits(int kelurahanId) =>
        db.IndustrialUnits.AsNoTracking().Where(u => u.KelurahanId == kelurahanId)
            .OrderBy(u => u.Status).ThenBy(u => u.BusinessName).ThenBy(u => u.Id)
            .Select(u => new UnitListRow(u.Id, u.BusinessName, u.Category.NameId, u.Category.NameEn, u.WorkersMale, u.WorkersFemale, u.WorkersUnsplit, u.Status, u.RegisteredOn, u.Nib != null));
}
