using System.Globalization;
using IkmRegistry.Web.Pages.Registry;

namespace IkmRegistry.Web.Import;

/// <summary>
/// Matches staged rows with the registry in set-based SQL (never one query per row): by ID Unit, then by NIB; finds
/// rows that change nothing, and possible duplicates (no NIB, a similar name in the same kelurahan). Run for the
/// preview and again inside the commit's transaction, so a registry that changed in between is seen.
/// </summary>
public sealed class ImportMatching(RegistryDbContext db, IStringLocalizer<SharedResource> l)
{
    /// <summary>Up to this many new rows without NIB are compared by trigram similarity; above it by identical name, which stays fast at any size.</summary>
    public const int TrigramLimit = 2_000;

    /// <summary>One column of the unit that a file can set, and how an update computes its new value.</summary>
    private sealed record UnitColumn(string Header, string Column, string Property, bool Required, string? Overwrite = null, string? Keep = null, string? AuditValue = null);

    /// <summary>
    /// Every staged field (<see cref="StagedField"/>), with the status and closing date that the file's Status column
    /// sets. Required: the unit's column cannot be empty, so Keep mode never fills it. A field's header decides
    /// whether a file sets it at all; the KBLI edition follows the KBLI column.
    /// </summary>
    private static readonly UnitColumn[] _columns =
    [
        .. StagedField.All.Select(f => f.Field == UnitFields.KbliEditionField
            ? new UnitColumn(UnitSheet.Kbli, f.Column, f.Field.Name, false, AuditValue: "'Kbli' || {0}")
            : f.Field == UnitFields.PublicConsentOn
            ? new UnitColumn(UnitSheet.PublicConsent, f.Column, f.Field.Name, false,
                Overwrite: "CASE WHEN COALESCE(r.public_consent, u.public_consent) THEN COALESCE(r.public_consent_on, u.public_consent_on, @today) END",
                Keep: "CASE WHEN u.public_consent THEN COALESCE(u.public_consent_on, r.public_consent_on) END")
            : f.Field == UnitFields.PublicContactConsentOn
            ? new UnitColumn(UnitSheet.PublicContactConsent, f.Column, f.Field.Name, false,
                Overwrite: "CASE WHEN COALESCE(r.public_contact_consent, u.public_contact_consent) THEN COALESCE(r.public_contact_consent_on, u.public_contact_consent_on, @today) END",
                Keep: "CASE WHEN u.public_contact_consent THEN COALESCE(u.public_contact_consent_on, r.public_contact_consent_on) END")
            : new UnitColumn(f.Field.Header!, f.Column, f.Field.Name, Required(f.Field),
                // The trail keeps the NIK masked as Masking.Nik does (ImportMatchingTests compares them).
                AuditValue: f.Field.Audit is null ? null : MaskSql)),
        new(UnitSheet.PublicConsent, "public_consent_withdrawn_on", nameof(IndustrialUnit.PublicConsentWithdrawnOn), false,
            Overwrite: "CASE WHEN COALESCE(r.public_consent, u.public_consent) THEN NULL WHEN u.public_consent THEN @today ELSE u.public_consent_withdrawn_on END",
            Keep: "u.public_consent_withdrawn_on"),
        new(UnitSheet.Status, "status", nameof(IndustrialUnit.Status), true),
        // A pendataan submission's source: the unit remembers the latest submission that wrote it.
        new(Submissions.Uuid, "submission_uuid", nameof(IndustrialUnit.SubmissionUuid), false, Keep: "COALESCE(u.submission_uuid, r.submission_uuid)"),
        new(Submissions.FormVersion, "form_version", nameof(IndustrialUnit.FormVersion), false),
        new(Submissions.Officer, "submitted_by", nameof(IndustrialUnit.SubmittedBy), false),
        new(Submissions.SubmittedAt, "submitted_at", nameof(IndustrialUnit.SubmittedAt), false),
        // Checked when the row was read (a new unit keeps that); an update is checked again after it is written (RecheckPositionsAsync).
        new(UnitFields.Latitude.Header!, "position_check", nameof(IndustrialUnit.PositionCheck), false, Overwrite: "u.position_check", Keep: "u.position_check"),
        new(UnitSheet.Status, "closed_on", nameof(IndustrialUnit.ClosedOn), false,
            Overwrite: "CASE WHEN COALESCE(r.status, u.status) = 'Aktif' THEN NULL ELSE COALESCE(r.closed_on, u.closed_on) END",
            Keep: "CASE WHEN u.status = 'Aktif' THEN u.closed_on ELSE COALESCE(u.closed_on, r.closed_on) END"),
    ];

