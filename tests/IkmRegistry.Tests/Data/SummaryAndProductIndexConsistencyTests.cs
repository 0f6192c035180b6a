using IkmRegistry.Tests.Dashboard;
using IkmRegistry.Web.Data.Queries;
using Npgsql;
using static IkmRegistry.Tests.Registry.Import.Importing;

namespace IkmRegistry.Tests.Data;

/// <summary>
/// The tables PostgreSQL keeps up to date in the writing transaction, after every kind of write to the registry: the
/// dashboard's summaries (migration DashboardSummaries) and the public product search's index (migration ProductIndex:
/// product_term, product_listing, product_place). Each write is applied once and both are checked: every table equals a
/// recount from the base tables (summaries_check and products_check, the functions scripts/summaries.sh calls), every
/// figure the dashboard reads equals the same figure aggregated over the units by EF with the rules of Domain/, and
/// what the product index lists equals the listed businesses' products split and counted in C#. A failure names the
/// write and the table.
/// </summary>
public class SummaryAndProductIndexConsistencyTests(RegistryApp app) : RegistryTest(app)
{
    private const string Pahandut = "62.71.01.1001";

    [Theory]
    [InlineData("the demo loader")]
    [InlineData("an EF save and edit")]
    [InlineData("consent withdrawn and given")]
    [InlineData("a raw SQL update")]
    [InlineData("an update of workers and phones only")]
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
    public async Task Every_summary_and_the_product_index_equal_a_recount_after(string write)
    {
        await App.LoadDemoDataAsync();

        // Possible duplicates to keep: the same name twice in a kelurahan, and NIKs shared by units of other names.
        // Product lists of every shape: several products, separators in a row, spaces, upper case, a repeat, empty.
        await App.ExecuteAsync("""
            UPDATE industrial_unit SET business_name = 'Amplang ' || (id % 7) WHERE id % 41 = 0;
            UPDATE industrial_unit SET nik = '62710145088500' || lpad((id % 13)::text, 2, '0') WHERE id % 37 = 0;
            UPDATE industrial_unit SET verified_at = now() WHERE id % 5 = 0;
            UPDATE industrial_unit SET phone = '0812 abc' WHERE id % 9 = 0;
            UPDATE industrial_unit SET main_products = 'Amplang Ikan, kerupuk ikan ; Amplang ikan/ /abon' WHERE id % 7 = 0;
            UPDATE industrial_unit SET main_products = NULL WHERE id % 19 = 0;
            UPDATE industrial_unit SET main_products = ' , ' WHERE id % 43 = 0;
            """);

        await MakeAsync(write);

        await AssertSummariesConsistentAsync($"after {write}");
        await AssertProductIndexConsistentAsync($"after {write}");
    }

    [Fact]
    public async Task The_check_finds_changed_member_and_duplicate_group_counts_and_the_repair_puts_them_right()
    {
        await App.LoadDemoDataAsync();

        await App.ExecuteAsync("UPDATE industrial_unit SET business_name = 'Amplang ' || (id % 7) WHERE id % 41 = 0");
        await AssertSummariesConsistentAsync("before the change");
        await App.ExecuteAsync("""
            UPDATE sentra_members SET active_members = active_members + 1 WHERE sentra_id = (SELECT min(sentra_id) FROM sentra_members);
            UPDATE unit_duplicate_groups SET groups = groups + 2 WHERE kelurahan_id = (SELECT min(kelurahan_id) FROM unit_duplicate_groups WHERE groups > 0);
            """);

        Assert.Equal(2, await App.ScalarAsync("SELECT sum(missing + extra) FROM summaries_check() WHERE summary = 'sentra_members'"));
        Assert.Equal(2, await App.ScalarAsync("SELECT sum(missing + extra) FROM summaries_check(false) WHERE summary = 'unit_duplicate_groups'"));
        Assert.Equal(4, await App.ScalarAsync("SELECT sum(missing + extra) FROM summaries_check(true)"));

        await AssertSummariesConsistentAsync("after the repair");
    }

