using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IkmRegistry.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class FormationBumpsRegistryVersion : Migration
    {
        // The kelurahan map colours an area by its formation stage, and the public overview is cached under the
        // registry version: a recorded stage must change the version like any other write the map reads.
        private static readonly string[] Tables = ["formation", "formation_step"];

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            foreach (var table in Tables)
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
            foreach (var table in Tables)
            {
                migrationBuilder.Sql($"""
                    DROP TRIGGER {table}_bumps_registry_version ON {table};
                    DROP TRIGGER {table}_truncate_bumps_registry_version ON {table};
                    """);
            }
        }
    }
}