    /// <summary><see cref="Masking.Nik"/> in SQL: all dots up to 8 characters, else the first and last 4 kept.</summary>
    public const string MaskSql = "CASE WHEN length({0}) <= 8 THEN repeat('•', length({0})) ELSE left({0}, 4) || repeat('•', length({0}) - 8) || right({0}, 4) END";

    /// <summary>A unit column that is never empty (value types and required text).</summary>
    private static bool Required(UnitField field) =>
        typeof(IndustrialUnit).GetProperty(field.Name)!.PropertyType is var type && type.IsValueType
            ? Nullable.GetUnderlyingType(type) is null
            : field.Required;

    /// <summary>The columns a batch sets, with the expression of each one's new value (r: the staged row, u: the unit).</summary>
    private static List<(UnitColumn Column, string Value)> Assignments(ImportBatch batch, ImportUpdateMode mode)
    {
        var present = batch.Columns.ToHashSet();
        if (present.Contains(UnitSheet.KelurahanCode))
        {
            present.Add(UnitSheet.Kelurahan);
        }

        var list = new List<(UnitColumn, string)>();
        foreach (var c in _columns.Where(c => present.Contains(c.Header)))
        {
            var value = mode == ImportUpdateMode.Overwrite
                ? c.Overwrite ?? $"COALESCE(r.{c.Column}, u.{c.Column})"
                : c.Keep ?? (c.Required ? null : $"COALESCE(u.{c.Column}, r.{c.Column})");
            if (value is not null)
            {
                list.Add((c, value));
            }
        }

        return list;
    }

    /// <summary>Two addresses are the same when they agree in letters and digits, ignoring case, spaces and punctuation.</summary>
    private static string SameAddress(string a, string b) =>
        $"{a} IS NOT NULL AND {b} IS NOT NULL AND lower(regexp_replace({a}, '[^[:alnum:]]', '', 'g')) = lower(regexp_replace({b}, '[^[:alnum:]]', '', 'g'))";

    private static string AnyChange(List<(UnitColumn Column, string Value)> assignments) =>
        assignments.Count == 0 ? "false" : string.Join(" OR ", assignments.Select(a => $"u.{a.Column.Column} IS DISTINCT FROM ({a.Value})"));

    private static string Audit(UnitColumn column, string expression) =>
        column.AuditValue is null ? $"to_jsonb({expression})" : $"to_jsonb({string.Format(CultureInfo.InvariantCulture, column.AuditValue, "(" + expression + ")")})";

