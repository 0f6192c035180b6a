using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IkmRegistry.Web.Data.Migrations
{
    /// <summary>
    /// The first dashboard request after a write (issue 15) read the whole duplicate-name summary (about 148,000 rows at a
    /// million demo units) to show 100 of them and a count, and counted the active members of every active sentra by a
    /// primary-key lookup per member. Two more summaries, kept like those of DashboardSummaries by statement-level
    /// triggers in the writing transaction, and an index make both small reads (docs/dashboards.md "Figures"). All raw
    /// SQL, in the order below:
    ///   1. unit_duplicate_groups (possible-duplicate name groups per kelurahan, a delta of every statement on
    ///      unit_duplicate_name) and an index on unit_duplicate_name in the page's order, so the page reads its first rows
    ///   2. sentra_members (active members per sentra), recounted per statement for the sentra a statement touched
    ///   3. summaries_rebuild() and summaries_check(repair) cover both (the earlier rebuild is kept as summaries_rebuild_units())
    /// </summary>
    public partial class DashboardSentraMembersAndDuplicateGroups : Migration
    {
        private const string Tables = "'unit_figures', 'unit_kbli_figures', 'unit_year_figures', 'unit_duplicate_name', 'unit_duplicate_nik'";

        // summaries_check as DashboardSummaries created it, over the given summaries; with compareFirst (new) every
        // comparison is made before any summary is put back: putting back unit_duplicate_name changes
        // unit_duplicate_groups through its triggers.
        private static string Check(string tables, bool compareFirst)
        {
            const string putBack = """
                        EXECUTE format('DELETE FROM %I', t);
                        EXECUTE format('INSERT INTO %I SELECT * FROM %I', t, 'before_' || t);
                """;
            var putBackEach = compareFirst ? "" : $"IF NOT repair THEN {putBack} END IF;";
            var putBackAll = compareFirst ? $"IF NOT repair THEN FOREACH t IN ARRAY ARRAY[{tables}] LOOP {putBack} END LOOP; END IF;" : "";
            return $$"""
                CREATE OR REPLACE FUNCTION summaries_check(repair boolean DEFAULT false) RETURNS TABLE (summary text, missing bigint, extra bigint)
                LANGUAGE plpgsql AS $$
                DECLARE
                    t text;
                    f text;
                BEGIN
                    -- The version row first, as every writer takes it: no deadlock with a writer, and caches see a repair.
                    UPDATE registry_version SET version = nextval('registry_version_seq') WHERE id = 1;
                    LOCK TABLE {{tables.Replace("'", "", StringComparison.Ordinal)}} IN EXCLUSIVE MODE;
                    FOREACH t IN ARRAY ARRAY[{{tables}}] LOOP
                        IF to_regclass('pg_temp.before_' || t) IS NOT NULL THEN
                            EXECUTE format('DROP TABLE %I', 'before_' || t);
                        END IF;
                        EXECUTE format('CREATE TEMP TABLE %I ON COMMIT DROP AS SELECT * FROM %I', 'before_' || t, t);
                    END LOOP;
                    PERFORM summaries_rebuild();
                    FOREACH t IN ARRAY ARRAY[{{tables}}] LOOP
                        -- Counting rows at zero are no rows.
                        f := CASE WHEN t IN ('unit_figures', 'unit_kbli_figures', 'unit_year_figures') THEN 'WHERE units <> 0'
                                  WHEN t = 'unit_duplicate_groups' THEN 'WHERE groups <> 0' ELSE '' END;
                        summary := t;
                        EXECUTE format('SELECT count(*) FROM (SELECT * FROM %I %s EXCEPT ALL SELECT * FROM %I %s) x', t, f, 'before_' || t, f) INTO missing;
                        EXECUTE format('SELECT count(*) FROM (SELECT * FROM %I %s EXCEPT ALL SELECT * FROM %I %s) x', 'before_' || t, f, t, f) INTO extra;
                        {{putBackEach}}
                        RETURN NEXT;
                    END LOOP;
                    {{putBackAll}}
                END
                $$;
                """;
        }

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // RAW SQL 1: possible-duplicate name groups per kelurahan, and the page's order on unit_duplicate_name.
            migrationBuilder.Sql("""
                CREATE TABLE unit_duplicate_groups (kelurahan_id int PRIMARY KEY, groups int NOT NULL);
                COMMENT ON TABLE unit_duplicate_groups IS 'Rows of unit_duplicate_name per kelurahan (possible-duplicate name groups). Maintained by triggers on unit_duplicate_name (migration DashboardSentraMembersAndDuplicateGroups); rows at zero stay.';
                CREATE INDEX ix_unit_duplicate_name_order ON unit_duplicate_name (business_name COLLATE "C", kelurahan_id);

                CREATE FUNCTION unit_duplicate_groups_insert() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    INSERT INTO unit_duplicate_groups AS t (kelurahan_id, groups)
                    SELECT kelurahan_id, count(*)::int FROM n GROUP BY 1 ORDER BY 1
                    ON CONFLICT (kelurahan_id) DO UPDATE SET groups = t.groups + excluded.groups;
                    RETURN NULL;
                END
                $$;
                CREATE FUNCTION unit_duplicate_groups_delete() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    INSERT INTO unit_duplicate_groups AS t (kelurahan_id, groups)
                    SELECT kelurahan_id, -count(*)::int FROM o GROUP BY 1 ORDER BY 1
                    ON CONFLICT (kelurahan_id) DO UPDATE SET groups = t.groups + excluded.groups;
                    RETURN NULL;
                END
                $$;
                CREATE FUNCTION unit_duplicate_groups_update() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    INSERT INTO unit_duplicate_groups AS t (kelurahan_id, groups)
                    SELECT kelurahan_id, sum(sign)::int FROM (SELECT kelurahan_id, 1 AS sign FROM n UNION ALL SELECT kelurahan_id, -1 FROM o) x
                     GROUP BY 1 HAVING sum(sign) <> 0 ORDER BY 1
                    ON CONFLICT (kelurahan_id) DO UPDATE SET groups = t.groups + excluded.groups;
                    RETURN NULL;
                END
                $$;
                CREATE FUNCTION unit_duplicate_groups_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    DELETE FROM unit_duplicate_groups;
                    RETURN NULL;
                END
                $$;
                CREATE TRIGGER unit_duplicate_name_groups_insert AFTER INSERT ON unit_duplicate_name
                    REFERENCING NEW TABLE AS n FOR EACH STATEMENT EXECUTE FUNCTION unit_duplicate_groups_insert();
                CREATE TRIGGER unit_duplicate_name_groups_update AFTER UPDATE ON unit_duplicate_name
                    REFERENCING OLD TABLE AS o NEW TABLE AS n FOR EACH STATEMENT EXECUTE FUNCTION unit_duplicate_groups_update();
                CREATE TRIGGER unit_duplicate_name_groups_delete AFTER DELETE ON unit_duplicate_name
                    REFERENCING OLD TABLE AS o FOR EACH STATEMENT EXECUTE FUNCTION unit_duplicate_groups_delete();
                CREATE TRIGGER unit_duplicate_name_groups_truncate AFTER TRUNCATE ON unit_duplicate_name
                    FOR EACH STATEMENT EXECUTE FUNCTION unit_duplicate_groups_truncate();
                INSERT INTO unit_duplicate_groups (kelurahan_id, groups) SELECT kelurahan_id, count(*)::int FROM unit_duplicate_name GROUP BY 1;
                """);

            // RAW SQL 2: active members per sentra (memberships not ended, of units still active); a sentra without any
            // has no row. Each statement recounts the sentra it touched, through the membership index by sentra.
            migrationBuilder.Sql("""
                CREATE TABLE sentra_members (sentra_id int PRIMARY KEY, active_members int NOT NULL);
                COMMENT ON TABLE sentra_members IS 'Active members per sentra: memberships without an end date of active units; no row for none. Maintained by triggers on membership and industrial_unit (migration DashboardSentraMembersAndDuplicateGroups).';

                CREATE FUNCTION sentra_members_recount(sentra_ids int[]) RETURNS void LANGUAGE plpgsql AS $$
                BEGIN
                    IF cardinality(sentra_ids) = 0 THEN
                        RETURN;
                    END IF;
                    DELETE FROM sentra_members WHERE sentra_id = ANY(sentra_ids);
                    INSERT INTO sentra_members (sentra_id, active_members)
                    SELECT m.sentra_id, count(*)::int FROM membership m JOIN industrial_unit u ON u.id = m.unit_id
                     WHERE m.sentra_id = ANY(sentra_ids) AND m.left_on IS NULL AND u.status = 'Aktif'
                     GROUP BY 1 ORDER BY 1;
                END
                $$;
                CREATE FUNCTION sentra_members_membership_insert() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    PERFORM sentra_members_recount(ARRAY(SELECT DISTINCT sentra_id FROM n WHERE left_on IS NULL ORDER BY 1));
                    RETURN NULL;
                END
                $$;
                CREATE FUNCTION sentra_members_membership_delete() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    PERFORM sentra_members_recount(ARRAY(SELECT DISTINCT sentra_id FROM o WHERE left_on IS NULL ORDER BY 1));
                    RETURN NULL;
                END
                $$;
                CREATE FUNCTION sentra_members_membership_update() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    PERFORM sentra_members_recount(ARRAY(
                        SELECT x.sentra_id FROM n FULL JOIN o ON o.id = n.id
                         CROSS JOIN LATERAL (VALUES (n.sentra_id), (o.sentra_id)) AS x(sentra_id)
                         WHERE x.sentra_id IS NOT NULL
                           AND (n.sentra_id, n.unit_id, n.left_on) IS DISTINCT FROM (o.sentra_id, o.unit_id, o.left_on)
                         GROUP BY 1 ORDER BY 1));
                    RETURN NULL;
                END
                $$;
                -- A unit's status decides whether its memberships count. (A unit is inserted before its memberships, and
                -- one with memberships cannot be deleted: the foreign key restricts.)
                CREATE FUNCTION sentra_members_unit_update() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    PERFORM sentra_members_recount(ARRAY(
                        SELECT DISTINCT m.sentra_id FROM n JOIN o ON o.id = n.id JOIN membership m ON m.unit_id = n.id
                         WHERE n.status IS DISTINCT FROM o.status AND m.left_on IS NULL ORDER BY 1));
                    RETURN NULL;
                END
                $$;
                CREATE TRIGGER membership_summaries_sentra_insert AFTER INSERT ON membership
                    REFERENCING NEW TABLE AS n FOR EACH STATEMENT EXECUTE FUNCTION sentra_members_membership_insert();
                CREATE TRIGGER membership_summaries_sentra_update AFTER UPDATE ON membership
                    REFERENCING OLD TABLE AS o NEW TABLE AS n FOR EACH STATEMENT EXECUTE FUNCTION sentra_members_membership_update();
                CREATE TRIGGER membership_summaries_sentra_delete AFTER DELETE ON membership
                    REFERENCING OLD TABLE AS o FOR EACH STATEMENT EXECUTE FUNCTION sentra_members_membership_delete();
                CREATE TRIGGER industrial_unit_summaries_sentra_update AFTER UPDATE ON industrial_unit
                    REFERENCING OLD TABLE AS o NEW TABLE AS n FOR EACH STATEMENT EXECUTE FUNCTION sentra_members_unit_update();
                INSERT INTO sentra_members (sentra_id, active_members)
                SELECT m.sentra_id, count(*)::int FROM membership m JOIN industrial_unit u ON u.id = m.unit_id
                 WHERE m.left_on IS NULL AND u.status = 'Aktif' GROUP BY 1 ORDER BY 1;
                """);

            // RAW SQL 3: the full recount and the check cover the two new summaries (a TRUNCATE of memberships, a change of
            // the KBLI mapping and a deferred bulk load call summaries_rebuild() by name, so they recount them too).
            migrationBuilder.Sql("""
                ALTER FUNCTION summaries_rebuild() RENAME TO summaries_rebuild_units;
                CREATE FUNCTION summaries_rebuild() RETURNS void LANGUAGE plpgsql AS $$
                BEGIN
                    LOCK TABLE unit_figures, unit_kbli_figures, unit_year_figures, unit_duplicate_name, unit_duplicate_nik,
                        unit_duplicate_groups, sentra_members IN EXCLUSIVE MODE;
                    PERFORM summaries_rebuild_units();
                    DELETE FROM unit_duplicate_groups;
                    INSERT INTO unit_duplicate_groups (kelurahan_id, groups)
                    SELECT kelurahan_id, count(*)::int FROM unit_duplicate_name GROUP BY 1 ORDER BY 1;
                    DELETE FROM sentra_members;
                    INSERT INTO sentra_members (sentra_id, active_members)
                    SELECT m.sentra_id, count(*)::int FROM membership m JOIN industrial_unit u ON u.id = m.unit_id
                     WHERE m.left_on IS NULL AND u.status = 'Aktif' GROUP BY 1 ORDER BY 1;
                END
                $$;
                """);
            migrationBuilder.Sql(Check(Tables + ", 'unit_duplicate_groups', 'sentra_members'", compareFirst: true));
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP FUNCTION summaries_rebuild();
                ALTER FUNCTION summaries_rebuild_units() RENAME TO summaries_rebuild;
                DROP TRIGGER industrial_unit_summaries_sentra_update ON industrial_unit;
                DROP TRIGGER membership_summaries_sentra_insert ON membership;
                DROP TRIGGER membership_summaries_sentra_update ON membership;
                DROP TRIGGER membership_summaries_sentra_delete ON membership;
                DROP FUNCTION sentra_members_unit_update(); DROP FUNCTION sentra_members_membership_update();
                DROP FUNCTION sentra_members_membership_delete(); DROP FUNCTION sentra_members_membership_insert();
                DROP FUNCTION sentra_members_recount(int[]);
                DROP TABLE sentra_members;
                DROP TRIGGER unit_duplicate_name_groups_insert ON unit_duplicate_name;
                DROP TRIGGER unit_duplicate_name_groups_update ON unit_duplicate_name;
                DROP TRIGGER unit_duplicate_name_groups_delete ON unit_duplicate_name;
                DROP TRIGGER unit_duplicate_name_groups_truncate ON unit_duplicate_name;
                DROP FUNCTION unit_duplicate_groups_truncate(); DROP FUNCTION unit_duplicate_groups_update();
                DROP FUNCTION unit_duplicate_groups_delete(); DROP FUNCTION unit_duplicate_groups_insert();
                DROP INDEX ix_unit_duplicate_name_order;
                DROP TABLE unit_duplicate_groups;
                """);
            migrationBuilder.Sql(Check(Tables, compareFirst: false));
        }
    }
}
