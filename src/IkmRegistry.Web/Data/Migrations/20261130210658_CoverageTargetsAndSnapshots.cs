using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IkmRegistry.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class CoverageTargetsAndSnapshots : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "coverage_snapshot",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false),
                    as_of = table.Column<DateOnly>(type: "date", nullable: false),
                    frozen_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    frozen_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    content = table.Column<string>(type: "text", nullable: false),
                    sha256 = table.Column<string>(type: "character(64)", fixedLength: true, maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_coverage_snapshot", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "coverage_target",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    kelurahan = table.Column<int>(type: "integer", nullable: false),
                    source = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_coverage_target", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_coverage_snapshot_as_of",
                table: "coverage_snapshot",
                column: "as_of",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_coverage_target_year",
                table: "coverage_target",
                column: "year",
                unique: true);

            // Raw SQL: a frozen snapshot is never changed; its SHA-256 is printed on reports that cite it.
            migrationBuilder.Sql("""
                CREATE FUNCTION coverage_snapshot_is_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    RAISE EXCEPTION 'coverage_snapshot % is frozen and cannot be changed', OLD.as_of;
                END
                $$;
                CREATE TRIGGER coverage_snapshot_no_update BEFORE UPDATE ON coverage_snapshot
                    FOR EACH ROW EXECUTE FUNCTION coverage_snapshot_is_frozen();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER coverage_snapshot_no_update ON coverage_snapshot; DROP FUNCTION coverage_snapshot_is_frozen();");

            migrationBuilder.DropTable(
                name: "coverage_snapshot");

            migrationBuilder.DropTable(
                name: "coverage_target");
        }
    }
}