    /// <summary>Sets each row's kind and match, and the batch's preview counts. Runs in the caller's transaction, if any.</summary>
    public async Task MatchAsync(ImportBatch batch, ImportUpdateMode mode, DateOnly today, CancellationToken ct)
    {
        var b = batch.Id;
        await db.Database.ExecuteSqlRawAsync("SET LOCAL pg_trgm.similarity_threshold = 0.55", ct);
        // Rows already in that state are left alone: a freshly read batch is all 'New' (and a new row still is at the
        // commit), and rewriting 100,000 wide rows for nothing cost about a second of every read and every commit.
        await Sql("""
            UPDATE import_row SET kind = 'New', unit_id = NULL, similar_unit_id = NULL, similar_row = NULL
             WHERE batch_id = @b AND kind <> 'Error'
               AND (kind <> 'New' OR unit_id IS NOT NULL OR similar_unit_id IS NOT NULL OR similar_row IS NOT NULL)
            """, b, today, ct);

        await FlagAsync(b, UnitSheet.Id, "r.given_id::text",
            "r.given_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM industrial_unit u WHERE u.id = r.given_id)",
            l["ID Unit ini tidak ada di registri. Kosongkan ID Unit untuk menambah unit baru."], ct);
        await Sql("UPDATE import_row SET unit_id = given_id WHERE batch_id = @b AND kind <> 'Error' AND given_id IS NOT NULL", b, today, ct);
        // A pendataan submission already imported is its unit (the same export twice, overlapping exports).
        await Sql("""
            UPDATE import_row r SET unit_id = u.id FROM industrial_unit u
             WHERE r.batch_id = @b AND r.kind <> 'Error' AND r.unit_id IS NULL AND r.submission_uuid IS NOT NULL AND u.submission_uuid = r.submission_uuid
            """, b, today, ct);
        await FlagAsync(b, UnitSheet.Nib, "r.nib",
            // A unit that already has the NIB keeps it even when other sites of the business share it.
            """
            r.given_id IS NOT NULL AND r.nib IS NOT NULL AND EXISTS (SELECT 1 FROM industrial_unit u WHERE u.nib = r.nib AND u.id <> r.given_id)
                AND NOT EXISTS (SELECT 1 FROM industrial_unit g WHERE g.id = r.given_id AND g.nib = r.nib)
            """,
            l["NIB ini sudah terdaftar untuk unit lain, bukan untuk ID Unit di baris ini. Periksa NIB atau ID Unit."], ct);
        // By NIB. One NIB is one business, which may have several sites (units) at different addresses (DOMAIN.md),
        // so a NIB never picks one of several units at random: first the unit with the NIB at the row's address; then
        // the only unit with the NIB (the first row of the file for it); a further row of a business whose site this
        // file matched, at another address, is a new site; any other row whose NIB several units share is for staff.
        await Sql($"""
            UPDATE import_row r SET unit_id = m.id FROM (
                SELECT n.row_number, min(u.id) AS id, count(*) AS units
                  FROM import_row n JOIN industrial_unit u ON u.nib = n.nib AND {SameAddress("u.address", "n.address")}
                 WHERE n.batch_id = @b AND n.kind <> 'Error' AND n.unit_id IS NULL AND n.nib IS NOT NULL
                 GROUP BY n.row_number) AS m
             WHERE r.batch_id = @b AND r.row_number = m.row_number AND m.units = 1
            """, b, today, ct);
        await Sql("""
            UPDATE import_row r SET unit_id = m.id FROM (
                SELECT DISTINCT ON (n.nib) n.row_number, u.id
                  FROM import_row n
                  JOIN (SELECT nib, min(id) AS id FROM industrial_unit WHERE nib IS NOT NULL GROUP BY nib HAVING count(*) = 1) AS u ON u.nib = n.nib
                 WHERE n.batch_id = @b AND n.kind <> 'Error' AND n.unit_id IS NULL
                   AND u.id NOT IN (SELECT unit_id FROM import_row WHERE batch_id = @b AND unit_id IS NOT NULL)
                 ORDER BY n.nib, n.row_number) AS m
             WHERE r.batch_id = @b AND r.row_number = m.row_number
            """, b, today, ct);
        await FlagAsync(b, UnitSheet.Nib, "r.nib",
            """
            r.unit_id IS NULL AND r.nib IS NOT NULL AND EXISTS (SELECT 1 FROM industrial_unit u WHERE u.nib = r.nib)
                AND r.nib NOT IN (SELECT nib FROM import_row WHERE batch_id = @b AND unit_id IS NOT NULL AND nib IS NOT NULL)
            """,
            l["Beberapa unit di registri memakai NIB ini, dan alamat baris ini tidak sama dengan alamat satu pun. Isi ID Unit dari ekspor untuk memperbarui salah satunya, atau samakan alamatnya."], ct);
        await FlagAsync(b, UnitSheet.Id, "r.unit_id::text",
            // A window, not a correlated subquery: staging has no index on unit_id, and a 100,000-row file would be quadratic.
            """
            r.row_number IN (SELECT x.row_number FROM (
                SELECT row_number, row_number() OVER (PARTITION BY unit_id ORDER BY row_number) AS nth
                  FROM import_row WHERE batch_id = @b AND kind <> 'Error' AND unit_id IS NOT NULL) AS x WHERE x.nth > 1)
            """,
            l["Baris ini dan baris sebelumnya menunjuk unit yang sama (lewat ID Unit atau NIB). Gabungkan keduanya menjadi satu baris."], ct);
        await Sql("UPDATE import_row SET kind = 'Update' WHERE batch_id = @b AND kind <> 'Error' AND unit_id IS NOT NULL", b, today, ct);

        var assignments = Assignments(batch, mode);
        await Sql($"""
            UPDATE import_row r SET kind = 'Unchanged' FROM industrial_unit u
             WHERE r.batch_id = @b AND r.kind = 'Update' AND u.id = r.unit_id AND NOT ({AnyChange(assignments)})
            """, b, today, ct);

        // Possible duplicates: a new row without NIB whose name is already registered (or earlier in the file) in its kelurahan.
        await Sql("""
            UPDATE import_row r SET similar_row = d.first FROM (
                SELECT row_number, min(row_number) OVER (PARTITION BY kelurahan_id, lower(business_name)) AS first
                  FROM import_row WHERE batch_id = @b AND kind = 'New' AND nib IS NULL) AS d
             WHERE r.batch_id = @b AND r.row_number = d.row_number AND d.first < d.row_number
            """, b, today, ct);
        var candidates = await db.Database.SqlQueryRaw<int>(
            "SELECT count(*)::int AS \"Value\" FROM import_row WHERE batch_id = {0} AND kind = 'New' AND nib IS NULL", b).SingleAsync(ct);
        await Sql(candidates <= TrigramLimit
            ? """
              UPDATE import_row r SET similar_unit_id = (
                  SELECT u.id FROM industrial_unit u
                   WHERE u.kelurahan_id = r.kelurahan_id AND u.business_name % r.business_name
                   ORDER BY similarity(u.business_name, r.business_name) DESC, u.id LIMIT 1)
               WHERE r.batch_id = @b AND r.kind = 'New' AND r.nib IS NULL
              """
            : """
              UPDATE import_row r SET similar_unit_id = m.id FROM (
                  SELECT n.row_number, min(u.id) AS id
                    FROM import_row n JOIN industrial_unit u ON u.kelurahan_id = n.kelurahan_id AND lower(u.business_name) = lower(n.business_name)
                   WHERE n.batch_id = @b AND n.kind = 'New' AND n.nib IS NULL
                   GROUP BY n.row_number) AS m
               WHERE r.batch_id = @b AND r.row_number = m.row_number
              """, b, today, ct);
        await Sql("UPDATE import_row SET kind = 'Duplicate' WHERE batch_id = @b AND kind = 'New' AND (similar_unit_id IS NOT NULL OR similar_row IS NOT NULL)", b, today, ct);

        var counts = await db.ImportRows.Where(r => r.BatchId == b).GroupBy(r => r.Kind)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        batch.NewCount = counts.GetValueOrDefault(ImportRowKind.New);
        batch.UpdateCount = counts.GetValueOrDefault(ImportRowKind.Update);
        batch.UnchangedCount = counts.GetValueOrDefault(ImportRowKind.Unchanged);
        batch.DuplicateCount = counts.GetValueOrDefault(ImportRowKind.Duplicate);
        batch.ErrorCount = counts.GetValueOrDefault(ImportRowKind.Error);
        batch.NewMembershipCount = await db.ImportRows
            .Where(r => r.BatchId == b && r.SentraId != null && (r.Kind == ImportRowKind.New || r.Kind == ImportRowKind.Update || r.Kind == ImportRowKind.Unchanged))
            .CountAsync(r => r.UnitId == null || !db.Memberships.Any(m => m.UnitId == r.UnitId && m.SentraId == r.SentraId && m.LeftOn == null), ct);
    }

