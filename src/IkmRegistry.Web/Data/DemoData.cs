using System.Diagnostics;
using UnitSheet = IkmRegistry.Web.Pages.Registry.UnitSheet;
using Npgsql;
using NpgsqlTypes;

namespace IkmRegistry.Web.Data;

/// <summary>
/// Demo and benchmark data that reproduces the agency's figures: 23 active sentra in 23 distinct kelurahan
/// (7 kelurahan without one) and, by default, 4,133 active units spread unevenly over the 30 kelurahan and
/// 6 categories. Loads through PostgreSQL's binary COPY so that a million units take seconds, not minutes.
/// Every row it writes is marked as demo, so <see cref="RemoveAsync"/> can take them out again.
/// </summary>
public static class DemoData
{
    public const int AgencyUnitCount = 4133;
    public const int SentraCount = 23;

    /// <summary>From this size on, the trigram indexes are built after the COPY instead of row by row.</summary>
    public const int LargeLoadUnits = 100_000;

    private static readonly string[] _trigramIndexNames =
        ["ix_industrial_unit_business_name_trgm", "ix_industrial_unit_owner_name_trgm", "ix_industrial_unit_main_products_trgm"];

    public sealed record Result(bool Loaded, int Units, int Sentra, int Memberships, TimeSpan Elapsed);

    /// <summary>The 7 kelurahan that, in the demo, still have to form a sentra.</summary>
    public static readonly string[] KelurahanWithoutSentra =
    [
        "62.71.01.1004", // Tumbang Rungan
        "62.71.02.1006", // Kanarakan
        "62.71.02.1007", // Habaring Hurung
        "62.71.04.1005", // Danau Tundai
        "62.71.05.1003", // Petuk Barunai
        "62.71.05.1004", // Mungku Baru
        "62.71.05.1007", // Bukit Sua
    ];

    // Relative weight of each kelurahan (same order as ReferenceData.KelurahanRows): the city centre has most units.
    private static readonly int[] _kelurahanWeights =
    [
        14, 12, 11, 3, 5, 6,
        4, 3, 4, 5, 3, 2, 3,
        16, 15, 6, 4,
        4, 6, 5, 3, 2, 4,
        2, 2, 2, 1, 2, 2, 1,
    ];

    // Category codes with their weights across the city, and the products and KBLI codes typical for each.
    private static readonly (string Code, int Weight, string[] Products, string[] Kbli)[] _categories =
    [
        ("pangan", 44, ["Amplang Ikan Pipih", "Kerupuk Ikan Haruan", "Keripik Pisang", "Abon Ikan", "Kue Basah", "Roti dan Kue Kering", "Madu Kelulut", "Dodol Nanas", "Sambal Kemasan", "Minuman Jahe Merah", "Ikan Asin", "Tahu dan Tempe"], ["10792", "10710", "10213", "10772", "10779", "11040", "10391"]),
        ("kerajinan", 16, ["Anyaman Rotan", "Manik-manik Dayak", "Tas Purun", "Souvenir Khas Dayak", "Anyaman Bambu", "Mandau Hias"], ["16291", "32902", "32909", "16292"]),
        ("kayu", 13, ["Mebel Kayu", "Kusen dan Pintu", "Ukiran Kayu", "Lemari Kayu Ulin", "Papan dan Balok"], ["31001", "16221", "16101", "16299"]),
        ("sandang", 11, ["Batik Benang Bintik", "Konveksi Seragam", "Jahit Pakaian", "Bordir", "Sepatu Kulit"], ["13134", "14111", "14120", "15201"]),
        ("logam", 9, ["Bengkel Las", "Pandai Besi", "Sabun Cuci", "Pupuk Organik", "Perahu Fiber", "Teralis Besi"], ["25111", "25920", "20231", "20123", "30113", "25119"]),
        ("lainnya", 7, ["Percetakan Sablon", "Daur Ulang Plastik", "Reparasi Mesin", "Lilin Aromaterapi"], ["18112", "33120", "23951", "21022"]),
    ];

