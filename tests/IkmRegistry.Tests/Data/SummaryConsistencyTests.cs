using IkmRegistry.Tests.Dashboard;
using IkmRegistry.Tests.Infrastructure;
using IkmRegistry.Web.Data;
using IkmRegistry.Web.Data.Queries;
using IkmRegistry.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using static IkmRegistry.Tests.Registry.Import.Importing;

namespace IkmRegistry.Tests.Data;

/// <summary>
/// The dashboard's summary tables (migration DashboardSummaries) after every kind of write: each summary equals a
/// recount from the base tables (summaries_check, the function scripts/summaries.sh calls), and every figure the
/// dashboard reads from them equals the same figure aggregated over the units by EF with the rules of Domain/.
/// </summary>
public class SummaryConsistencyTests(RegistryApp app) : RegistryTest(app)
{
    private const string Pahandut = "62.71.01.1001";

    [Theory]
    [InlineData("the demo loader")]
    [InlineData("an EF save and edit")]
    [InlineData("a raw SQL update")]
    [InlineData("a COPY")]
    [InlineData("a TRUNCATE of memberships")]
    [InlineData("a TRUNCATE of units")]
    [InlineData("an import commit")]
    [InlineData("membership changes")]
    [InlineData("unit deletions")]
    [InlineData("units closed")]
    [InlineData("a change of the KBLI mapping")]
    [InlineData("a kelurahan retired")]
    [InlineData("a deferred bulk load")]
    [InlineData("the demo data removed")]
    [InlineData("members closed and reopened")]
    [InlineData("memberships moved between sentra")]
    public async Task Every_summary_equals_a_recount_after(string write)
    {
        await using (var db = App.NewDbContext())
        {
            await DemoData.LoadAsync(db);
        }

        // Possible duplicates to keep: the same name twice in a kelurahan, and NIKs shared by units of other names.
        await App.ExecuteAsync("""
            UPDATE industrial_unit SET business_name = 'Amplang ' || (id % 7) WHERE id % 41 = 0;
            UPDATE industrial_unit SET nik = '62710145088500' || lpad((id % 13)::text, 2, '0') WHERE id % 37 = 0;
            UPDATE industrial_unit SET verified_at = now() WHERE id % 5 = 0;
            UPDATE industrial_unit SET phone = '0812 abc' WHERE id % 9 = 0;
            """);

        await MakeAsync(write);

        await AssertConsistentAsync();
    }

    [Fact]
    public async Task The_check_finds_changed_member_and_duplicate_group_counts_and_the_repair_puts_them_right()
    {
        await using (var db = App.NewDbContext())
        {
            await DemoData.LoadAsync(db);
        }

        await App.ExecuteAsync("UPDATE industrial_unit SET business_name = 'Amplang ' || (id % 7) WHERE id % 41 = 0");
        await AssertConsistentAsync();
        await App.ExecuteAsync("""
            UPDATE sentra_members SET active_members = active_members + 1 WHERE sentra_id = (SELECT min(sentra_id) FROM sentra_members);
            UPDATE unit_duplicate_groups SET groups = groups + 2 WHERE kelurahan_id = (SELECT min(kelurahan_id) FROM unit_duplicate_groups WHERE groups > 0);
            """);

        Assert.Equal(2, await App.ScalarAsync("SELECT sum(missing + extra) FROM summaries_check() WHERE summary = 'sentra_members'"));
        Assert.Equal(2, await App.ScalarAsync("SELECT sum(missing + extra) FROM summaries_check(false) WHERE summary = 'unit_duplicate_groups'"));
        Assert.Equal(4, await App.ScalarAsync("SELECT sum(missing + extra) FROM summaries_check(true)"));

        await AssertConsistentAsync();
    }

    [Fact]
    public async Task The_check_finds_a_summary_changed_behind_its_back_and_the_repair_puts_it_right()
    {
        await Seed.UnitAsync(App, "Amplang Bu Tini", Pahandut);
        await App.ExecuteAsync("UPDATE unit_figures SET units = units + 3, workers_male = 7");

        Assert.Equal(2, await App.ScalarAsync("SELECT sum(missing + extra) FROM summaries_check()"));
        Assert.Equal(2, await App.ScalarAsync("SELECT sum(missing + extra) FROM summaries_check(false)"));
        Assert.Equal(2, await App.ScalarAsync("SELECT sum(missing + extra) FROM summaries_check(true)"));

        await AssertConsistentAsync();
        Assert.Equal(1, await App.ScalarAsync("SELECT sum(units) FROM unit_figures"));
    }

