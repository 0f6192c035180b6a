using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IkmRegistry.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class RegistryVersionAndUnitNameIndex : Migration
    {
        private static readonly string[] VersionedTables =
            ["industrial_unit", "sentra", "membership", "sentra_category", "kelurahan", "kecamatan", "product_category"];

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_industrial_unit_business_name_id",
                table: "industrial_unit",
                columns: new[] { "business_name", "id" });

            // One row whose version changes in the same transaction as any write to the tables the dashboards and the
            // public directory read, so a figure cached under a version is never older than that version
            // (Data/RegistryVersion.cs). Statement-level triggers: one bump per statement, also for COPY and
            // INSERT..SELECT outside EF; TRUNCATE needs its own trigger. The value comes from a sequence so that it never
            // repeats, even if the row is deleted and written again.
            migrationBuilder.Sql("""
                CREATE SEQUENCE registry_version_seq;
                CREATE TABLE registry_version (id int PRIMARY KEY CHECK (id = 1), version bigint NOT NULL);
                INSERT INTO registry_version (id, version) VALUES (1, nextval('registry_version_seq'));
                CREATE FUNCTION bump_registry_version() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    INSERT INTO registry_version (id, version) VALUES (1, nextval('registry_version_seq'))
                    ON CONFLICT (id) DO UPDATE SET version = excluded.version;
                    RETURN NULL;
                END
                $$;
                """);
            foreach (var table in VersionedTables)
            {
                migrationBuilder.Sql($"""
                    CREATE TRIGGER {table}_bumps_registry_version AFTER INSERT OR UPDATE OR DELETE ON {table}
                        FOR EACH STATEMENT EXECUTE FUNCTION bump_registry_version();
                    CREATE TRIGGER {table}_truncate_bumps_registry_version AFTER TRUNCATE ON {table}
                        FOR EACH STATEMENT EXECUTE FUNCTION bump_registry_version();
                    """);
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var table in VersionedTables)
            {
                migrationBuilder.Sql($"""
                    DROP TRIGGER {table}_bumps_registry_version ON {table};
                    DROP TRIGGER {table}_truncate_bumps_registry_version ON {table};
                    """);
            }

            migrationBuilder.Sql("DROP FUNCTION bump_registry_version(); DROP TABLE registry_version; DROP SEQUENCE registry_version_seq;");
            migrationBuilder.DropIndex(
                name: "ix_industrial_unit_business_name_id",
                table: "industrial_unit");
        }
    }
}