    private static readonly string[] _businessPrefixes = ["", "", "", "UD ", "Usaha ", "Rumah Produksi ", "CV "];
    private static readonly string[] _businessSuffixes = ["", "", "Jaya", "Mandiri", "Berkah", "Sejahtera", "Barokah", "Isen Mulang", "Bersama", "Lestari"];
    private static readonly string[] _streets = ["Jl. Tjilik Riwut", "Jl. G. Obos", "Jl. RTA Milono", "Jl. Ahmad Yani", "Jl. Diponegoro", "Jl. Rajawali", "Jl. Mahir Mahar", "Jl. Temanggung Tilung", "Jl. Yos Sudarso", "Jl. Kapten Piere Tendean", "Jl. Seth Adji", "Jl. Beliang", "Jl. Sisingamangaraja", "Jl. Anoi", "Jl. Badak"];

    public static Task<bool> ExistsAsync(RegistryDbContext db, CancellationToken cancellationToken = default) =>
        db.IndustrialUnits.AnyAsync(u => u.IsDemo, cancellationToken);

    /// <summary>Loads the demo unless demo rows are already there (running it twice adds nothing).</summary>
    public static async Task<Result> LoadAsync(RegistryDbContext db, int unitCount = AgencyUnitCount, int seed = 20261127, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(unitCount, 1000);
        var clock = Stopwatch.StartNew();
        if (await ExistsAsync(db, cancellationToken))
        {
            return new Result(false, 0, 0, 0, clock.Elapsed);
        }

        var random = new Random(seed);
        var kelurahan = await db.Kelurahan.AsNoTracking().Include(k => k.Kecamatan).OrderBy(k => k.Code).ToListAsync(cancellationToken);
        var categories = await db.ProductCategories.AsNoTracking().ToDictionaryAsync(c => c.Code, cancellationToken);
        var names = NamePool.Create(seed);

        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        // A COPY's end waits for the server to take every row: allow it the caller's command timeout, not Npgsql's 30 s.
        var copyTimeout = TimeSpan.FromSeconds(db.Database.GetCommandTimeout() ?? 30);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        // Ids above everything the key sequence has handed out, so later inserts through EF never collide.
        var firstId = await db.Database.SqlQuery<int>($"""SELECT (nextval('"EntityFrameworkHiLoSequence"') + 1000)::int AS "Value" """).SingleAsync(cancellationToken);
        var firstUnitId = firstId;
        var firstSentraId = firstId + unitCount;
        var firstMembershipId = firstSentraId + SentraCount;
        var now = db.Clock.GetUtcNow().UtcDateTime;
        var today = Wib.Today(db.Clock);

        // Every kelurahan gets its weight's share of units, with a floor so each sentra has enough candidates.
        var weightByCode = ReferenceData.KelurahanRows.Select((r, i) => (r.Code, _kelurahanWeights[i])).ToDictionary(x => x.Code, x => x.Item2);
        var weights = kelurahan.Select(k => weightByCode.GetValueOrDefault(k.Code, 1)).ToArray();
        var unitsPerKelurahan = Apportion(unitCount, weights);

        // Units of a kelurahan by category, so members can be drawn from the sentra's own product group.
        var unitsByKelurahanAndCategory = new Dictionary<(int Kelurahan, string Category), List<int>>();
        var unitNib = new Dictionary<int, bool>();

        // A large load into a table with GIN trigram indexes is slow row by row: drop them (inside the transaction)
        // and build them again after the COPY, from their own definitions, so names and definitions stay as migrated.
        var trigramIndexes = unitCount >= LargeLoadUnits
            ? await db.Database.SqlQuery<string>($"SELECT indexdef AS \"Value\" FROM pg_indexes WHERE tablename = 'industrial_unit' AND indexname = ANY({_trigramIndexNames})").ToListAsync(cancellationToken)
            : [];
        // A large load counts the dashboard's summaries and the product index once at its end instead of per COPY
        // (migrations DashboardSummaries and ProductIndex).
        var deferSummaries = unitCount >= LargeLoadUnits;
        if (deferSummaries)
        {
            await db.Database.ExecuteSqlRawAsync("SELECT summaries_defer(); SELECT products_defer();", cancellationToken);
        }

        if (trigramIndexes.Count > 0)
        {
            await db.Database.ExecuteSqlRawAsync("SET LOCAL maintenance_work_mem = '256MB'", cancellationToken);
            await db.Database.ExecuteSqlRawAsync(
                "DROP INDEX IF EXISTS ix_industrial_unit_business_name_trgm, ix_industrial_unit_owner_name_trgm, ix_industrial_unit_main_products_trgm", cancellationToken);
        }

        await using (var importer = await connection.BeginBinaryImportAsync(
            "COPY industrial_unit (id, business_name, owner_name, nik, nib, kbli_code, kbli_edition, category_id, main_products, kelurahan_id, address, phone, " +
            "workers_male, workers_female, investment_value, production_value_per_year, production_capacity, production_capacity_unit, year_started, legal_form, " +
            "status, closed_on, public_consent, public_consent_on, registered_on, data_source, is_demo, created_at, updated_at, " +
            "owner_sex, responsible_person_name, responsible_person_role, annual_sales, verified_at, verified_by, public_contact_consent, public_contact_consent_on) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            importer.Timeout = copyTimeout;
            // The fields of issue 12 draw from their own sequence, so the demo's other figures stay as they were.
            var records = new Random(1212);
            var unitId = firstUnitId;
            for (var k = 0; k < kelurahan.Count; k++)
            {
                var area = kelurahan[k];
                var kecamatanDigit = area.Code.Substring(6, 2);
                // Local potential: some kelurahan lean to one category (riverside areas to food, others to crafts).
                var localBias = k % _categories.Length;
                for (var n = 0; n < unitsPerKelurahan[k]; n++, unitId++)
                {
                    var category = PickCategory(random, localBias);
                    var product = category.Products[random.Next(category.Products.Length)];
                    var female = random.Next(100) < 55;
                    var owner = names.Pick(random, female);
                    var registered = RandomRegistrationDate(random, today);
                    var hasNib = random.Next(100) < 68;
                    var hasFigures = random.Next(100) < 85;
                    var workers = random.Next(100) < 4 ? random.Next(20, 60) : random.Next(1, 15);
                    var women = hasFigures ? random.Next(0, workers + 1) : 0;
                    var investment = hasFigures ? RandomInvestment(random) : (decimal?)null;
                    var consent = random.Next(100) < 60;

                    await importer.StartRowAsync(cancellationToken);
                    await importer.WriteAsync(unitId, NpgsqlDbType.Integer, cancellationToken);
                    await importer.WriteAsync(BusinessName(random, product, owner), NpgsqlDbType.Varchar, cancellationToken);
                    await importer.WriteAsync(owner.FullName, NpgsqlDbType.Varchar, cancellationToken);
                    // Legacy records and owners who refused: about one in eight has no NIK.
                    var nik = Nik(random, kecamatanDigit, female);
                    await WriteNullableAsync(importer, records.Next(100) < 12 ? null : nik, NpgsqlDbType.Varchar, cancellationToken);
                    await WriteNullableAsync(importer, hasNib ? Nib(unitId) : null, NpgsqlDbType.Varchar, cancellationToken);
                    var hasKbli = random.Next(100) < 90;
                    await WriteNullableAsync(importer, hasKbli ? category.Kbli[random.Next(category.Kbli.Length)] : null, NpgsqlDbType.Varchar, cancellationToken);
                    await WriteNullableAsync(importer, hasKbli ? (int)KbliEdition.Kbli2020 : (int?)null, NpgsqlDbType.Integer, cancellationToken);
                    await importer.WriteAsync(categories[category.Code].Id, NpgsqlDbType.Integer, cancellationToken);
                    await importer.WriteAsync(product, NpgsqlDbType.Varchar, cancellationToken);
                    await importer.WriteAsync(area.Id, NpgsqlDbType.Integer, cancellationToken);
                    await importer.WriteAsync($"{_streets[random.Next(_streets.Length)]} No. {random.Next(1, 250)}, RT {random.Next(1, 9):00}", NpgsqlDbType.Varchar, cancellationToken);
                    await WriteNullableAsync(importer, random.Next(100) < 92 ? $"+628{random.Next(11, 53)}{random.Next(1_000_000, 99_999_999)}" : null, NpgsqlDbType.Varchar, cancellationToken);
                    await WriteNullableAsync(importer, hasFigures ? workers - women : (int?)null, NpgsqlDbType.Integer, cancellationToken);
                    await WriteNullableAsync(importer, hasFigures ? women : (int?)null, NpgsqlDbType.Integer, cancellationToken);
                    await WriteNullableAsync(importer, investment, NpgsqlDbType.Numeric, cancellationToken);
                    await WriteNullableAsync(importer, investment * random.Next(2, 6), NpgsqlDbType.Numeric, cancellationToken);
                    await WriteNullableAsync(importer, hasFigures ? random.Next(50, 5000) : (decimal?)null, NpgsqlDbType.Numeric, cancellationToken);
                    await WriteNullableAsync(importer, hasFigures ? (random.Next(2) == 0 ? "kg/bulan" : "unit/bulan") : null, NpgsqlDbType.Varchar, cancellationToken);
                    await importer.WriteAsync(Math.Max(1990, registered.Year - random.Next(0, 15)), NpgsqlDbType.Integer, cancellationToken);
                    var legalForm = RandomLegalForm(random);
                    await importer.WriteAsync(legalForm.ToString(), NpgsqlDbType.Varchar, cancellationToken);
                    await importer.WriteAsync(nameof(UnitStatus.Aktif), NpgsqlDbType.Varchar, cancellationToken);
                    await importer.WriteNullAsync(cancellationToken);
                    await importer.WriteAsync(consent, NpgsqlDbType.Boolean, cancellationToken);
                    await WriteNullableAsync(importer, consent ? registered : (DateOnly?)null, NpgsqlDbType.Date, cancellationToken);
                    await importer.WriteAsync(registered, NpgsqlDbType.Date, cancellationToken);
                    await importer.WriteAsync($"Pendataan {registered.Year}", NpgsqlDbType.Varchar, cancellationToken);
                    await importer.WriteAsync(true, NpgsqlDbType.Boolean, cancellationToken);
                    await importer.WriteAsync(now, NpgsqlDbType.TimestampTz, cancellationToken);
                    await importer.WriteAsync(now, NpgsqlDbType.TimestampTz, cancellationToken);
                    await importer.WriteAsync(female ? nameof(OwnerSex.Perempuan) : nameof(OwnerSex.LakiLaki), NpgsqlDbType.Varchar, cancellationToken);
                    var entity = legalForm is not (LegalForm.Perorangan or LegalForm.UsahaDagang);
                    await WriteNullableAsync(importer, entity && records.Next(100) < 85 ? owner.FullName : null, NpgsqlDbType.Varchar, cancellationToken);
                    await WriteNullableAsync(importer, entity ? (legalForm == LegalForm.Koperasi ? "Ketua koperasi" : "Direktur") : null, NpgsqlDbType.Varchar, cancellationToken);
                    await WriteNullableAsync(importer, investment is null && records.Next(100) < 50 ? records.Next(20, 900) * 1_000_000m : (decimal?)null, NpgsqlDbType.Numeric, cancellationToken);
                    var verified = records.Next(100) < 25;
                    await WriteNullableAsync(importer, verified ? now : (DateTime?)null, NpgsqlDbType.TimestampTz, cancellationToken);
                    await WriteNullableAsync(importer, verified ? "petugas.demo@dpkukmp.example" : null, NpgsqlDbType.Varchar, cancellationToken);
                    // Every third listed unit also publishes its contact; not drawn from a generator, so the other values stay as they were.
                    var contact = consent && unitId % 3 == 0;
                    await importer.WriteAsync(contact, NpgsqlDbType.Boolean, cancellationToken);
                    await WriteNullableAsync(importer, contact ? registered : (DateOnly?)null, NpgsqlDbType.Date, cancellationToken);

                    var key = (area.Id, category.Code);
                    if (!unitsByKelurahanAndCategory.TryGetValue(key, out var list))
                    {
                        unitsByKelurahanAndCategory[key] = list = [];
                    }

                    list.Add(unitId);
                    unitNib[unitId] = hasNib;
                }
            }

            await importer.CompleteAsync(cancellationToken);
        }

        foreach (var definition in trigramIndexes)
        {
            await db.Database.ExecuteSqlRawAsync(definition, cancellationToken);
        }

        // 23 sentra, one in every kelurahan except the 7, each focused on the kelurahan's strongest category.
        var sentraRows = new List<(int Id, Kelurahan Area, string Category, string? Second, DateOnly Founded)>();
        var sentraId = firstSentraId;
        foreach (var area in kelurahan.Where(k => !KelurahanWithoutSentra.Contains(k.Code)).Take(SentraCount))
        {
            var ranked = _categories.Select(c => c.Code)
                .OrderByDescending(c => unitsByKelurahanAndCategory.GetValueOrDefault((area.Id, c))?.Count ?? 0)
                .ToList();
            var founded = new DateOnly(random.Next(2012, 2026), random.Next(1, 13), random.Next(1, 29));
            sentraRows.Add((sentraId++, area, ranked[0], random.Next(100) < 40 ? ranked[1] : null, founded));
        }

        await using (var importer = await connection.BeginBinaryImportAsync(
            "COPY sentra (id, name, slug, kelurahan_id, address, founded_on, decree_number, decree_date, status, description, products, public_contact, publish_contact, is_demo, created_at, updated_at) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            importer.Timeout = copyTimeout;
            foreach (var s in sentraRows)
            {
                var categoryName = categories[s.Category].NameId;
                var name = $"Sentra IKM {ShortCategoryName(s.Category)} {s.Area.Name}";
                await importer.StartRowAsync(cancellationToken);
                await importer.WriteAsync(s.Id, NpgsqlDbType.Integer, cancellationToken);
                await importer.WriteAsync(name, NpgsqlDbType.Varchar, cancellationToken);
                await importer.WriteAsync(Slug.From(name), NpgsqlDbType.Varchar, cancellationToken);
                await importer.WriteAsync(s.Area.Id, NpgsqlDbType.Integer, cancellationToken);
                await importer.WriteAsync($"{_streets[random.Next(_streets.Length)]} No. {random.Next(1, 120)}, Kelurahan {s.Area.Name}", NpgsqlDbType.Varchar, cancellationToken);
                await importer.WriteAsync(s.Founded, NpgsqlDbType.Date, cancellationToken);
                await importer.WriteAsync($"188.45/{random.Next(100, 999)}/DPKUKMP/{s.Founded.Year}", NpgsqlDbType.Varchar, cancellationToken);
                await importer.WriteAsync(s.Founded, NpgsqlDbType.Date, cancellationToken);
                await importer.WriteAsync(nameof(SentraStatus.Aktif), NpgsqlDbType.Varchar, cancellationToken);
                await importer.WriteAsync($"Sentra IKM terpadu Kelurahan {s.Area.Name}, Kecamatan {s.Area.Kecamatan.Name}, dengan fokus produk {categoryName.ToLowerInvariant()} sesuai potensi lokal.", NpgsqlDbType.Varchar, cancellationToken);
                var products = new[] { s.Category, s.Second }.OfType<string>()
                    .SelectMany(code => _categories.Single(c => c.Code == code).Products.OrderBy(_ => random.Next()).Take(2));
                await importer.WriteAsync(string.Join(", ", products).ToLowerInvariant(), NpgsqlDbType.Varchar, cancellationToken);
                var publish = random.Next(100) < 70;
                await importer.WriteAsync($"Sekretariat Sentra, {s.Area.Name} (0536) {random.Next(3_200_000, 3_299_999)}", NpgsqlDbType.Varchar, cancellationToken);
                await importer.WriteAsync(publish, NpgsqlDbType.Boolean, cancellationToken);
                await importer.WriteAsync(true, NpgsqlDbType.Boolean, cancellationToken);
                await importer.WriteAsync(now, NpgsqlDbType.TimestampTz, cancellationToken);
                await importer.WriteAsync(now, NpgsqlDbType.TimestampTz, cancellationToken);
            }

            await importer.CompleteAsync(cancellationToken);
        }

        await using (var importer = await connection.BeginBinaryImportAsync("COPY sentra_category (sentra_id, category_id) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            importer.Timeout = copyTimeout;
            foreach (var s in sentraRows)
            {
                foreach (var code in new[] { s.Category, s.Second }.OfType<string>())
                {
                    await importer.StartRowAsync(cancellationToken);
                    await importer.WriteAsync(s.Id, NpgsqlDbType.Integer, cancellationToken);
                    await importer.WriteAsync(categories[code].Id, NpgsqlDbType.Integer, cancellationToken);
                }
            }

            await importer.CompleteAsync(cancellationToken);
        }

        // Each demo sentra's recorded history: active since its decree (coverage at any date is computed from these).
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO sentra_event (id, sentra_id, status, occurred_on, decree_number, decree_date, recorded_at, is_demo)
            SELECT nextval('"EntityFrameworkHiLoSequence"'), s.id, s.status, s.decree_date, s.decree_number, s.decree_date, {now}, true
              FROM sentra s WHERE s.is_demo AND s.id >= {firstSentraId} ORDER BY s.id
            """, cancellationToken);

        // Members: the first three hold the board; sentra grow with the data size but stay between 6 and 60 members.
        var membershipCount = 0;
        await using (var importer = await connection.BeginBinaryImportAsync("COPY membership (id, sentra_id, unit_id, joined_on, left_on, role, is_demo) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            importer.Timeout = copyTimeout;
            var membershipId = firstMembershipId;
            foreach (var s in sentraRows)
            {
                var candidates = unitsByKelurahanAndCategory.GetValueOrDefault((s.Area.Id, s.Category)) ?? [];
                if (s.Second is not null)
                {
                    candidates = [.. candidates, .. unitsByKelurahanAndCategory.GetValueOrDefault((s.Area.Id, s.Second)) ?? []];
                }

                if (candidates.Count < 2 * Sentra.MinimumMembers)
                {
                    // A small data set: widen to every unit of the kelurahan.
                    candidates = [.. unitsByKelurahanAndCategory.Where(e => e.Key.Kelurahan == s.Area.Id).SelectMany(e => e.Value)];
                }

                var wanted = Math.Clamp(random.Next(6, 40) * unitCount / AgencyUnitCount, 6, 60);
                var members = candidates.OrderBy(_ => random.Next()).Take(wanted).ToList();
                if (members.Count < Sentra.MinimumMembers)
                {
                    throw new InvalidOperationException($"Kelurahan {s.Area.Name} has too few units for a demo sentra.");
                }

                for (var i = 0; i < members.Count; i++)
                {
                    var role = i switch { 0 => BoardRole.Ketua, 1 => BoardRole.Sekretaris, 2 => BoardRole.Bendahara, _ => BoardRole.Anggota };
                    var joined = s.Founded.AddDays(random.Next(0, 400));
                    await importer.StartRowAsync(cancellationToken);
                    await importer.WriteAsync(membershipId++, NpgsqlDbType.Integer, cancellationToken);
                    await importer.WriteAsync(s.Id, NpgsqlDbType.Integer, cancellationToken);
                    await importer.WriteAsync(members[i], NpgsqlDbType.Integer, cancellationToken);
                    await importer.WriteAsync(joined > today ? today : joined, NpgsqlDbType.Date, cancellationToken);
                    await importer.WriteNullAsync(cancellationToken);
                    await importer.WriteAsync(role.ToString(), NpgsqlDbType.Varchar, cancellationToken);
                    await importer.WriteAsync(true, NpgsqlDbType.Boolean, cancellationToken);
                    membershipCount++;
                }
            }

            await importer.CompleteAsync(cancellationToken);
        }

        if (deferSummaries)
        {
            await db.Database.ExecuteSqlRawAsync("SELECT summaries_resume(); SELECT products_resume();", cancellationToken);
        }

        await MoveKeySequencePastAsync(db, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        // Fresh statistics, so the planner sees the new size at once.
        await db.Database.ExecuteSqlRawAsync("ANALYZE industrial_unit; ANALYZE sentra; ANALYZE membership;", cancellationToken);

        return new Result(true, unitCount, sentraRows.Count, membershipCount, clock.Elapsed);
    }

    /// <summary>
    /// After a bulk load with explicit ids, moves the shared HiLo key sequence past the largest id in the registry
    /// tables (EF takes blocks of 10 from it), so EF's next keys cannot collide with the loaded rows.
    /// </summary>
    public static Task MoveKeySequencePastAsync(RegistryDbContext db, CancellationToken cancellationToken = default) =>
        db.Database.ExecuteSqlRawAsync("""
            SELECT setval('"EntityFrameworkHiLoSequence"', GREATEST(
                (SELECT last_value FROM "EntityFrameworkHiLoSequence"),
                (SELECT COALESCE(MAX(id), 0) FROM industrial_unit),
                (SELECT COALESCE(MAX(id), 0) FROM sentra),
                (SELECT COALESCE(MAX(id), 0) FROM membership)) + 10);
            """, cancellationToken);

    /// <summary>Removes every demo row, and the memberships that point at them, in one transaction.</summary>
    public static async Task<int> RemoveAsync(RegistryDbContext db, CancellationToken cancellationToken = default)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var removed = await db.Database.ExecuteSqlRawAsync("""
            DELETE FROM membership m USING industrial_unit u, sentra s
             WHERE m.unit_id = u.id AND m.sentra_id = s.id AND (m.is_demo OR u.is_demo OR s.is_demo);
            """, cancellationToken);
        removed += await db.Database.ExecuteSqlRawAsync("DELETE FROM sentra_category sc USING sentra s WHERE sc.sentra_id = s.id AND s.is_demo", cancellationToken);
        removed += await db.Database.ExecuteSqlRawAsync("DELETE FROM sentra WHERE is_demo", cancellationToken);
        removed += await db.Database.ExecuteSqlRawAsync("DELETE FROM industrial_unit WHERE is_demo", cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return removed;
    }

    private static string ShortCategoryName(string code) => code switch
    {
        "pangan" => "Pangan",
        "kerajinan" => "Kerajinan",
        "kayu" => "Olahan Kayu",
        "sandang" => "Sandang dan Batik",
        "logam" => "Logam dan Kimia",
        _ => "Terpadu",
    };

    private static (string Code, int Weight, string[] Products, string[] Kbli) PickCategory(Random random, int localBias)
    {
        // The local favourite gets double weight.
        var total = _categories.Sum(c => c.Weight) + _categories[localBias].Weight;
        var pick = random.Next(total);
        for (var i = 0; i < _categories.Length; i++)
        {
            pick -= _categories[i].Weight + (i == localBias ? _categories[i].Weight : 0);
            if (pick < 0)
            {
                return _categories[i];
            }
        }

        return _categories[^1];
    }

    /// <summary>Splits a total over weights so that the parts add up exactly.</summary>
    internal static int[] Apportion(int total, int[] weights)
    {
        var sum = weights.Sum();
        var parts = weights.Select(w => (int)((long)total * w / sum)).ToArray();
        var remainder = total - parts.Sum();
        for (var i = 0; remainder > 0; i = (i + 1) % parts.Length, remainder--)
        {
            parts[i]++;
        }

        return parts;
    }

    private static string BusinessName(Random random, string product, NamePool.Owner owner)
    {
        var prefix = _businessPrefixes[random.Next(_businessPrefixes.Length)];
        var suffix = _businessSuffixes[random.Next(_businessSuffixes.Length)];
        return random.Next(3) switch
        {
            0 => $"{prefix}{product} {owner.Calling}".Trim(),
            1 => $"{prefix}{product} {suffix}".Trim(),
            _ => $"{prefix}{owner.FirstName} {suffix}".Trim(),
        };
    }

    /// <summary>A valid-looking NIK: region 6271 + kecamatan, birth date (day + 40 for women), 4-digit serial.</summary>
    private static string Nik(Random random, string kecamatanDigits, bool female)
    {
        var birth = new DateOnly(1955, 1, 1).AddDays(random.Next(0, 365 * 50));
        var day = birth.Day + (female ? 40 : 0);
        return $"6271{kecamatanDigits}{day:00}{birth.Month:00}{birth.Year % 100:00}{random.Next(1, 9999):0000}";
    }

    // Unique by construction: the demo's NIB are 13 digits starting with 91 followed by the unit id.
    private static string Nib(int unitId) => $"91{unitId:00000000000}";

    private static DateOnly RandomRegistrationDate(Random random, DateOnly today)
    {
        // More registrations in recent years, as field data collection picks up.
        var daysBack = (int)(Math.Pow(random.NextDouble(), 1.6) * 365 * 11);
        return today.AddDays(-daysBack - 1);
    }

    private static decimal RandomInvestment(Random random)
    {
        // Log-uniform from Rp 2 million to about Rp 3 billion, rounded to Rp 100.000.
        var value = Math.Exp(Math.Log(2_000_000) + (random.NextDouble() * (Math.Log(3_000_000_000) - Math.Log(2_000_000))));
        return Math.Round((decimal)value / 100_000m) * 100_000m;
    }

    private static LegalForm RandomLegalForm(Random random) => random.Next(100) switch
    {
        < 70 => LegalForm.Perorangan,
        < 82 => LegalForm.UsahaDagang,
        < 90 => LegalForm.CV,
        < 94 => LegalForm.Koperasi,
        < 97 => LegalForm.PT,
        _ => LegalForm.Lainnya,
    };

    private static async Task WriteNullableAsync<T>(NpgsqlBinaryImporter importer, T? value, NpgsqlDbType type, CancellationToken cancellationToken)
    {
        if (value is null)
        {
            await importer.WriteNullAsync(cancellationToken);
        }
        else
        {
            await importer.WriteAsync(value, type, cancellationToken);
        }
    }

    private static async Task WriteNullableAsync<T>(NpgsqlBinaryImporter importer, T? value, NpgsqlDbType type, CancellationToken cancellationToken)
        where T : struct
    {
        if (value is null)
        {
            await importer.WriteNullAsync(cancellationToken);
        }
        else
        {
            await importer.WriteAsync(value.Value, type, cancellationToken);
        }
    }

    /// <summary>
    /// Rows of a field-data spreadsheet (the import template's columns) for new units made by the same generator as
    /// the demo: the import benchmark's input. NIBs start with 93 and the seed, so they never meet the demo's.
    /// </summary>
    public static IEnumerable<Dictionary<string, object?>> SampleRows(IReadOnlyList<(string Code, string Name)> kelurahan, IReadOnlyDictionary<string, string> categoryNames, int count, int seed, DateOnly today)
    {
        var random = new Random(seed);
        var names = NamePool.Create(seed);
        for (var i = 0; i < count; i++)
        {
            var area = kelurahan[random.Next(kelurahan.Count)];
            var category = PickCategory(random, random.Next(_categories.Length));
            var product = category.Products[random.Next(category.Products.Length)];
            var female = random.Next(100) < 55;
            var owner = names.Pick(random, female);
            var hasFigures = random.Next(100) < 85;
            var workers = random.Next(1, 15);
            var women = random.Next(0, workers + 1);
            var investment = hasFigures ? RandomInvestment(random) : (decimal?)null;
            var registered = RandomRegistrationDate(random, today);
            yield return new Dictionary<string, object?>
            {
                [UnitSheet.Nib] = random.Next(100) < 68 ? $"93{seed % 100:00}{i:000000000}" : null,
                [UnitSheet.BusinessName] = BusinessName(random, product, owner) + $" {i}",
                [UnitSheet.OwnerName] = owner.FullName,
                [UnitSheet.Nik] = Nik(random, area.Code.Substring(6, 2), female),
                [UnitSheet.KelurahanCode] = area.Code,
                [UnitSheet.Kelurahan] = area.Name,
                [UnitSheet.Category] = categoryNames[category.Code],
                [UnitSheet.MainProducts] = product,
                [UnitSheet.Kbli] = category.Kbli[random.Next(category.Kbli.Length)],
                [UnitSheet.KbliEdition] = "2020",
                [UnitSheet.Address] = $"{_streets[random.Next(_streets.Length)]} No. {random.Next(1, 250)}",
                [UnitSheet.Phone] = $"08{random.Next(11, 53)}{random.Next(1_000_000, 99_999_999)}",
                [UnitSheet.WorkersMale] = hasFigures ? workers - women : null,
                [UnitSheet.WorkersFemale] = hasFigures ? women : null,
                [UnitSheet.Investment] = investment,
                [UnitSheet.ProductionValue] = investment * random.Next(2, 6),
                [UnitSheet.YearStarted] = Math.Max(1990, registered.Year - random.Next(0, 15)),
                [UnitSheet.LegalForm] = LegalForms.Label(RandomLegalForm(random)),
                [UnitSheet.PublicConsent] = random.Next(100) < 60 ? "Ya" : "Tidak",
                // Not drawn from the generator, so every other demo value stays as it was.
                [UnitSheet.PublicContactConsent] = i % 3 == 0 ? "Ya" : "Tidak",
                [UnitSheet.RegisteredOn] = registered.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture),
                [UnitSheet.DataSource] = $"Pendataan {registered.Year}",
            };
        }
    }

    /// <summary>Indonesian names drawn once from Bogus's id_ID locale, then combined quickly for large data sets.</summary>
    private sealed class NamePool
    {
        public sealed record Owner(string FirstName, string FullName, string Calling);

        private string[] _male = [];
        private string[] _female = [];
        private string[] _last = [];

        public static NamePool Create(int seed)
        {
            var faker = new Bogus.Faker("id_ID") { Random = new Bogus.Randomizer(seed) };
            return new NamePool
            {
                _male = [.. Enumerable.Range(0, 400).Select(_ => faker.Name.FirstName(Bogus.DataSets.Name.Gender.Male)).Distinct()],
                _female = [.. Enumerable.Range(0, 400).Select(_ => faker.Name.FirstName(Bogus.DataSets.Name.Gender.Female)).Distinct()],
                _last = [.. Enumerable.Range(0, 400).Select(_ => faker.Name.LastName()).Distinct()],
            };
        }

        public Owner Pick(Random random, bool female)
        {
            var first = female ? _female[random.Next(_female.Length)] : _male[random.Next(_male.Length)];
            var last = _last[random.Next(_last.Length)];
            return new Owner(first, $"{first} {last}", $"{(female ? "Bu" : "Pak")} {first}");
        }
    }
}
