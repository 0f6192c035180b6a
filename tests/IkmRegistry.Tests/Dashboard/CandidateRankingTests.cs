using Npgsql;
using static IkmRegistry.Tests.Dashboard.DashboardPage;

namespace IkmRegistry.Tests.Dashboard;

/// <summary>
/// The list "Di mana sentra berikutnya dapat dibentuk": the formation stage reached first, then the largest group of
/// similar products (KBLI group and category) among the active units in no sentra.
/// </summary>
public class CandidateRankingTests(RegistryApp app) : RegistryTest(app)
{
    private const string Pahandut = "62.71.01.1001";
    private const string Panarung = "62.71.01.1002";
    private const string Langkai = "62.71.01.1003";
    private const string TumbangRungan = "62.71.01.1004";
    private const string PahandutSeberang = "62.71.01.1005";

    /// <summary>
    /// No demo data: five uncovered kelurahan in one kecamatan (Pahandut Seberang with a sentra Dalam pembentukan and a
    /// lapsed one); every other kelurahan has an Aktif sentra.
    /// </summary>
    private sealed class Arrangement(RegistryDbContext db, Dictionary<string, Kelurahan> areas, Dictionary<string, ProductCategory> categories)
    {
        public RegistryDbContext Db => db;

        public Sentra Elsewhere { get; } = db.Sentra.Local.First(s => s.Status == SentraStatus.Aktif);

        public List<IndustrialUnit> Add(string code, string category, string kbli, int count, UnitStatus status = UnitStatus.Aktif)
        {
            var units = new List<IndustrialUnit>();
            for (var i = 0; i < count; i++)
            {
                var unit = EdgeCases.Unit($"{category} {kbli} {code} {i} {status} {db.IndustrialUnits.Local.Count}", categories[category].Id, areas[code].Id, null);
                unit.KbliCode = kbli;
                unit.Status = status;
                db.IndustrialUnits.Add(unit);
                units.Add(unit);
            }

            return units;
        }

        public void Join(IEnumerable<IndustrialUnit> units, Sentra sentra, DateOnly? leftOn = null)
        {
            foreach (var unit in units)
            {
                db.Memberships.Add(new Membership { Sentra = sentra, Unit = unit, JoinedOn = new DateOnly(2025, 1, 1), LeftOn = leftOn });
            }
        }

        public void Reach(string code, FormationStage stage, DateOnly? completedOn = null) =>
            db.Formations.Add(new Formation
            {
                KelurahanId = areas[code].Id,
                CompletedOn = completedOn,
                CreatedAt = DateTime.UtcNow,
                UpdatedAt = DateTime.UtcNow,
                Steps = [.. Enum.GetValues<FormationStage>().Select(s => new FormationStep { Stage = s, ReachedOn = s <= stage ? new DateOnly(2026, 1, (int)s) : null })],
            });
    }

    private async Task ArrangeAsync(Action<Arrangement> arrange)
    {
        await using var db = App.NewDbContext();
        var areas = await db.Kelurahan.ToDictionaryAsync(k => k.Code);
        var categories = await db.ProductCategories.ToDictionaryAsync(c => c.Code);
        var uncovered = new[] { Pahandut, Panarung, Langkai, TumbangRungan, PahandutSeberang };
        foreach (var area in areas.Values.Where(a => !uncovered.Contains(a.Code)).OrderBy(a => a.Code, StringComparer.Ordinal))
        {
            db.Sentra.Add(new Sentra { Name = $"Sentra {area.Name}", Slug = $"sentra-{area.Slug}", KelurahanId = area.Id, Status = SentraStatus.Aktif, CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow });
        }

        var seberang = areas[PahandutSeberang].Id;
        db.Sentra.Add(new Sentra { Name = "Sentra Baru", Slug = "sentra-baru", KelurahanId = seberang, Status = SentraStatus.DalamPembentukan, CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow });
        db.Sentra.Add(new Sentra { Name = "Sentra Lama", Slug = "sentra-lama", KelurahanId = seberang, Status = SentraStatus.TidakAktif, CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow });
        arrange(new Arrangement(db, areas, categories));
        await db.SaveChangesAsync();
    }