    /// <summary>How the rows that can be saved will stand in the registry: complete, or needing verification and why.</summary>
    public sealed record Quality(int Complete, int Incomplete, int NikMissing, int ResponsiblePersonMissing, int NibMissing, int KbliCategoryMismatch, int PhoneDoubtful,
        int PositionOutsideKelurahan, int PositionOutsideCity)
    {
        public int Count(DataIssue issue) => issue switch
        {
            DataIssue.NikMissing => NikMissing,
            DataIssue.ResponsiblePersonMissing => ResponsiblePersonMissing,
            DataIssue.NibMissing => NibMissing,
            DataIssue.PhoneDoubtful => PhoneDoubtful,
            DataIssue.PositionOutsideKelurahan => PositionOutsideKelurahan,
            DataIssue.PositionOutsideCity => PositionOutsideCity,
            _ => KbliCategoryMismatch,
        };
    }

    /// <summary>
    /// Counts the staged rows without errors by the data status they will get: the rules of
    /// <see cref="DataQuality.Has"/> written over the staged row (with the registered unit's value where the file
    /// leaves a cell empty, as the commit does). A unit already verified stays verified and counts as complete.
    /// ImportQualityTests checks these counts against the registry's own after the commit.
    /// </summary>
    public async Task<Quality> QualityAsync(int batchId, CancellationToken ct) =>
        await db.Database.SqlQueryRaw<Quality>("""
            SELECT count(*) FILTER (WHERE verified OR NOT (no_nik OR no_person OR no_nib OR mismatch OR bad_phone OR off_kelurahan OR off_city))::int AS complete,
                   count(*) FILTER (WHERE NOT verified AND (no_nik OR no_person OR no_nib OR mismatch OR bad_phone OR off_kelurahan OR off_city))::int AS incomplete,
                   count(*) FILTER (WHERE NOT verified AND no_nik)::int AS nik_missing,
                   count(*) FILTER (WHERE NOT verified AND no_person)::int AS responsible_person_missing,
                   count(*) FILTER (WHERE NOT verified AND no_nib)::int AS nib_missing,
                   count(*) FILTER (WHERE NOT verified AND mismatch)::int AS kbli_category_mismatch,
                   count(*) FILTER (WHERE NOT verified AND bad_phone)::int AS phone_doubtful,
                   count(*) FILTER (WHERE NOT verified AND off_kelurahan)::int AS position_outside_kelurahan,
                   count(*) FILTER (WHERE NOT verified AND off_city)::int AS position_outside_city
              FROM (SELECT u.verified_at IS NOT NULL AS verified,
                           COALESCE(r.nik, u.nik) IS NULL AND COALESCE(r.legal_form, u.legal_form, 'Perorangan') IN ('Perorangan', 'UsahaDagang') AS no_nik,
                           COALESCE(r.responsible_person_name, u.responsible_person_name) IS NULL
                               AND COALESCE(r.legal_form, u.legal_form, 'Perorangan') NOT IN ('Perorangan', 'UsahaDagang') AS no_person,
                           COALESCE(r.nib, u.nib) IS NULL AS no_nib,
                           COALESCE(r.kbli_code, u.kbli_code) IS NOT NULL AND COALESCE(r.kbli_edition, u.kbli_edition) = 2020
                               AND kbli_category(COALESCE(r.kbli_code, u.kbli_code)) IS DISTINCT FROM COALESCE(r.category_id, u.category_id) AS mismatch,
                           COALESCE(COALESCE(r.phone, u.phone) NOT LIKE '+62%', false) AS bad_phone,
                           COALESCE(COALESCE(r.position_check, u.position_check) = 'LuarKelurahan', false) AS off_kelurahan,
                           COALESCE(COALESCE(r.position_check, u.position_check) = 'LuarKota', false) AS off_city
                      FROM import_row r LEFT JOIN industrial_unit u ON u.id = r.unit_id
                     WHERE r.batch_id = {0} AND r.kind <> 'Error') AS q
            """, batchId).SingleAsync(ct);