    [Fact]
    public async Task The_check_finds_a_summary_changed_behind_its_back_and_the_repair_puts_it_right()
    {
        await Seed.UnitAsync(App, "Amplang Bu Tini", Pahandut);
        await App.ExecuteAsync("UPDATE unit_figures SET units = units + 3, workers_male = 7");

        Assert.Equal(2, await App.ScalarAsync("SELECT sum(missing + extra) FROM summaries_check()"));
        Assert.Equal(2, await App.ScalarAsync("SELECT sum(missing + extra) FROM summaries_check(false)"));
        Assert.Equal(2, await App.ScalarAsync("SELECT sum(missing + extra) FROM summaries_check(true)"));

        await AssertSummariesConsistentAsync("after the repair");
        Assert.Equal(1, await App.ScalarAsync("SELECT sum(units) FROM unit_figures"));
    }

    [Fact]
    public async Task The_check_finds_the_product_index_changed_behind_its_back_and_the_repair_puts_it_right()
    {
        await App.LoadDemoDataAsync();

        await App.ExecuteAsync("""
            UPDATE product_place SET makers = makers + 2 WHERE term_id = (SELECT min(term_id) FROM product_place);
            DELETE FROM product_listing WHERE unit_id = (SELECT min(unit_id) FROM product_listing);
            """);

        Assert.True(await App.ScalarAsync("SELECT sum(missing + extra) FROM products_check()") >= 3);
        Assert.True(await App.ScalarAsync("SELECT sum(missing + extra) FROM products_check(false)") >= 3);
        Assert.True(await App.ScalarAsync("SELECT sum(missing + extra) FROM products_check(true)") >= 3);

        await AssertProductIndexConsistentAsync("after the repair");
    }