    private async Task<List<string[]>> CandidatesAsync()
    {
        using var browser = await SignedInAsync(App);
        return Rows(await browser.GetAsync("/Dashboard"), "calon-sentra");
    }

    [Fact]
    public async Task Units_already_members_of_a_sentra_elsewhere_do_not_count_so_a_larger_free_group_ranks_higher()
    {
        await ArrangeAsync(a =>
        {
            // Pahandut: ten units of KBLI group 107, seven of them still members of a sentra in another kelurahan;
            // one left its sentra, so three are free.
            a.Join(a.Add(Pahandut, "pangan", "10710", 7), a.Elsewhere);
            a.Join(a.Add(Pahandut, "pangan", "10792", 1), a.Elsewhere, leftOn: new DateOnly(2025, 6, 1));
            a.Add(Pahandut, "pangan", "10710", 2);
            a.Add(Panarung, "kayu", "16221", 5);
            // Langkai: seven food units, but in two KBLI groups (4 + 3); closed units do not count.
            a.Add(Langkai, "pangan", "10710", 4);
            a.Add(Langkai, "pangan", "10611", 3);
            a.Add(Langkai, "pangan", "10710", 3, UnitStatus.Tutup);
            a.Add(PahandutSeberang, "sandang", "14111", 1);
        });

        var rows = await CandidatesAsync();

        // A sentra Dalam pembentukan comes first (stage), then by the largest free group: 5, 4, 3, none.
        Assert.Equal(["Pahandut Seberang", "Panarung", "Langkai", "Pahandut", "Tumbang Rungan"], rows.Select(r => r[1]));
        Assert.Equal(["1", "2", "3", "4", "5"], rows.Select(r => r[0]));
        Assert.Equal("Sentra dalam pembentukan (tahap belum dicatat)", rows[0][3]);
        Assert.Equal(["2", "Panarung", "Pahandut", "Belum dimulai"], rows[1][..4]);
        Assert.StartsWith("162 Industri Barang dari Kayu", rows[1][4], StringComparison.Ordinal);
        Assert.EndsWith("· Produk berbahan dasar kayu", rows[1][4], StringComparison.Ordinal);
        Assert.Equal(["5", "Ya", "0", "5", "15"], rows[1][5..]);
        Assert.StartsWith("107 Industri Makanan Lainnya · ", rows[2][4], StringComparison.Ordinal);
        Assert.Equal(["4", "Tidak", "1", "7"], rows[2][5..9]);
        Assert.StartsWith("107 ", rows[3][4], StringComparison.Ordinal);
        Assert.Equal(["3", "Tidak", "2", "10"], rows[3][5..9]);
        Assert.Equal(["", "0", "Tidak", "5", "0"], rows[4][4..9]);
    }

    [Fact]
    public async Task A_kelurahan_further_in_the_formation_pipeline_ranks_first_and_wins_a_tie()
    {
        await ArrangeAsync(a =>
        {
            a.Add(Pahandut, "kayu", "16221", 4);
            a.Reach(Pahandut, FormationStage.Sosialisasi);
            a.Add(Panarung, "kayu", "16221", 4);
            a.Reach(Panarung, FormationStage.IdentifikasiPotensi);
            a.Add(Langkai, "kayu", "16221", 4);
            // A formation completed earlier (its sentra has since lapsed) is no stage of the pipeline.
            a.Reach(Langkai, FormationStage.Peresmian, completedOn: new DateOnly(2026, 1, 5));
            a.Add(TumbangRungan, "kayu", "16221", 9);
            a.Add(PahandutSeberang, "kayu", "16221", 1);
        });

        var rows = await CandidatesAsync();

        Assert.Equal(["Pahandut", "Panarung", "Pahandut Seberang", "Tumbang Rungan", "Langkai"], rows.Select(r => r[1]));
        Assert.Equal(["Sosialisasi", "Identifikasi potensi", "Sentra dalam pembentukan (tahap belum dicatat)", "Belum dimulai", "Belum dimulai"], rows.Select(r => r[3]));
        Assert.Equal(["4", "4", "1", "9", "4"], rows.Select(r => r[5]));
    }