    /// <summary>
    /// Writes the confirmed rows: new units, updates and sentra memberships, each with its audit entry, in the
    /// caller's transaction. Keys come from the shared HiLo sequence in whole blocks, as EF takes them.
    /// </summary>
    public async Task WriteAsync(ImportBatch batch, ImportUpdateMode mode, bool includeDuplicates, DateOnly today, DateTime now, string? userId, string? userName, CancellationToken ct)
    {
        var b = batch.Id;
        var newKinds = includeDuplicates ? "('New', 'Duplicate')" : "('New')";
        // Four keys per row: the unit, its audit entry, a membership and its audit entry.
        await Sql($"""
            CREATE TEMP TABLE import_keys ON COMMIT DROP AS
            WITH wanted AS (
                SELECT r.row_number, s.slot, row_number() OVER (ORDER BY r.row_number, s.slot) - 1 AS n
                  FROM import_row r CROSS JOIN generate_series(0, 3) AS s(slot)
                 WHERE r.batch_id = @b AND r.kind IN ('New', 'Update', 'Unchanged', 'Duplicate')),
            blocks AS (
                SELECT nextval('"{RegistryDbContext.HiLoSequence}"') AS hi, g - 1 AS block
                  FROM generate_series(1, ((SELECT count(*) FROM wanted) + 9) / 10) AS g)
            SELECT w.row_number, w.slot, blocks.hi + w.n % 10 AS id
              FROM wanted w JOIN blocks ON blocks.block = w.n / 10
            """, b, today, ct);
        await Sql("CREATE INDEX ON import_keys (row_number, slot)", b, today, ct);
        // A new row's unit id is its key in slot 0, joined where it is needed: writing it into every staged row first
        // rewrote 100,000 wide rows (a second or more of the commit).
        const string newUnit = "JOIN import_keys nu ON nu.row_number = r.row_number AND nu.slot = 0";

        var user = new Npgsql.NpgsqlParameter("user_id", (object?)userId ?? DBNull.Value);
        var name = new Npgsql.NpgsqlParameter("user_name", (object?)userName ?? DBNull.Value);
        var at = new Npgsql.NpgsqlParameter("now", now);
        var created = _columns.Select(c => c.Column switch
        {
            "status" => "COALESCE(r.status, 'Aktif')",
            "public_consent" => "COALESCE(r.public_consent, false)",
            "public_consent_on" => "CASE WHEN r.public_consent THEN COALESCE(r.public_consent_on, @today) END",
            "registered_on" => "COALESCE(r.registered_on, @today)",
            "public_consent_withdrawn_on" => "NULL::date",
            "public_contact_consent" => "COALESCE(r.public_contact_consent, false)",
            "public_contact_consent_on" => "CASE WHEN r.public_contact_consent THEN COALESCE(r.public_contact_consent_on, @today) END",
            _ => "r." + c.Column,
        }).ToList();
        batch.InsertedCount = await Sql($"""
            INSERT INTO industrial_unit (id, {string.Join(", ", _columns.Select(c => c.Column))}, is_demo, created_at, updated_at)
            SELECT nu.id, {string.Join(", ", created)}, false, @now, @now
              FROM import_row r {newUnit} WHERE r.batch_id = @b AND r.kind IN {newKinds}
            """, b, today, ct, at);
        // A new unit's entry lists its values flat ({"BusinessName": "..."}), which the history reads as "created with":
        // one C-level jsonb_build_object per row instead of an aggregate over 27 pairs, a third of the commit's time.
        var createdJson = string.Join(", ", _columns.Select((c, i) => $"'{c.Property}', {Audit(c, created[i])}"));
        await Sql($"""
            INSERT INTO audit_entry (id, occurred_at, user_id, user_name, action, entity_type, entity_id, changes)
            SELECT k.id, @now, @user_id, @user_name, 'Create', 'IndustrialUnit', nu.id::text,
                   jsonb_strip_nulls(jsonb_build_object({createdJson}, 'IsDemo', false))
              FROM import_row r {newUnit} JOIN import_keys k ON k.row_number = r.row_number AND k.slot = 1
             WHERE r.batch_id = @b AND r.kind IN {newKinds}
            """, b, today, ct, at, user, name);

        var assignments = Assignments(batch, mode);
        if (assignments.Count > 0)
        {
            // A change clears the verification, as an edit in the form does (DataQuality: the unit needs checking again).
            var changes = string.Join(", ", assignments.Select(a => $"('{a.Column.Property}', {Audit(a.Column, "u." + a.Column.Column)}, {Audit(a.Column, a.Value)})"))
                + ", ('VerifiedAt', to_jsonb(u.verified_at), NULL::jsonb), ('VerifiedBy', to_jsonb(u.verified_by), NULL::jsonb)";
            await Sql($"""
                INSERT INTO audit_entry (id, occurred_at, user_id, user_name, action, entity_type, entity_id, changes)
                SELECT k.id, @now, @user_id, @user_name,
                       CASE WHEN (SELECT bool_and(key IN ('Status', 'ClosedOn', 'VerifiedAt', 'VerifiedBy')) FROM jsonb_object_keys(c.changes) AS key)
                            THEN 'StatusChange' ELSE 'Update' END,
                       'IndustrialUnit', u.id::text, c.changes
                  FROM import_row r
                  JOIN industrial_unit u ON u.id = r.unit_id
                  JOIN import_keys k ON k.row_number = r.row_number AND k.slot = 1
                  CROSS JOIN LATERAL (
                      SELECT jsonb_object_agg(v.k, jsonb_build_object('Old', v.o, 'New', v.n)) AS changes
                        FROM (VALUES {changes}) AS v(k, o, n) WHERE v.o IS DISTINCT FROM v.n) AS c
                 WHERE r.batch_id = @b AND r.kind = 'Update' AND c.changes IS NOT NULL
                """, b, today, ct, at, user, name);
            batch.UpdatedCount = await Sql($"""
                UPDATE industrial_unit u SET {string.Join(", ", assignments.Select(a => $"{a.Column.Column} = {a.Value}"))}, verified_at = NULL, verified_by = NULL, updated_at = @now
                  FROM import_row r
                 WHERE r.batch_id = @b AND r.kind = 'Update' AND u.id = r.unit_id AND ({AnyChange(assignments)})
                """, b, today, ct, at);
        }

        // The unit of a row: the registered one it updates, or the new one (slot 0).
        var memberRows = $"""
            FROM import_row r JOIN import_keys k ON k.row_number = r.row_number AND k.slot = 2
            JOIN import_keys ka ON ka.row_number = r.row_number AND ka.slot = 3
            LEFT JOIN import_keys nu ON nu.row_number = r.row_number AND nu.slot = 0 AND r.kind IN {newKinds}
            CROSS JOIN LATERAL (SELECT CASE WHEN r.kind IN {newKinds} THEN nu.id ELSE r.unit_id END AS id) AS unit
            WHERE r.batch_id = @b AND r.sentra_id IS NOT NULL AND unit.id IS NOT NULL
              AND r.kind IN ('Update', 'Unchanged', {newKinds[1..^1]})
              AND NOT EXISTS (SELECT 1 FROM membership m WHERE m.unit_id = unit.id AND m.sentra_id = r.sentra_id AND m.left_on IS NULL)
            """;
        await Sql($"""
            INSERT INTO audit_entry (id, occurred_at, user_id, user_name, action, entity_type, entity_id, changes)
            SELECT ka.id, @now, @user_id, @user_name, 'Create', 'Membership', k.id::text,
                   jsonb_build_object('SentraId', jsonb_build_object('Old', NULL, 'New', r.sentra_id),
                                      'UnitId', jsonb_build_object('Old', NULL, 'New', unit.id),
                                      'JoinedOn', jsonb_build_object('Old', NULL, 'New', @today),
                                      'Role', jsonb_build_object('Old', NULL, 'New', 'Anggota'),
                                      'IsDemo', jsonb_build_object('Old', NULL, 'New', false))
            {memberRows}
            """, b, today, ct, at, user, name);
        batch.MembershipCount = await Sql($"""
            INSERT INTO membership (id, sentra_id, unit_id, joined_on, role, is_demo)
            SELECT k.id, r.sentra_id, unit.id, @today, 'Anggota', false
            {memberRows}
            """, b, today, ct);
        await RecheckPositionsAsync(b, ct);
    }