    private async Task MakeAsync(string write)
    {
        await using var db = App.NewDbContext();
        switch (write)
        {
            case "the demo loader":
                break;
            case "an EF save and edit":
                var unit = await Seed.UnitAsync(App, "Amplang 3", Pahandut, configure: u =>
                {
                    (u.WorkersFemale, u.InvestmentValue, u.KbliCode, u.KbliEdition) = (4, 2_000_000_000m, "31001", KbliEdition.Kbli2020);
                    u.Nik = "6271014508850001";
                });
                var saved = await db.IndustrialUnits.SingleAsync(u => u.Id == unit.Id);
                (saved.WorkersMale, saved.CategoryId, saved.Phone, saved.LegalForm) = (30, await db.ProductCategories.Where(c => c.Code == "kayu").Select(c => c.Id).SingleAsync(), "0812", LegalForm.PT);
                await db.SaveChangesAsync();
                break;
            case "a raw SQL update":
                await App.ExecuteAsync("""
                    UPDATE industrial_unit SET workers_male = coalesce(workers_male, 0) + 20, investment_value = 20000000000, owner_sex = 'Perempuan'
                     WHERE id % 3 = 0;
                    UPDATE industrial_unit SET kelurahan_id = (SELECT min(id) FROM kelurahan), kbli_code = NULL, business_name = 'Amplang 1'
                     WHERE id % 29 = 0;
                    UPDATE industrial_unit SET nik = '6271014508850001' WHERE id % 31 = 0;
                    """);
                break;
            case "a COPY":
                await App.CopyUnitsAsync("id % 10 = 0");
                break;
            case "a TRUNCATE of memberships":
                await App.ExecuteAsync("TRUNCATE membership");
                break;
            case "a TRUNCATE of units":
                await App.ExecuteAsync("TRUNCATE industrial_unit CASCADE");
                break;
            case "an import commit":
                using (var browser = await StaffAsync(App))
                {
                    var file = Xlsx(Row("Amplang Haruan", nik: "6271014508850007"), Row("Amplang  HARUAN!", nik: "6271014508850007"),
                        Row("Anyaman Purun", nik: "6271014508850007", category: "Kerajinan", investment: 1_250_000d), Row("Tas Purun", kelurahan: "Kanarakan"));
                    var (_, preview) = await PreviewAsync(App, browser, file);
                    var batch = await CommitAsync(App, browser, preview, includeDuplicates: true);
                    Assert.Equal(ImportStatus.Committed, batch.Status);
                }

                break;
            case "membership changes":
                await App.ExecuteAsync("""
                    UPDATE membership SET left_on = '2026-11-01', end_reason = 'Keluar' WHERE id % 2 = 0;
                    DELETE FROM membership WHERE id % 3 = 0;
                    INSERT INTO membership (id, sentra_id, unit_id, joined_on, role, is_demo)
                    SELECT 2000000000 - u.id, (SELECT min(id) FROM sentra), u.id, '2026-01-01', 'Anggota', false
                      FROM industrial_unit u
                     WHERE u.id % 17 = 0 AND NOT EXISTS (SELECT 1 FROM membership m WHERE m.unit_id = u.id AND m.left_on IS NULL);
                    """);
                break;
            case "unit deletions":
                db.IndustrialUnits.RemoveRange(await db.IndustrialUnits.Where(u => !u.Memberships.Any()).OrderBy(u => u.Id).Take(50).ToListAsync());
                await db.SaveChangesAsync();
                await App.ExecuteAsync("DELETE FROM industrial_unit u WHERE id % 23 = 0 AND NOT EXISTS (SELECT 1 FROM membership m WHERE m.unit_id = u.id)");
                break;
            case "units closed":
                foreach (var closing in await db.IndustrialUnits.Where(u => u.Id % 11 == 0).ToListAsync())
                {
                    (closing.Status, closing.ClosedOn) = (UnitStatus.Tutup, new DateOnly(2026, 11, 1));
                }

                await db.SaveChangesAsync();
                break;
            case "a change of the KBLI mapping":
                await App.ExecuteAsync("UPDATE product_category SET kbli_divisions = '{10,31}' WHERE code = 'pangan'");
                break;
            case "a kelurahan retired":
                (await db.Kelurahan.SingleAsync(k => k.Code == Pahandut)).RetiredOn = new DateOnly(2026, 11, 1);
                await db.SaveChangesAsync();
                break;
            case "a deferred bulk load":
                await using (var connection = new NpgsqlConnection(App.ConnectionString))
                {
                    await connection.OpenAsync();
                    await using var transaction = await connection.BeginTransactionAsync();
                    await using (var defer = new NpgsqlCommand("SELECT summaries_defer()", connection, transaction))
                    {
                        await defer.ExecuteNonQueryAsync();
                    }

                    await using (var insert = new NpgsqlCommand(
                        $"INSERT INTO industrial_unit (id, {await App.UnitColumnsAsync()}) SELECT id + 100000000, {await App.UnitColumnsAsync()} FROM industrial_unit WHERE id % 4 = 0",
                        connection, transaction))
                    {
                        await insert.ExecuteNonQueryAsync();
                    }

                    await using (var resume = new NpgsqlCommand("SELECT summaries_resume()", connection, transaction))
                    {
                        await resume.ExecuteNonQueryAsync();
                    }

                    await transaction.CommitAsync();
                }

                break;
            case "members closed and reopened":
                await App.ExecuteAsync("""
                    UPDATE industrial_unit SET status = 'Tutup', closed_on = '2026-11-01' WHERE id IN (SELECT unit_id FROM membership WHERE id % 2 = 0);
                    UPDATE industrial_unit SET status = 'Aktif', closed_on = NULL WHERE id IN (SELECT unit_id FROM membership WHERE id % 4 = 0);
                    """);
                break;
            case "memberships moved between sentra":
                await App.ExecuteAsync("""
                    UPDATE membership SET sentra_id = (SELECT max(id) FROM sentra) WHERE id % 3 = 0 AND role = 'Anggota';
                    UPDATE membership SET left_on = NULL, end_reason = NULL WHERE id % 5 = 0 AND role = 'Anggota'
                       AND NOT EXISTS (SELECT 1 FROM membership x WHERE x.unit_id = membership.unit_id AND x.left_on IS NULL);
                    """);
                break;
            case "the demo data removed":
                await DemoData.RemoveAsync(db);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(write), write, null);
        }
    }

    private async Task AssertConsistentAsync()
    {
        var differences = await App.TextAsync("""
            SELECT coalesce(string_agg(summary || ': ' || missing || ' missing, ' || extra || ' extra', '; '), '') FROM summaries_check() WHERE missing + extra > 0
            """);
        Assert.Equal("", differences);

        await using var db = App.NewDbContext();
        var kecamatan = await db.Kecamatan.OrderBy(k => k.Code).Select(k => k.Id).FirstAsync();
        foreach (var scope in new[] { CoverageScope.City, new CoverageScope(KecamatanId: kecamatan) })
        {
            using var cache = new RegistryCache();
            var query = new CoverageQuery(db, new RegistryVersion(db), cache, TimeProvider.System);
            var shown = await query.LoadAsync(scope, default);
            var ids = shown.Areas.Select(a => a.Id).ToArray();
            var counted = await RecountAsync(db, ids);

            Assert.Equal(counted.Cells, shown.Cells.OrderBy(c => (c.KelurahanId, c.CategoryId)));
            Assert.Equal(counted.Scales, shown.Scales);
            Assert.Equal(counted.Sizes, shown.Sizes);
            Assert.Equal(counted.Quality, shown.Quality);
            Assert.Equal(counted.Statuses, (shown.DataStatus.Lengkap, shown.DataStatus.PerluVerifikasi, shown.DataStatus.Terverifikasi));
            Assert.Equal(counted.Reasons, DataQuality.Issues.Select(i => shown.DataStatus.Reasons[i]));
            Assert.Equal(counted.WomenOwned, shown.WomenOwned.OrderBy(c => (c.KelurahanId, c.CategoryId)));
            Assert.Equal(counted.Divisions, shown.KbliDivisions);
            Assert.Equal(counted.Years, shown.RegisteredPerYear);
            // The dashboards read the first name groups and the number of all; the export reads all of them.
            Assert.Equal(counted.DuplicateNames.Take(CoverageQuery.DuplicateNameRows), shown.DuplicateNames);
            Assert.Equal(counted.DuplicateNames.Count, shown.DuplicateNameGroups);
            Assert.Equal(counted.DuplicateNames, (await query.LoadAsync(scope, allDuplicateNames: true, default)).DuplicateNames);
            Assert.Equal(counted.ActiveSentra, shown.ActiveSentra.OrderBy(s => s.Id));
            Assert.Equal(counted.DuplicateNiks, shown.DuplicateNiks);
            Assert.Equal(counted.FreeGroups, (await query.FreeGroupsAsync(ids, default)).OrderBy(g => (g.KelurahanId, g.KbliGroup, g.CategoryId)));
            if (scope.IsCity)
            {
                Assert.Equal(await db.IndustrialUnits.CountAsync(u => u.Status == UnitStatus.Aktif && u.Kelurahan.RetiredOn != null), shown.ActiveUnitsInRetiredKelurahan);
            }

            foreach (var id in ids)
            {
                Assert.Equal(await db.IndustrialUnits.CountAsync(u => u.KelurahanId == id), (await query.UnitsAsync(id, 0, 1, default)).Total);
            }
        }
    }

    private sealed record Recount(
        List<CoverageQuery.UnitCell> Cells, List<CoverageQuery.ScaleCount> Scales, List<CoverageQuery.SizeCount> Sizes, CoverageQuery.QualityCounts Quality,
        (int, int, int) Statuses, List<int> Reasons, List<CoverageQuery.WomenOwnedCell> WomenOwned, List<CoverageQuery.DivisionCount> Divisions,
        List<CoverageQuery.YearCount> Years, List<CoverageQuery.DuplicateName> DuplicateNames, List<CoverageQuery.DuplicateNik> DuplicateNiks,
        List<CoverageQuery.FreeGroup> FreeGroups, List<CoverageQuery.SentraRow> ActiveSentra);

    /// <summary>The figures as the dashboard aggregated them over the units before the summaries (EF with the rules of Domain/, and regexp).</summary>
    private static async Task<Recount> RecountAsync(RegistryDbContext db, int[] ids)
    {
        var units = db.IndustrialUnits.AsNoTracking().Where(u => ids.Contains(u.KelurahanId));
        var active = units.Where(u => u.Status == UnitStatus.Aktif);

        var cells = await active.GroupBy(u => new { u.KelurahanId, u.CategoryId })
            .Select(g => new CoverageQuery.UnitCell(g.Key.KelurahanId, g.Key.CategoryId, g.Count(), g.Sum(u => u.WorkersMale ?? 0), g.Sum(u => u.WorkersFemale ?? 0), g.Sum(u => u.WorkersUnsplit ?? 0)))
            .ToListAsync();
        var scales = await active.GroupBy(IndustryScale.OfUnit).Select(g => new CoverageQuery.ScaleCount(g.Key, g.Count())).ToListAsync();
        var sizes = await active.GroupBy(BusinessSize.OfUnit).Select(g => new CoverageQuery.SizeCount(g.Key, g.Count())).ToListAsync();
        var reasons = new List<int>();
        foreach (var issue in DataQuality.Issues)
        {
            reasons.Add(await active.Where(u => u.VerifiedAt == null).CountAsync(DataQuality.Has(issue)));
        }

        var statuses = (await active.CountAsync(DataQuality.InStatus(DataStatus.Lengkap)), await active.CountAsync(DataQuality.InStatus(DataStatus.PerluVerifikasi)),
            await active.CountAsync(DataQuality.InStatus(DataStatus.Terverifikasi)));
        var womenOwned = await active.Where(u => u.OwnerSex == OwnerSex.Perempuan).GroupBy(u => new { u.KelurahanId, u.CategoryId })
            .Select(g => new CoverageQuery.WomenOwnedCell(g.Key.KelurahanId, g.Key.CategoryId, g.Count())).ToListAsync();
        var divisions = await active.GroupBy(u => u.KbliCode == null ? null : u.KbliCode.Substring(0, 2)).Select(g => new { g.Key, Units = g.Count() }).ToListAsync();
        var years = await units.GroupBy(u => u.RegisteredOn.Year).Select(g => new CoverageQuery.YearCount(g.Key, g.Count())).ToListAsync();
        var quality = await active.GroupBy(u => 1)
            .Select(g => new CoverageQuery.QualityCounts(g.Count(), g.Count(u => u.Nib == null || u.Nib == ""), g.Count(u => u.KbliCode == null || u.KbliCode == ""),
                g.Count(u => u.WorkersMale == null && u.WorkersFemale == null && u.WorkersUnsplit == null), g.Count(u => u.InvestmentValue == null)))
            .SingleOrDefaultAsync() ?? new CoverageQuery.QualityCounts(0, 0, 0, 0, 0);
        var duplicateNames = await RawSql.ReadAsync(db, """
            SELECT u.kelurahan_id, min(u.business_name), count(*)::int FROM industrial_unit u
             WHERE u.kelurahan_id = ANY(@ids) AND u.status = 'Aktif'
             GROUP BY u.kelurahan_id, regexp_replace(lower(u.business_name), '[^a-z0-9]', '', 'g') HAVING count(*) > 1
            """, [new NpgsqlParameter("ids", ids)], r => new CoverageQuery.DuplicateName(r.GetInt32(0), r.GetString(1), r.GetInt32(2)), default);
        var duplicateNiks = await RawSql.ReadAsync(db, """
            SELECT string_agg(u.business_name, ' · ' ORDER BY u.business_name), count(*)::int FROM industrial_unit u
             WHERE u.kelurahan_id = ANY(@ids) AND u.status = 'Aktif' AND u.nik IS NOT NULL AND u.nik <> ''
             GROUP BY u.nik HAVING count(DISTINCT regexp_replace(lower(u.business_name), '[^a-z0-9]', '', 'g')) > 1
            """, [new NpgsqlParameter("ids", ids)], r => new CoverageQuery.DuplicateNik(r.GetString(0), r.GetInt32(1)), default);
        var freeGroups = await active.Where(u => !u.Memberships.Any(m => m.LeftOn == null))
            .GroupBy(u => new { u.KelurahanId, KbliGroup = u.KbliCode != null && u.KbliCode.Length >= 3 ? u.KbliCode.Substring(0, 3) : "", u.CategoryId })
            .Select(g => new CoverageQuery.FreeGroup(g.Key.KelurahanId, g.Key.KbliGroup, g.Key.CategoryId, g.Count()))
            .ToListAsync();

        // Active members counted per member, as the dashboard did before the summary sentra_members.
        var activeSentra = await db.Sentra.AsNoTracking().Where(s => s.Status == SentraStatus.Aktif && ids.Contains(s.KelurahanId)).OrderBy(s => s.Id)
            .Select(s => new CoverageQuery.SentraRow(s.Id, s.Name, s.KelurahanId, s.FoundedOn, s.Memberships.Count(m => m.LeftOn == null && m.Unit.Status == UnitStatus.Aktif)))
            .ToListAsync();

        return new Recount(
            [.. cells.OrderBy(c => (c.KelurahanId, c.CategoryId))],
            [.. scales.OrderBy(s => s.Scale)],
            [.. sizes.OrderBy(s => s.Size)],
            quality,
            statuses,
            reasons,
            [.. womenOwned.OrderBy(c => (c.KelurahanId, c.CategoryId))],
            [.. divisions.GroupBy(d => Kbli.Division(d.Key)).Select(g => new CoverageQuery.DivisionCount(g.Key, g.Sum(d => d.Units))).OrderBy(d => d.Division ?? 100)],
            [.. years.OrderBy(y => y.Year)],
            [.. duplicateNames.OrderBy(d => d.BusinessName, StringComparer.Ordinal).ThenBy(d => d.KelurahanId)],
            [.. duplicateNiks.OrderBy(d => d.BusinessNames, StringComparer.Ordinal).ThenBy(d => d.Units)],
            [.. freeGroups.OrderBy(g => (g.KelurahanId, g.KbliGroup, g.CategoryId))],
            activeSentra);
    }
}