    [Fact]
    public async Task The_ranking_equals_an_independent_query_over_units_memberships_and_formations()
    {
        await EdgeCases.ArrangeAsync(App);
        await using (var db = App.NewDbContext())
        {
            var areas = await db.Kelurahan.ToDictionaryAsync(k => k.Name);
            db.Formations.Add(new Formation
            {
                KelurahanId = areas["Kanarakan"].Id, CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow,
                Steps = [new() { Stage = FormationStage.IdentifikasiPotensi, ReachedOn = new(2026, 2, 1) }, new() { Stage = FormationStage.Sosialisasi, ReachedOn = new(2026, 3, 1) }],
            });
            db.Formations.Add(new Formation
            {
                KelurahanId = areas["Mungku Baru"].Id, CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow,
                Steps = [new() { Stage = FormationStage.IdentifikasiPotensi, ReachedOn = new(2026, 2, 1) }, new() { Stage = FormationStage.Sosialisasi, TargetOn = new(2026, 4, 1) }],
            });
            await db.SaveChangesAsync();
        }

        // Half the units of Bukit Sua join the sentra of another kelurahan: they leave its free groups.
        await App.ExecuteAsync("""
            INSERT INTO membership (id, sentra_id, unit_id, joined_on, role, is_demo)
            SELECT nextval('"EntityFrameworkHiLoSequence"'), (SELECT min(id) FROM sentra WHERE status = 'Aktif'), u.id, DATE '2026-01-01', 'Anggota', false
              FROM industrial_unit u JOIN kelurahan k ON k.id = u.kelurahan_id
             WHERE k.name = 'Bukit Sua' AND u.status = 'Aktif' AND u.id % 2 = 0
               AND NOT EXISTS (SELECT 1 FROM membership m WHERE m.unit_id = u.id AND m.left_on IS NULL)
            """);

        var expected = await ListAsync("""
            WITH free AS (
                SELECT u.kelurahan_id, count(*) AS n
                  FROM industrial_unit u
                 WHERE u.status = 'Aktif' AND NOT EXISTS (SELECT 1 FROM membership m WHERE m.unit_id = u.id AND m.left_on IS NULL)
                 GROUP BY u.kelurahan_id, CASE WHEN length(u.kbli_code) >= 3 THEN left(u.kbli_code, 3) ELSE '' END, u.category_id),
            stage AS (
                SELECT f.kelurahan_id,
                       max(array_position(ARRAY['IdentifikasiPotensi', 'Sosialisasi', 'PembentukanPengurus', 'PenetapanSk', 'Peresmian'], s.stage::text)) AS n
                  FROM formation f JOIN formation_step s ON s.formation_id = f.id
                 WHERE f.completed_on IS NULL AND s.reached_on IS NOT NULL
                 GROUP BY f.kelurahan_id)
            SELECT k.name || '|' || coalesce((SELECT max(n) FROM free WHERE free.kelurahan_id = k.id), 0)
              FROM kelurahan k
             WHERE k.retired_on IS NULL AND NOT EXISTS (SELECT 1 FROM sentra s WHERE s.kelurahan_id = k.id AND s.status = 'Aktif')
             ORDER BY coalesce((SELECT n FROM stage WHERE stage.kelurahan_id = k.id), 0) DESC,
                      EXISTS (SELECT 1 FROM sentra s WHERE s.kelurahan_id = k.id AND s.status = 'DalamPembentukan') DESC,
                      coalesce((SELECT max(n) FROM free WHERE free.kelurahan_id = k.id), 0) DESC,
                      (SELECT count(*) FROM industrial_unit u WHERE u.kelurahan_id = k.id AND u.status = 'Aktif') DESC,
                      k.code
            """);

        var rows = await CandidatesAsync();

        Assert.Equal(8, expected.Count);
        Assert.Equal(expected, rows.Select(r => $"{r[1]}|{r[5].Replace(".", "", StringComparison.Ordinal)}"));
        Assert.Equal(["Sosialisasi", "Identifikasi potensi"], rows.Take(2).Select(r => r[3]));
    }

    private async Task<List<string>> ListAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(App.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var result = new List<string>();
        while (await reader.ReadAsync())
        {
            result.Add(reader.GetString(0));
        }

        return result;
    }
}