    /// <summary>
    /// An updated unit's position check follows its kelurahan and position as they are now (either may come from the
    /// file or from the registry): the boundaries are checked in C# (<see cref="UnitPosition.Check"/>), as the form's save does.
    /// </summary>
    private async Task RecheckPositionsAsync(int batchId, CancellationToken ct)
    {
        var units = await db.Database.SqlQueryRaw<PositionRow>("""
            SELECT u.id AS "Id", k.code AS "Code", u.latitude AS "Latitude", u.longitude AS "Longitude", u.position_check AS "Check"
              FROM import_row r JOIN industrial_unit u ON u.id = r.unit_id JOIN kelurahan k ON k.id = u.kelurahan_id
             WHERE r.batch_id = {0} AND r.kind = 'Update' AND (u.latitude IS NOT NULL OR u.position_check IS NOT NULL)
            """, batchId).ToListAsync(ct);
        var changed = units.Select(u => (u.Id, Check: UnitPosition.Check(u.Code, u.Latitude, u.Longitude)?.ToString()))
            .Where((c, i) => c.Check != units[i].Check).ToList();
        if (changed.Count > 0)
        {
            await db.Database.ExecuteSqlRawAsync("""
                UPDATE industrial_unit u SET position_check = c.verdict FROM unnest({0}::int[], {1}::text[]) AS c(id, verdict) WHERE u.id = c.id
                """, [changed.Select(c => c.Id).ToArray(), changed.Select(c => c.Check).ToArray()], ct);
        }
    }

