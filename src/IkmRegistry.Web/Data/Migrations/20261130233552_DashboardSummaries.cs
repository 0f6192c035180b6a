using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IkmRegistry.Web.Data.Migrations
{
    /// <summary>
    /// The dashboard's figures kept in summary tables that PostgreSQL changes in the same transaction as every write
    /// to industrial_unit, membership and product_category (EF, raw SQL, COPY, TRUNCATE alike), so that a dashboard
    /// request reads a few hundred summary rows instead of aggregating every unit (Data/Queries/CoverageQuery.cs,
    /// docs/dashboards.md "Figures"). All of it is raw SQL, in the order below:
    ///   1. ikm_name_key and an index on it: two business names are the same after lower-casing and dropping all but letters and digits
    ///   2. the summary tables
    ///   3. one grouped delta per statement (statement triggers with transition tables, so a 100,000-row COPY costs one GROUP BY)
    ///   4. summaries_rebuild(), summaries_check(repair) (scripts/summaries.sh), summaries_defer() for bulk loaders
    ///   5. the triggers
    /// Writers are serialised by the registry_version row that every writing statement updates first (its triggers are
    /// named *_bumps_registry_version and fire before the *_summaries_* ones, in name order): so the duplicate groups,
    /// recounted per statement for the names and NIKs a statement touched, always see every committed write, and two
    /// writers never take summary rows in opposite orders.
    /// </summary>
    public partial class DashboardSummaries : Migration
    {
        // RAW SQL 3 (template): the delta of the rows /*rows*/ (columns sign, in_sentra, then every column of
        // industrial_unit) applied to the three counting tables. The classification repeats the rules written once as
        // expressions in Domain/ (IndustryScale.OfUnit, BusinessSize.OfUnit, DataQuality.Has); SummaryConsistencyTests
        // compares every figure with those expressions evaluated by EF over the units.
        private const string CountsDelta = """
            WITH r AS (
                SELECT r.sign, r.in_sentra, r.kelurahan_id, r.category_id, r.status, coalesce(r.owner_sex, '') AS owner_sex,
                       date_part('year', r.registered_on)::int AS registered_year,
                       coalesce(substr(r.kbli_code, 1, 2), '') AS kbli_division,
                       CASE WHEN length(r.kbli_code) >= 3 THEN substr(r.kbli_code, 1, 3) ELSE '' END AS kbli_group,
                       coalesce(r.workers_male, 0) AS workers_male, coalesce(r.workers_female, 0) AS workers_female,
                       coalesce(r.workers_unsplit, 0) AS workers_unsplit,
                       CASE WHEN (r.workers_male IS NULL AND r.workers_female IS NULL AND r.workers_unsplit IS NULL) OR r.investment_value IS NULL THEN 'TidakDiketahui'
                            WHEN coalesce(r.workers_male, 0) + coalesce(r.workers_female, 0) + coalesce(r.workers_unsplit, 0) <= 19
                                 THEN CASE WHEN r.investment_value < 1000000000 THEN 'Kecil' ELSE 'Menengah' END
                            ELSE CASE WHEN r.investment_value <= 15000000000 THEN 'Menengah' ELSE 'Besar' END END AS industry_scale,
                       CASE WHEN r.investment_value IS NOT NULL THEN
                                 CASE WHEN r.investment_value <= 1000000000 THEN 'Mikro' WHEN r.investment_value <= 5000000000 THEN 'Kecil'
                                      WHEN r.investment_value <= 10000000000 THEN 'Menengah' ELSE 'Besar' END
                            WHEN r.annual_sales IS NOT NULL THEN
                                 CASE WHEN r.annual_sales <= 2000000000 THEN 'Mikro' WHEN r.annual_sales <= 15000000000 THEN 'Kecil'
                                      WHEN r.annual_sales <= 50000000000 THEN 'Menengah' ELSE 'Besar' END
                            ELSE 'TidakDiketahui' END AS business_size,
                       r.verified_at IS NOT NULL AS verified,
                       (r.nib IS NULL OR r.nib = '')::int AS without_nib,
                       (r.kbli_code IS NULL OR r.kbli_code = '')::int AS without_kbli,
                       (r.workers_male IS NULL AND r.workers_female IS NULL AND r.workers_unsplit IS NULL)::int AS without_workers,
                       (r.investment_value IS NULL)::int AS without_investment,
                       (r.nik IS NULL AND (r.legal_form IS NULL OR r.legal_form IN ('Perorangan', 'UsahaDagang')))::int AS nik_missing,
                       (r.responsible_person_name IS NULL AND r.legal_form IS NOT NULL AND r.legal_form NOT IN ('Perorangan', 'UsahaDagang'))::int AS responsible_person_missing,
                       (r.nib IS NULL)::int AS nib_missing,
                       coalesce(r.kbli_code IS NOT NULL AND r.kbli_edition = 2020 AND mapping.category IS DISTINCT FROM r.category_id, false)::int AS kbli_category_mismatch,
                       (r.phone IS NOT NULL AND r.phone NOT LIKE '+62%')::int AS phone_doubtful,
                       coalesce(r.position_check = 'LuarKelurahan', false)::int AS position_outside_kelurahan,
                       coalesce(r.position_check = 'LuarKota', false)::int AS position_outside_city
                  FROM (/*rows*/) r
                  -- kbli_category once per distinct code, not once per row (a million calls take about a minute).
                  LEFT JOIN (SELECT c.code, kbli_category(c.code) AS category
                               FROM (SELECT DISTINCT x.kbli_code AS code FROM (/*rows*/) x WHERE x.kbli_code IS NOT NULL AND x.kbli_edition = 2020) c) mapping
                    ON mapping.code = r.kbli_code AND r.kbli_edition = 2020),
            d AS (
                SELECT r.*,
                       CASE WHEN r.verified THEN 'Terverifikasi'
                            WHEN r.nik_missing + r.responsible_person_missing + r.nib_missing + r.kbli_category_mismatch + r.phone_doubtful
                                 + r.position_outside_kelurahan + r.position_outside_city > 0 THEN 'PerluVerifikasi'
                            ELSE 'Lengkap' END AS data_status
                  FROM r),
            figures AS (
                INSERT INTO unit_figures AS t (kelurahan_id, category_id, status, industry_scale, business_size, data_status, owner_sex,
                       units, workers_male, workers_female, workers_unsplit, without_nib, without_kbli, without_workers, without_investment,
                       nik_missing, responsible_person_missing, nib_missing, kbli_category_mismatch, phone_doubtful,
                       position_outside_kelurahan, position_outside_city)
                SELECT kelurahan_id, category_id, status, industry_scale, business_size, data_status, owner_sex,
                       sum(sign), sum(sign * workers_male), sum(sign * workers_female), sum(sign * workers_unsplit),
                       sum(sign * without_nib), sum(sign * without_kbli), sum(sign * without_workers), sum(sign * without_investment),
                       sum(sign * nik_missing), sum(sign * responsible_person_missing), sum(sign * nib_missing), sum(sign * kbli_category_mismatch),
                       sum(sign * phone_doubtful), sum(sign * position_outside_kelurahan), sum(sign * position_outside_city)
                  FROM d
                 GROUP BY kelurahan_id, category_id, status, industry_scale, business_size, data_status, owner_sex
                HAVING sum(sign) <> 0 OR sum(sign * workers_male) <> 0 OR sum(sign * workers_female) <> 0 OR sum(sign * workers_unsplit) <> 0
                       OR sum(sign * without_nib) <> 0 OR sum(sign * without_kbli) <> 0 OR sum(sign * without_workers) <> 0
                       OR sum(sign * without_investment) <> 0 OR sum(sign * nik_missing) <> 0 OR sum(sign * responsible_person_missing) <> 0
                       OR sum(sign * nib_missing) <> 0 OR sum(sign * kbli_category_mismatch) <> 0 OR sum(sign * phone_doubtful) <> 0
                       OR sum(sign * position_outside_kelurahan) <> 0 OR sum(sign * position_outside_city) <> 0
                 ORDER BY 1, 2, 3, 4, 5, 6, 7
                ON CONFLICT (kelurahan_id, category_id, status, industry_scale, business_size, data_status, owner_sex) DO UPDATE SET
                       units = t.units + excluded.units, workers_male = t.workers_male + excluded.workers_male,
                       workers_female = t.workers_female + excluded.workers_female, workers_unsplit = t.workers_unsplit + excluded.workers_unsplit,
                       without_nib = t.without_nib + excluded.without_nib, without_kbli = t.without_kbli + excluded.without_kbli,
                       without_workers = t.without_workers + excluded.without_workers, without_investment = t.without_investment + excluded.without_investment,
                       nik_missing = t.nik_missing + excluded.nik_missing, responsible_person_missing = t.responsible_person_missing + excluded.responsible_person_missing,
                       nib_missing = t.nib_missing + excluded.nib_missing, kbli_category_mismatch = t.kbli_category_mismatch + excluded.kbli_category_mismatch,
                       phone_doubtful = t.phone_doubtful + excluded.phone_doubtful,
                       position_outside_kelurahan = t.position_outside_kelurahan + excluded.position_outside_kelurahan,
                       position_outside_city = t.position_outside_city + excluded.position_outside_city
                RETURNING 1),
            kbli AS (
                INSERT INTO unit_kbli_figures AS t (kelurahan_id, category_id, status, in_sentra, kbli_division, kbli_group, units)
                SELECT kelurahan_id, category_id, status, in_sentra, kbli_division, kbli_group, sum(sign)
                  FROM d
                 GROUP BY kelurahan_id, category_id, status, in_sentra, kbli_division, kbli_group
                HAVING sum(sign) <> 0
                 ORDER BY 1, 2, 3, 4, 5, 6
                ON CONFLICT (kelurahan_id, category_id, status, in_sentra, kbli_division, kbli_group) DO UPDATE SET units = t.units + excluded.units
                RETURNING 1)
            INSERT INTO unit_year_figures AS t (kelurahan_id, registered_year, units)
            SELECT kelurahan_id, registered_year, sum(sign)
              FROM d
             GROUP BY kelurahan_id, registered_year
            HAVING sum(sign) <> 0
             ORDER BY 1, 2
            ON CONFLICT (kelurahan_id, registered_year) DO UPDATE SET units = t.units + excluded.units;
            """;

        // RAW SQL 3 (template): the possible duplicates, recounted for the names (kelurahan, name key) and the NIKs of
        // the units in /*touched*/ (columns id, kelurahan_id, business_name, nik, status: the rows before and after).
        // Through the indexes ix_industrial_unit_name_key and ix_industrial_unit_nik; the NIK itself is not copied: a
        // group is named by the smallest id among its units.
        private const string DuplicatesRecount = """
            DELETE FROM unit_duplicate_name d
             USING (SELECT DISTINCT t.kelurahan_id, ikm_name_key(t.business_name) AS name_key FROM (/*touched*/) t WHERE t.status = 'Aktif') k
             WHERE d.kelurahan_id = k.kelurahan_id AND d.name_key = k.name_key;
            INSERT INTO unit_duplicate_name (kelurahan_id, name_key, business_name, units)
            SELECT u.kelurahan_id, ikm_name_key(u.business_name), min(u.business_name), count(*)::int
              FROM industrial_unit u
              JOIN (SELECT DISTINCT t.kelurahan_id, ikm_name_key(t.business_name) AS name_key FROM (/*touched*/) t WHERE t.status = 'Aktif') k
                ON u.kelurahan_id = k.kelurahan_id AND ikm_name_key(u.business_name) = k.name_key
             WHERE u.status = 'Aktif'
             GROUP BY 1, 2 HAVING count(*) > 1
             ORDER BY 1, 2;

            DELETE FROM unit_duplicate_nik d
             WHERE d.unit_id IN (SELECT t.id FROM (/*touched*/) t)
                OR d.unit_id IN (SELECT u.id FROM industrial_unit u WHERE u.nik IN (SELECT t.nik FROM (/*touched*/) t WHERE t.status = 'Aktif' AND t.nik <> ''));
            INSERT INTO unit_duplicate_nik (unit_id, group_id, kelurahan_id, name_key, business_name)
            SELECT u.id, min(u.id) OVER (PARTITION BY u.nik), u.kelurahan_id, ikm_name_key(u.business_name), u.business_name
              FROM industrial_unit u
             WHERE u.status = 'Aktif' AND u.nik IN (
                   SELECT x.nik FROM industrial_unit x
                    WHERE x.status = 'Aktif' AND x.nik IN (SELECT t.nik FROM (/*touched*/) t WHERE t.status = 'Aktif' AND t.nik <> '')
                    GROUP BY x.nik HAVING count(DISTINCT ikm_name_key(x.business_name)) > 1)
             ORDER BY 1;
            """;

        // RAW SQL 3 (template): the units whose membership of a sentra changed with the membership rows /*changes*/
        // (columns unit_id, left_on, sign): their count of active memberships went from 0 to more or back.
        private const string MembershipRows = """
            SELECT s.sign, s.in_sentra, u.* FROM (
                SELECT c.unit_id, x.sign, x.in_sentra FROM (
                    SELECT t.unit_id, sum(t.sign) AS change FROM (/*changes*/) t WHERE t.left_on IS NULL
                     GROUP BY t.unit_id HAVING sum(t.sign) <> 0) c
                 CROSS JOIN LATERAL (SELECT count(*) AS now FROM membership m WHERE m.unit_id = c.unit_id AND m.left_on IS NULL) a
                 CROSS JOIN LATERAL (VALUES (1, a.now > 0), (-1, a.now - c.change > 0)) AS x(sign, in_sentra)
                 WHERE (a.now > 0) <> (a.now - c.change > 0)) s
              JOIN industrial_unit u ON u.id = s.unit_id
            """;

        private static string Counts(string rows) => CountsDelta.Replace("/*rows*/", rows, StringComparison.Ordinal);

        private static string Duplicates(string touched) => DuplicatesRecount.Replace("/*touched*/", touched, StringComparison.Ordinal);

        private static string MembershipChange(string changes) => Counts(MembershipRows.Replace("/*changes*/", changes, StringComparison.Ordinal));

        private const string InSentra = "EXISTS (SELECT 1 FROM membership m WHERE m.unit_id = {0}.id AND m.left_on IS NULL)";

        private static string Rows(string table, int sign) =>
            $"SELECT {sign} AS sign, {string.Format(System.Globalization.CultureInfo.InvariantCulture, InSentra, table)} AS in_sentra, {table}.* FROM {table}";

        private const string Touched = "id, kelurahan_id, business_name, nik, status";

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // RAW SQL 1: the name key of the possible-duplicate sections, and an index for recounting one name.
            migrationBuilder.Sql("""
                CREATE FUNCTION ikm_name_key(name text) RETURNS text
                LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT regexp_replace(lower($1), '[^a-z0-9]', '', 'g') $$;
                CREATE INDEX ix_industrial_unit_name_key ON industrial_unit (kelurahan_id, ikm_name_key(business_name)) WHERE status = 'Aktif';
                """);

            // RAW SQL 2: the summary tables. Counting rows may fall to zero and stay (a delta never deletes); readers skip them.
            migrationBuilder.Sql("""
                CREATE TABLE unit_figures (
                    kelurahan_id int NOT NULL, category_id int NOT NULL, status varchar(10) NOT NULL,
                    industry_scale varchar(16) NOT NULL, business_size varchar(16) NOT NULL, data_status varchar(16) NOT NULL,
                    owner_sex varchar(10) NOT NULL,
                    units int NOT NULL, workers_male bigint NOT NULL, workers_female bigint NOT NULL, workers_unsplit bigint NOT NULL,
                    without_nib int NOT NULL, without_kbli int NOT NULL, without_workers int NOT NULL, without_investment int NOT NULL,
                    nik_missing int NOT NULL, responsible_person_missing int NOT NULL, nib_missing int NOT NULL, kbli_category_mismatch int NOT NULL,
                    phone_doubtful int NOT NULL, position_outside_kelurahan int NOT NULL, position_outside_city int NOT NULL,
                    PRIMARY KEY (kelurahan_id, category_id, status, industry_scale, business_size, data_status, owner_sex));
                COMMENT ON TABLE unit_figures IS 'Units by kelurahan, category, status, both size classes, data status and owner sex, with their workers and data-quality counts. Maintained by triggers (migration DashboardSummaries); scripts/summaries.sh checks and repairs.';

                CREATE TABLE unit_kbli_figures (
                    kelurahan_id int NOT NULL, category_id int NOT NULL, status varchar(10) NOT NULL, in_sentra boolean NOT NULL,
                    kbli_division varchar(2) NOT NULL, kbli_group varchar(3) NOT NULL, units int NOT NULL,
                    PRIMARY KEY (kelurahan_id, category_id, status, in_sentra, kbli_division, kbli_group));
                COMMENT ON TABLE unit_kbli_figures IS 'Units by kelurahan, category, status, membership of any sentra (an active membership) and KBLI division and group. Maintained by triggers (migration DashboardSummaries).';

                CREATE TABLE unit_year_figures (
                    kelurahan_id int NOT NULL, registered_year int NOT NULL, units int NOT NULL,
                    PRIMARY KEY (kelurahan_id, registered_year));
                COMMENT ON TABLE unit_year_figures IS 'Units of every status by kelurahan and year of registration. Maintained by triggers (migration DashboardSummaries).';

                CREATE TABLE unit_duplicate_name (
                    kelurahan_id int NOT NULL, name_key text NOT NULL, business_name varchar(200) NOT NULL, units int NOT NULL,
                    PRIMARY KEY (kelurahan_id, name_key));
                COMMENT ON TABLE unit_duplicate_name IS 'Possible duplicates: names (ikm_name_key) shared by more than one active unit of a kelurahan. Maintained by triggers (migration DashboardSummaries).';

                CREATE TABLE unit_duplicate_nik (
                    unit_id int PRIMARY KEY, group_id int NOT NULL, kelurahan_id int NOT NULL, name_key text NOT NULL, business_name varchar(200) NOT NULL);
                CREATE INDEX ix_unit_duplicate_nik_kelurahan ON unit_duplicate_nik (kelurahan_id);
                COMMENT ON TABLE unit_duplicate_nik IS 'Possible duplicates: active units whose NIK is shared by active units of more than one name; a group is named by its smallest unit id (the NIK is not copied). Maintained by triggers (migration DashboardSummaries).';
                """);

            // RAW SQL 3: the trigger functions, one grouped delta (or recount) per statement.
            migrationBuilder.Sql($"""
                CREATE FUNCTION summaries_unit_insert() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    {Counts(Rows("n", 1))}
                    {Duplicates($"SELECT {Touched} FROM n WHERE status = 'Aktif'")}
                    RETURN NULL;
                END
                $$;

                CREATE FUNCTION summaries_unit_delete() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    {Counts(Rows("o", -1))}
                    {Duplicates($"SELECT {Touched} FROM o WHERE status = 'Aktif'")}
                    RETURN NULL;
                END
                $$;

                CREATE FUNCTION summaries_unit_update() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    {Counts(Rows("n", 1) + " UNION ALL " + Rows("o", -1))}
                    {Duplicates($"""
                        SELECT x.* FROM n JOIN o ON o.id = n.id
                         CROSS JOIN LATERAL (VALUES (n.id, n.kelurahan_id, n.business_name, n.nik, n.status), (o.id, o.kelurahan_id, o.business_name, o.nik, o.status)) AS x({Touched})
                         WHERE (n.kelurahan_id, n.business_name, n.nik, n.status) IS DISTINCT FROM (o.kelurahan_id, o.business_name, o.nik, o.status)
                        UNION ALL SELECT {Touched} FROM n WHERE n.id NOT IN (SELECT id FROM o)
                        UNION ALL SELECT {Touched} FROM o WHERE o.id NOT IN (SELECT id FROM n)
                        """)}
                    RETURN NULL;
                END
                $$;

                CREATE FUNCTION summaries_unit_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    DELETE FROM unit_figures; DELETE FROM unit_kbli_figures; DELETE FROM unit_year_figures;
                    DELETE FROM unit_duplicate_name; DELETE FROM unit_duplicate_nik;
                    RETURN NULL;
                END
                $$;

                CREATE FUNCTION summaries_membership_insert() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    {MembershipChange("SELECT unit_id, left_on, 1 AS sign FROM n")}
                    RETURN NULL;
                END
                $$;

                CREATE FUNCTION summaries_membership_delete() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    {MembershipChange("SELECT unit_id, left_on, -1 AS sign FROM o")}
                    RETURN NULL;
                END
                $$;

                CREATE FUNCTION summaries_membership_update() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    {MembershipChange("SELECT unit_id, left_on, 1 AS sign FROM n UNION ALL SELECT unit_id, left_on, -1 FROM o")}
                    RETURN NULL;
                END
                $$;
                """);

            // RAW SQL 4: recount everything (after a change of the KBLI mapping, a TRUNCATE of memberships, a bulk load),
            // check, repair, and let a bulk loader defer the per-statement work to one recount at its end.
            migrationBuilder.Sql($"""
                CREATE FUNCTION summaries_rebuild() RETURNS void LANGUAGE plpgsql AS $$
                BEGIN
                    -- Writers wait at their first summary write; the recount below sees every write committed before it.
                    LOCK TABLE unit_figures, unit_kbli_figures, unit_year_figures, unit_duplicate_name, unit_duplicate_nik IN EXCLUSIVE MODE;
                    DELETE FROM unit_figures; DELETE FROM unit_kbli_figures; DELETE FROM unit_year_figures;
                    DELETE FROM unit_duplicate_name; DELETE FROM unit_duplicate_nik;
                    {Counts(Rows("industrial_unit", 1))}
                    INSERT INTO unit_duplicate_name (kelurahan_id, name_key, business_name, units)
                    SELECT kelurahan_id, ikm_name_key(business_name), min(business_name), count(*)::int FROM industrial_unit
                     WHERE status = 'Aktif' GROUP BY 1, 2 HAVING count(*) > 1;
                    INSERT INTO unit_duplicate_nik (unit_id, group_id, kelurahan_id, name_key, business_name)
                    SELECT u.id, min(u.id) OVER (PARTITION BY u.nik), u.kelurahan_id, ikm_name_key(u.business_name), u.business_name
                      FROM industrial_unit u
                     WHERE u.status = 'Aktif' AND u.nik IN (
                           SELECT nik FROM industrial_unit WHERE status = 'Aktif' AND nik <> ''
                            GROUP BY nik HAVING count(DISTINCT ikm_name_key(business_name)) > 1);
                END
                $$;

                -- The rows of every summary that differ from a recount of the base tables (missing: in the recount only;
                -- extra: in the summary only; rows counting zero are no rows). With repair the recount stays, else the
                -- summaries are put back as they were.
                CREATE FUNCTION summaries_check(repair boolean DEFAULT false) RETURNS TABLE (summary text, missing bigint, extra bigint)
                LANGUAGE plpgsql AS $$
                DECLARE
                    t text;
                BEGIN
                    -- The version row first, as every writer takes it: no deadlock with a writer, and caches see a repair.
                    UPDATE registry_version SET version = nextval('registry_version_seq') WHERE id = 1;
                    LOCK TABLE unit_figures, unit_kbli_figures, unit_year_figures, unit_duplicate_name, unit_duplicate_nik IN EXCLUSIVE MODE;
                    FOREACH t IN ARRAY ARRAY['unit_figures', 'unit_kbli_figures', 'unit_year_figures', 'unit_duplicate_name', 'unit_duplicate_nik'] LOOP
                        IF to_regclass('pg_temp.before_' || t) IS NOT NULL THEN
                            EXECUTE format('DROP TABLE %I', 'before_' || t);
                        END IF;
                        EXECUTE format('CREATE TEMP TABLE %I ON COMMIT DROP AS SELECT * FROM %I', 'before_' || t, t);
                    END LOOP;
                    PERFORM summaries_rebuild();
                    FOREACH t IN ARRAY ARRAY['unit_figures', 'unit_kbli_figures', 'unit_year_figures', 'unit_duplicate_name', 'unit_duplicate_nik'] LOOP
                        summary := t;
                        EXECUTE format('SELECT count(*) FROM (SELECT * FROM %I %s EXCEPT ALL SELECT * FROM %I %s) x',
                            t, CASE WHEN t LIKE 'unit_duplicate%' THEN '' ELSE 'WHERE units <> 0' END,
                            'before_' || t, CASE WHEN t LIKE 'unit_duplicate%' THEN '' ELSE 'WHERE units <> 0' END) INTO missing;
                        EXECUTE format('SELECT count(*) FROM (SELECT * FROM %I %s EXCEPT ALL SELECT * FROM %I %s) x',
                            'before_' || t, CASE WHEN t LIKE 'unit_duplicate%' THEN '' ELSE 'WHERE units <> 0' END,
                            t, CASE WHEN t LIKE 'unit_duplicate%' THEN '' ELSE 'WHERE units <> 0' END) INTO extra;
                        IF NOT repair THEN
                            EXECUTE format('DELETE FROM %I', t);
                            EXECUTE format('INSERT INTO %I SELECT * FROM %I', t, 'before_' || t);
                        END IF;
                        RETURN NEXT;
                    END LOOP;
                END
                $$;

                -- For a loader that writes many rows in one transaction (the demo data): its inserts skip the triggers, and
                -- summaries_resume() recounts once and turns them on again, before the transaction commits.
                CREATE FUNCTION summaries_defer() RETURNS void LANGUAGE plpgsql AS $$
                BEGIN
                    ALTER TABLE industrial_unit DISABLE TRIGGER industrial_unit_summaries_insert;
                    ALTER TABLE membership DISABLE TRIGGER membership_summaries_insert;
                END
                $$;
                CREATE FUNCTION summaries_resume() RETURNS void LANGUAGE plpgsql AS $$
                BEGIN
                    ALTER TABLE industrial_unit ENABLE TRIGGER industrial_unit_summaries_insert;
                    ALTER TABLE membership ENABLE TRIGGER membership_summaries_insert;
                    PERFORM summaries_rebuild();
                END
                $$;

                -- The KBLI mapping decides the data status of every unit with a KBLI code: a change of it recounts everything.
                CREATE FUNCTION summaries_mapping_change() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP <> 'UPDATE' OR EXISTS (
                        SELECT 1 FROM n JOIN o ON o.id = n.id
                         WHERE (n.code, n.sort_order, n.kbli_divisions, n.kbli_exceptions) IS DISTINCT FROM (o.code, o.sort_order, o.kbli_divisions, o.kbli_exceptions)) THEN
                        PERFORM summaries_rebuild();
                    END IF;
                    RETURN NULL;
                END
                $$;
                CREATE FUNCTION summaries_recount() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    PERFORM summaries_rebuild();
                    RETURN NULL;
                END
                $$;
                """);

            // RAW SQL 5: the triggers (after *_bumps_registry_version in name order), and the first count.
            migrationBuilder.Sql("""
                CREATE TRIGGER industrial_unit_summaries_insert AFTER INSERT ON industrial_unit
                    REFERENCING NEW TABLE AS n FOR EACH STATEMENT EXECUTE FUNCTION summaries_unit_insert();
                CREATE TRIGGER industrial_unit_summaries_update AFTER UPDATE ON industrial_unit
                    REFERENCING OLD TABLE AS o NEW TABLE AS n FOR EACH STATEMENT EXECUTE FUNCTION summaries_unit_update();
                CREATE TRIGGER industrial_unit_summaries_delete AFTER DELETE ON industrial_unit
                    REFERENCING OLD TABLE AS o FOR EACH STATEMENT EXECUTE FUNCTION summaries_unit_delete();
                CREATE TRIGGER industrial_unit_summaries_truncate AFTER TRUNCATE ON industrial_unit
                    FOR EACH STATEMENT EXECUTE FUNCTION summaries_unit_truncate();

                CREATE TRIGGER membership_summaries_insert AFTER INSERT ON membership
                    REFERENCING NEW TABLE AS n FOR EACH STATEMENT EXECUTE FUNCTION summaries_membership_insert();
                CREATE TRIGGER membership_summaries_update AFTER UPDATE ON membership
                    REFERENCING OLD TABLE AS o NEW TABLE AS n FOR EACH STATEMENT EXECUTE FUNCTION summaries_membership_update();
                CREATE TRIGGER membership_summaries_delete AFTER DELETE ON membership
                    REFERENCING OLD TABLE AS o FOR EACH STATEMENT EXECUTE FUNCTION summaries_membership_delete();
                CREATE TRIGGER membership_summaries_truncate AFTER TRUNCATE ON membership
                    FOR EACH STATEMENT EXECUTE FUNCTION summaries_recount();

                CREATE TRIGGER product_category_summaries_change AFTER INSERT OR DELETE ON product_category
                    FOR EACH STATEMENT EXECUTE FUNCTION summaries_recount();
                CREATE TRIGGER product_category_summaries_update AFTER UPDATE ON product_category
                    REFERENCING OLD TABLE AS o NEW TABLE AS n FOR EACH STATEMENT EXECUTE FUNCTION summaries_mapping_change();
                CREATE TRIGGER product_category_summaries_truncate AFTER TRUNCATE ON product_category
                    FOR EACH STATEMENT EXECUTE FUNCTION summaries_recount();

                -- A DO block, not a bare SELECT: scripts/migrate.sh runs this inside EF's idempotent PL/pgSQL blocks too.
                DO $rebuild$ BEGIN PERFORM summaries_rebuild(); END $rebuild$;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER industrial_unit_summaries_insert ON industrial_unit;
                DROP TRIGGER industrial_unit_summaries_update ON industrial_unit;
                DROP TRIGGER industrial_unit_summaries_delete ON industrial_unit;
                DROP TRIGGER industrial_unit_summaries_truncate ON industrial_unit;
                DROP TRIGGER membership_summaries_insert ON membership;
                DROP TRIGGER membership_summaries_update ON membership;
                DROP TRIGGER membership_summaries_delete ON membership;
                DROP TRIGGER membership_summaries_truncate ON membership;
                DROP TRIGGER product_category_summaries_change ON product_category;
                DROP TRIGGER product_category_summaries_update ON product_category;
                DROP TRIGGER product_category_summaries_truncate ON product_category;
                DROP FUNCTION summaries_recount(); DROP FUNCTION summaries_mapping_change();
                DROP FUNCTION summaries_resume(); DROP FUNCTION summaries_defer();
                DROP FUNCTION summaries_check(boolean); DROP FUNCTION summaries_rebuild();
                DROP FUNCTION summaries_membership_insert(); DROP FUNCTION summaries_membership_update(); DROP FUNCTION summaries_membership_delete(); DROP FUNCTION summaries_unit_truncate();
                DROP FUNCTION summaries_unit_update(); DROP FUNCTION summaries_unit_delete(); DROP FUNCTION summaries_unit_insert();
                DROP TABLE unit_duplicate_nik, unit_duplicate_name, unit_year_figures, unit_kbli_figures, unit_figures;
                DROP INDEX ix_industrial_unit_name_key;
                DROP FUNCTION ikm_name_key(text);
                """);
        }
    }
}
