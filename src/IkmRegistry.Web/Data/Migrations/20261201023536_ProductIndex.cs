using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IkmRegistry.Web.Data.Migrations
{
    /// <summary>
    /// The public product search's own index (Pages/Directory/ProductSearch.cs, docs/public-and-api.md "Product
    /// search"): the distinct products of the listed businesses (active, PublicConsent, a product list split at , ; /)
    /// in a small table with a trigram index, who makes each product where, and how many. PostgreSQL keeps it in the
    /// same transaction as every write to industrial_unit (EF, raw SQL, COPY, TRUNCATE, import, demo loader) with
    /// statement triggers on transition tables, as migration DashboardSummaries does for the dashboard, so a search
    /// reads a few thousand product rows and a bounded number of makers instead of the million-row unit table.
    /// The sentra (a few dozen rows) are searched in their own table. All of it is raw SQL, in the order below:
    ///   1. the tables: product_term, product_listing, product_place
    ///   2. the trigger functions (one grouped delta per statement)
    ///   3. products_rebuild(), products_check(repair), products_defer() and products_resume() for bulk loaders
    ///   4. the triggers (after *_bumps_registry_version in name order, so writers are serialised as for the summaries) and the first count
    /// </summary>
    public partial class ProductIndex : Migration
    {
        // RAW SQL 2 (template): the products of the units /*units*/ that are listed: one row per unit and distinct
        // product, the product lower-cased and trimmed, as the search shows it.
        private const string ListedProducts = """
            SELECT DISTINCT u.id AS unit_id, lower(btrim(i)) AS term, u.kelurahan_id, u.category_id, u.business_name
              FROM (/*units*/) u CROSS JOIN LATERAL regexp_split_to_table(u.main_products, '[,;/]') AS i
             WHERE u.status = 'Aktif' AND u.public_consent AND u.main_products IS NOT NULL AND btrim(i) <> ''
            """;

        // RAW SQL 2 (template): adds the listed products of /*units*/: new products first, then the makers and their counts.
        private const string AddUnits = """
            INSERT INTO product_term (term, folded)
            SELECT DISTINCT p.term, ikm_fold(p.term) FROM (/*listed*/) p ORDER BY 1
            ON CONFLICT (term) DO NOTHING;
            WITH added AS (
                INSERT INTO product_listing (term_id, unit_id, kelurahan_id, category_id, business_name)
                SELECT t.id, p.unit_id, p.kelurahan_id, p.category_id, p.business_name
                  FROM (/*listed*/) p JOIN product_term t ON t.term = p.term
                RETURNING term_id, kelurahan_id, category_id)
            INSERT INTO product_place AS pp (term_id, kelurahan_id, category_id, makers)
            SELECT term_id, kelurahan_id, category_id, count(*) FROM added GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
            ON CONFLICT (term_id, kelurahan_id, category_id) DO UPDATE SET makers = pp.makers + excluded.makers;
            """;

        // RAW SQL 2 (template): removes every listed product of the units whose ids /*ids*/ gives, and their counts.
        private const string RemoveUnits = """
            WITH removed AS (
                DELETE FROM product_listing l WHERE l.unit_id IN (/*ids*/)
                RETURNING term_id, kelurahan_id, category_id)
            INSERT INTO product_place AS pp (term_id, kelurahan_id, category_id, makers)
            SELECT term_id, kelurahan_id, category_id, -count(*) FROM removed GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
            ON CONFLICT (term_id, kelurahan_id, category_id) DO UPDATE SET makers = pp.makers + excluded.makers;
            """;

        // The columns a listing depends on besides the id: an update that changes none of them changes nothing here.
        private static readonly string[] _listed = ["status", "public_consent", "main_products", "kelurahan_id", "category_id", "business_name"];

        // The same unit with the same listed columns in both transition tables (a hash join on the id).
        private static readonly string _unchanged =
            $"n.id = o.id AND ({string.Join(", ", _listed.Select(c => "n." + c))}) IS NOT DISTINCT FROM ({string.Join(", ", _listed.Select(c => "o." + c))})";

        private static string Add(string units) =>
            AddUnits.Replace("/*listed*/", ListedProducts.Replace("/*units*/", units, StringComparison.Ordinal), StringComparison.Ordinal);

        private static string Remove(string ids) => RemoveUnits.Replace("/*ids*/", ids, StringComparison.Ordinal);

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // RAW SQL 1: the tables. A product may stay in product_term with no maker left, and a count may fall to
            // zero and stay (a delta never deletes): the search skips both; products_rebuild() clears them.
            migrationBuilder.Sql("""
                CREATE TABLE product_term (
                    id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY, term text NOT NULL UNIQUE, folded text NOT NULL);
                CREATE INDEX ix_product_term_folded_trgm ON product_term USING gin (folded gin_trgm_ops);
                COMMENT ON TABLE product_term IS 'The distinct products (lower case, trimmed) of the listed businesses, with their folded form (ikm_fold) for the trigram search. Maintained by triggers (migration ProductIndex).';

                CREATE TABLE product_listing (
                    unit_id int NOT NULL, term_id int NOT NULL, kelurahan_id int NOT NULL, category_id int NOT NULL,
                    business_name varchar(200) NOT NULL,
                    PRIMARY KEY (unit_id, term_id));
                CREATE INDEX ix_product_listing_place_name ON product_listing (term_id, kelurahan_id, business_name, unit_id, category_id);
                COMMENT ON TABLE product_listing IS 'Who makes each product: one row per listed business (active, public consent) and product. Maintained by triggers (migration ProductIndex).';

                CREATE TABLE product_place (
                    term_id int NOT NULL, kelurahan_id int NOT NULL, category_id int NOT NULL, makers int NOT NULL,
                    PRIMARY KEY (term_id, kelurahan_id, category_id));
                CREATE INDEX ix_product_place_kelurahan ON product_place (kelurahan_id);
                COMMENT ON TABLE product_place IS 'Listed businesses by product, kelurahan and category (product_listing counted). Maintained by triggers (migration ProductIndex); products_check() checks and repairs.';
                """);

            // RAW SQL 2: the trigger functions, one grouped delta per statement.
            migrationBuilder.Sql($"""
                CREATE FUNCTION products_unit_insert() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    {Add("SELECT * FROM n")}
                    RETURN NULL;
                END
                $$;

                CREATE FUNCTION products_unit_delete() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    {Remove("SELECT id FROM o")}
                    RETURN NULL;
                END
                $$;

                -- Only the units whose listing can have changed: a row of o without the same row in n is taken out, a
                -- row of n without the same row in o is put in (an id changed counts as both).
                CREATE FUNCTION products_unit_update() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    {Remove($"SELECT o.id FROM o WHERE NOT EXISTS (SELECT 1 FROM n WHERE {_unchanged})")}
                    {Add($"SELECT * FROM n WHERE NOT EXISTS (SELECT 1 FROM o WHERE {_unchanged})")}
                    RETURN NULL;
                END
                $$;

                CREATE FUNCTION products_unit_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    DELETE FROM product_listing; DELETE FROM product_place; DELETE FROM product_term;
                    RETURN NULL;
                END
                $$;
                """);

            // RAW SQL 3: recount everything, check and repair, and let a bulk loader defer the per-statement work.
            migrationBuilder.Sql($"""
                CREATE FUNCTION products_rebuild() RETURNS void LANGUAGE plpgsql AS $$
                BEGIN
                    -- Writers wait at their first write here; the recount below sees every write committed before it.
                    LOCK TABLE product_term, product_listing, product_place IN EXCLUSIVE MODE;
                    DELETE FROM product_listing; DELETE FROM product_place;
                    {Add("SELECT * FROM industrial_unit")}
                    -- Products no business makes any more go; the others keep their ids.
                    DELETE FROM product_term t WHERE NOT EXISTS (SELECT 1 FROM product_listing l WHERE l.term_id = t.id);
                END
                $$;

                -- The rows of product_listing and product_place that differ from a recount of industrial_unit (missing:
                -- in the recount only; extra: in the index only; counts of zero are no rows). With repair the recount
                -- stays, else the index is put back as it was.
                CREATE FUNCTION products_check(repair boolean DEFAULT false) RETURNS TABLE (summary text, missing bigint, extra bigint)
                LANGUAGE plpgsql AS $$
                BEGIN
                    -- The version row first, as every writer takes it: no deadlock with a writer, and caches see a repair.
                    UPDATE registry_version SET version = nextval('registry_version_seq') WHERE id = 1;
                    LOCK TABLE product_term, product_listing, product_place IN EXCLUSIVE MODE;
                    DROP TABLE IF EXISTS pg_temp.before_product_term, pg_temp.before_product_listing, pg_temp.before_product_place;
                    CREATE TEMP TABLE before_product_term ON COMMIT DROP AS SELECT * FROM product_term;
                    CREATE TEMP TABLE before_product_listing ON COMMIT DROP AS SELECT * FROM product_listing;
                    CREATE TEMP TABLE before_product_place ON COMMIT DROP AS SELECT * FROM product_place;
                    PERFORM products_rebuild();
                    -- Compared by product text, not id: a product's id is an internal key.
                    summary := 'product_listing';
                    SELECT count(*) INTO missing FROM (
                        SELECT t.term, l.unit_id, l.kelurahan_id, l.category_id, l.business_name FROM product_listing l JOIN product_term t ON t.id = l.term_id
                        EXCEPT ALL
                        SELECT t.term, l.unit_id, l.kelurahan_id, l.category_id, l.business_name FROM before_product_listing l JOIN before_product_term t ON t.id = l.term_id) x;
                    SELECT count(*) INTO extra FROM (
                        SELECT t.term, l.unit_id, l.kelurahan_id, l.category_id, l.business_name FROM before_product_listing l LEFT JOIN before_product_term t ON t.id = l.term_id
                        EXCEPT ALL
                        SELECT t.term, l.unit_id, l.kelurahan_id, l.category_id, l.business_name FROM product_listing l JOIN product_term t ON t.id = l.term_id) x;
                    RETURN NEXT;
                    summary := 'product_place';
                    SELECT count(*) INTO missing FROM (
                        SELECT t.term, p.kelurahan_id, p.category_id, p.makers FROM product_place p JOIN product_term t ON t.id = p.term_id WHERE p.makers <> 0
                        EXCEPT ALL
                        SELECT t.term, p.kelurahan_id, p.category_id, p.makers FROM before_product_place p JOIN before_product_term t ON t.id = p.term_id WHERE p.makers <> 0) x;
                    SELECT count(*) INTO extra FROM (
                        SELECT t.term, p.kelurahan_id, p.category_id, p.makers FROM before_product_place p LEFT JOIN before_product_term t ON t.id = p.term_id WHERE p.makers <> 0
                        EXCEPT ALL
                        SELECT t.term, p.kelurahan_id, p.category_id, p.makers FROM product_place p JOIN product_term t ON t.id = p.term_id WHERE p.makers <> 0) x;
                    RETURN NEXT;
                    summary := 'product_term';
                    SELECT count(*) INTO missing FROM (SELECT term, folded FROM product_term EXCEPT SELECT term, folded FROM before_product_term) x;
                    -- A product with no maker left may stay in the index (the search skips it): not a difference.
                    SELECT count(*) INTO extra FROM (
                        SELECT term, folded FROM before_product_term b
                         WHERE EXISTS (SELECT 1 FROM before_product_listing l WHERE l.term_id = b.id)
                        EXCEPT SELECT term, folded FROM product_term) x;
                    RETURN NEXT;
                    IF NOT repair THEN
                        DELETE FROM product_listing; DELETE FROM product_place; DELETE FROM product_term;
                        INSERT INTO product_term (id, term, folded) OVERRIDING SYSTEM VALUE SELECT * FROM before_product_term;
                        INSERT INTO product_listing SELECT * FROM before_product_listing;
                        INSERT INTO product_place SELECT * FROM before_product_place;
                    END IF;
                END
                $$;

                -- For a loader that writes many rows in one transaction (the demo data): its inserts skip the trigger, and
                -- products_resume() recounts once and turns it on again, before the transaction commits.
                CREATE FUNCTION products_defer() RETURNS void LANGUAGE plpgsql AS $$
                BEGIN
                    ALTER TABLE industrial_unit DISABLE TRIGGER industrial_unit_products_insert;
                END
                $$;
                CREATE FUNCTION products_resume() RETURNS void LANGUAGE plpgsql AS $$
                BEGIN
                    ALTER TABLE industrial_unit ENABLE TRIGGER industrial_unit_products_insert;
                    PERFORM products_rebuild();
                END
                $$;
                """);

            // RAW SQL 4: the triggers (named after industrial_unit_bumps_registry_version, which fires first) and the first count.
            migrationBuilder.Sql("""
                CREATE TRIGGER industrial_unit_products_insert AFTER INSERT ON industrial_unit
                    REFERENCING NEW TABLE AS n FOR EACH STATEMENT EXECUTE FUNCTION products_unit_insert();
                CREATE TRIGGER industrial_unit_products_update AFTER UPDATE ON industrial_unit
                    REFERENCING OLD TABLE AS o NEW TABLE AS n FOR EACH STATEMENT EXECUTE FUNCTION products_unit_update();
                CREATE TRIGGER industrial_unit_products_delete AFTER DELETE ON industrial_unit
                    REFERENCING OLD TABLE AS o FOR EACH STATEMENT EXECUTE FUNCTION products_unit_delete();
                CREATE TRIGGER industrial_unit_products_truncate AFTER TRUNCATE ON industrial_unit
                    FOR EACH STATEMENT EXECUTE FUNCTION products_unit_truncate();

                -- A DO block, not a bare SELECT: scripts/migrate.sh runs this inside EF's idempotent PL/pgSQL blocks too.
                DO $rebuild$ BEGIN PERFORM products_rebuild(); END $rebuild$;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER industrial_unit_products_insert ON industrial_unit;
                DROP TRIGGER industrial_unit_products_update ON industrial_unit;
                DROP TRIGGER industrial_unit_products_delete ON industrial_unit;
                DROP TRIGGER industrial_unit_products_truncate ON industrial_unit;
                DROP FUNCTION products_resume(); DROP FUNCTION products_defer(); DROP FUNCTION products_check(boolean); DROP FUNCTION products_rebuild();
                DROP FUNCTION products_unit_truncate(); DROP FUNCTION products_unit_update(); DROP FUNCTION products_unit_delete(); DROP FUNCTION products_unit_insert();
                DROP TABLE product_place; DROP TABLE product_listing; DROP TABLE product_term;
                """);
        }
    }
}