    private sealed record PositionRow(int Id, string Code, double? Latitude, double? Longitude, string? Check);

    // The SQL text is built only from constants in this class; values travel as parameters.
#pragma warning disable EF1002
    private async Task FlagAsync(int batchId, string column, string value, string condition, string message, CancellationToken ct)
    {
        await db.Database.ExecuteSqlRawAsync($"""
            WITH bad AS (
                UPDATE import_row r SET kind = 'Error'
                 WHERE r.batch_id = @b AND r.kind <> 'Error' AND {condition}
                RETURNING r.row_number, {value} AS value)
            INSERT INTO import_issue (batch_id, seq, row_number, kind, "column", value, message)
            SELECT @b, (SELECT COALESCE(max(seq), 0) FROM import_issue WHERE batch_id = @b) + row_number() OVER (ORDER BY bad.row_number),
                   bad.row_number, 'Error', @column, bad.value, @message
              FROM bad
            """,
            [new Npgsql.NpgsqlParameter("b", batchId), new Npgsql.NpgsqlParameter("column", column), new Npgsql.NpgsqlParameter("message", message)], ct);
    }

    private Task<int> Sql(string sql, int batchId, DateOnly today, CancellationToken ct, params Npgsql.NpgsqlParameter[] extra)
    {
        var parameters = new List<object> { new Npgsql.NpgsqlParameter("b", batchId) };
        if (sql.Contains("@today", StringComparison.Ordinal))
        {
            parameters.Add(new Npgsql.NpgsqlParameter("today", today));
        }

        parameters.AddRange(extra.Where(p => sql.Contains("@" + p.ParameterName, StringComparison.Ordinal)));
        return db.Database.ExecuteSqlRawAsync(sql, parameters, ct);
    }
#pragma warning restore EF1002
}