    private async Task MakeAsync(string write)
    {
        await using var db = App.NewDbContext();
        switch (write)
        {
            case "the demo loader":
                break;
            case "an EF save and edit":
                // Renamed to a name the demo data repeats, so the edit also makes a possible duplicate.
                var unit = await Seed.UnitAsync(App, "Amplang Bu Tini", Pahandut, configure: u =>
                {
                    (u.WorkersFemale, u.InvestmentValue, u.KbliCode, u.KbliEdition) = (4, 2_000_000_000m, "31001", KbliEdition.Kbli2020);
                    u.Nik = "6271014508850001";
                    u.MainProducts = "amplang haruan, kerupuk basah";
                    (u.PublicConsent, u.PublicConsentOn) = (true, new DateOnly(2026, 1, 1));
                });
                var saved = await db.IndustrialUnits.SingleAsync(u => u.Id == unit.Id);
                (saved.WorkersMale, saved.Phone, saved.LegalForm) = (30, "0812", LegalForm.PT);
                (saved.MainProducts, saved.BusinessName) = ("amplang haruan; batik benang bintik", "Amplang 3");
                saved.CategoryId = await db.ProductCategories.Where(c => c.Code == "sandang").Select(c => c.Id).SingleAsync();
                await db.SaveChangesAsync();
                break;
            case "consent withdrawn and given":
                foreach (var changing in await db.IndustrialUnits.Where(u => u.Id % 5 == 0).ToListAsync())
                {
                    changing.PublicConsent = !changing.PublicConsent;
                }

                await db.SaveChangesAsync();
                break;
            case "a raw SQL update":
                await App.ExecuteAsync("""
                    UPDATE industrial_unit SET workers_male = coalesce(workers_male, 0) + 20, investment_value = 20000000000, owner_sex = 'Perempuan',
                           main_products = main_products || ', tas purun'
                     WHERE id % 3 = 0;
                    UPDATE industrial_unit SET kelurahan_id = (SELECT min(id) FROM kelurahan), kbli_code = NULL, business_name = 'Amplang 1'
                     WHERE id % 29 = 0;
                    UPDATE industrial_unit SET nik = '6271014508850001', category_id = (SELECT max(id) FROM product_category) WHERE id % 31 = 0;
                    UPDATE industrial_unit SET status = 'Tutup', closed_on = '2026-11-01' WHERE id % 37 = 0;
                    """);
                break;
            case "an update of workers and phones only":
                await App.ExecuteAsync("UPDATE industrial_unit SET workers_male = coalesce(workers_male, 0) + 1, phone = NULL");
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

                // The import's units consent to be listed afterwards (an edit), so the product index has something to add.
                await App.ExecuteAsync("UPDATE industrial_unit SET public_consent = true, public_consent_on = '2026-11-01', main_products = coalesce(main_products, 'anyaman purun') WHERE NOT is_demo");
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
                db.IndustrialUnits.RemoveRange(await db.IndustrialUnits.Where(u => !u.Memberships.Any() && u.PublicConsent).OrderBy(u => u.Id).Take(50).ToListAsync());
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
                // As the demo loader does: both kinds of maintenance deferred in one transaction, then resumed.
                await using (var connection = new NpgsqlConnection(App.ConnectionString))
                {
                    await connection.OpenAsync();
                    await using var transaction = await connection.BeginTransactionAsync();
                    foreach (var sql in new[]
                    {
                        "SELECT summaries_defer(); SELECT products_defer()",
                        $"INSERT INTO industrial_unit (id, {await App.UnitColumnsAsync()}) SELECT id + 100000000, {await App.UnitColumnsAsync()} FROM industrial_unit WHERE id % 4 = 0",
                        "SELECT summaries_resume(); SELECT products_resume()",
                    })
                    {
                        await using var command = new NpgsqlCommand(sql, connection, transaction);
                        await command.ExecuteNonQueryAsync();
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

    /// <summary>Fails with the write, the table the figure is read from and both values when the recount differs.</summary>
    private static void Same<T>(string when, string table, string figure, T recounted, T shown) =>
        Assert.True(EqualityComparer<T>.Default.Equals(recounted, shown), $"{when}, {figure} read from {table} differs from the recount: {recounted} recounted, {shown} shown");

    private static void SameRows<T>(string when, string table, string figure, IEnumerable<T> recounted, IEnumerable<T> shown)
    {
        List<T> expected = [.. recounted], actual = [.. shown];
        Assert.True(expected.SequenceEqual(actual),
            $"{when}, {figure} read from {table} differs from the recount:\n  recounted: {string.Join("; ", expected)}\n  shown:     {string.Join("; ", actual)}");
    }

    private async Task AssertChecksCleanAsync(string function, string when)
    {
        var differences = await App.TextAsync($"""
            SELECT coalesce(string_agg(summary || ': ' || missing || ' missing, ' || extra || ' extra', '; '), '') FROM {function}() WHERE missing + extra > 0
            """);
        Assert.True(differences == "", $"{when}, {function} finds: {differences}");
    }

    private async Task AssertSummariesConsistentAsync(string when)
    {
        await AssertChecksCleanAsync("summaries_check", when);

        await using var db = App.NewDbContext();
        var kecamatan = await db.Kecamatan.OrderBy(k => k.Code).Select(k => k.Id).FirstAsync();
        foreach (var scope in new[] { CoverageScope.City, new CoverageScope(KecamatanId: kecamatan) })
        {
            var at = $"{when} ({(scope.IsCity ? "city" : "kecamatan")})";
            using var cache = new RegistryCache();
            var query = new CoverageQuery(db, new RegistryVersion(db), cache, TimeProvider.System);
            var shown = await query.LoadAsync(scope, default);
            var ids = shown.Areas.Select(a => a.Id).ToArray();
            var counted = await RecountAsync(db, ids);

            SameRows(at, "unit_figures", "units and workers per kelurahan and category", counted.Cells, shown.Cells.OrderBy(c => (c.KelurahanId, c.CategoryId)));
            SameRows(at, "unit_figures", "industry scales", counted.Scales, shown.Scales);
            SameRows(at, "unit_figures", "business sizes", counted.Sizes, shown.Sizes);
            Same(at, "unit_figures", "data quality counts", counted.Quality, shown.Quality);
            Same(at, "unit_figures", "data statuses", counted.Statuses, (shown.DataStatus.Lengkap, shown.DataStatus.PerluVerifikasi, shown.DataStatus.Terverifikasi));
            SameRows(at, "unit_figures", "reasons to verify", counted.Reasons, DataQuality.Issues.Select(i => shown.DataStatus.Reasons[i]));
            SameRows(at, "unit_figures", "women-owned units", counted.WomenOwned, shown.WomenOwned.OrderBy(c => (c.KelurahanId, c.CategoryId)));
            SameRows(at, "unit_kbli_figures", "KBLI divisions", counted.Divisions, shown.KbliDivisions);
            SameRows(at, "unit_year_figures", "registrations per year", counted.Years, shown.RegisteredPerYear);
            // The dashboards read the first name groups and the number of all; the export reads all of them.
            SameRows(at, "unit_duplicate_name", "the first duplicate name groups", counted.DuplicateNames.Take(CoverageQuery.DuplicateNameRows), shown.DuplicateNames);
            Same(at, "unit_duplicate_groups", "the number of duplicate name groups", counted.DuplicateNames.Count, shown.DuplicateNameGroups);
            SameRows(at, "unit_duplicate_name", "all duplicate name groups", counted.DuplicateNames, (await query.LoadAsync(scope, allDuplicateNames: true, default)).DuplicateNames);
            SameRows(at, "sentra_members", "active sentra and their members", counted.ActiveSentra, shown.ActiveSentra.OrderBy(s => s.Id));
            SameRows(at, "unit_duplicate_nik", "units sharing a NIK", counted.DuplicateNiks, shown.DuplicateNiks);
            SameRows(at, "unit_kbli_figures", "units outside a sentra", counted.FreeGroups, (await query.FreeGroupsAsync(ids, default)).OrderBy(g => (g.KelurahanId, g.KbliGroup, g.CategoryId)));
            if (scope.IsCity)
            {
                Same(at, "unit_figures", "active units in retired kelurahan",
                    await db.IndustrialUnits.CountAsync(u => u.Status == UnitStatus.Aktif && u.Kelurahan.RetiredOn != null), shown.ActiveUnitsInRetiredKelurahan);
            }

            foreach (var id in ids)
            {
                Same(at, "unit_year_figures", $"the units of kelurahan {id}", await db.IndustrialUnits.CountAsync(u => u.KelurahanId == id), (await query.UnitsAsync(id, 0, 1, default)).Total);
            }
        }
    }

    private async Task AssertProductIndexConsistentAsync(string when)
    {
        await AssertChecksCleanAsync("products_check", when);

        // The listed businesses' products as the search promises them: active, public consent, split at , ; / and trimmed.
        await using var db = App.NewDbContext();
        var units = await db.IndustrialUnits.AsNoTracking()
            .Where(u => u.Status == UnitStatus.Aktif && u.PublicConsent && u.MainProducts != null)
            .Select(u => new { u.Id, u.MainProducts, u.KelurahanId, u.CategoryId, u.BusinessName })
            .ToListAsync();
        var expected = units
            .SelectMany(u => u.MainProducts!.Split([',', ';', '/']).Select(p => p.Trim().ToLowerInvariant()).Where(p => p.Length > 0).Distinct()
                .Select(p => $"{p}|{u.Id}|{u.KelurahanId}|{u.CategoryId}|{u.BusinessName}"))
            .Order(StringComparer.Ordinal).ToList();
        var listed = (await RawSql.ReadAsync(db, """
            SELECT t.term || '|' || l.unit_id || '|' || l.kelurahan_id || '|' || l.category_id || '|' || l.business_name
              FROM product_listing l JOIN product_term t ON t.id = l.term_id
            """, [], r => r.GetString(0), default)).Order(StringComparer.Ordinal).ToList();
        SameRows(when, "product_listing and product_term", "the listed products", expected, listed);

        var expectedPlaces = expected.Select(e => e.Split('|')).GroupBy(e => $"{e[0]}|{e[2]}|{e[3]}").Select(g => $"{g.Key}|{g.Count()}")
            .Order(StringComparer.Ordinal).ToList();
        var places = (await RawSql.ReadAsync(db, """
            SELECT t.term || '|' || p.kelurahan_id || '|' || p.category_id || '|' || p.makers
              FROM product_place p JOIN product_term t ON t.id = p.term_id WHERE p.makers <> 0
            """, [], r => r.GetString(0), default)).Order(StringComparer.Ordinal).ToList();
        SameRows(when, "product_place", "the makers of each product per kelurahan and category", expectedPlaces, places);
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
