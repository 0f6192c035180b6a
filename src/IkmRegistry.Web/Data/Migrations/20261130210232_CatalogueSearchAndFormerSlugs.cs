using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IkmRegistry.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class CatalogueSearchAndFormerSlugs : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Raw SQL: the folded text the public product search compares (ProductSearch) and its partial trigram index
            // over the listed businesses. Lower case, and the weak e between a consonant and r or l dropped (kerupuk and
            // krupuk, keripik and kripik fold alike).
            migrationBuilder.Sql("""
                CREATE FUNCTION ikm_fold(text) RETURNS text
                    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
                    RETURN regexp_replace(lower($1), '([bcdfghjklmnpqstvwxyz])e([rl])', '\1\2', 'g');
                CREATE INDEX ix_industrial_unit_listed_products_trgm ON industrial_unit USING gin (ikm_fold(main_products) gin_trgm_ops)
                    WHERE status = 'Aktif' AND public_consent;
                """);

            migrationBuilder.CreateTable(
                name: "sentra_former_slug",
                columns: table => new
                {
                    slug = table.Column<string>(type: "character varying(220)", maxLength: 220, nullable: false),
                    sentra_id = table.Column<int>(type: "integer", nullable: false),
                    retired_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sentra_former_slug", x => x.slug);
                    table.ForeignKey(
                        name: "fk_sentra_former_slug_sentra_sentra_id",
                        column: x => x.sentra_id,
                        principalTable: "sentra",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_industrial_unit_listed",
                table: "industrial_unit",
                column: "id",
                filter: "status = 'Aktif' AND public_consent");

            migrationBuilder.CreateIndex(
                name: "ix_sentra_former_slug_sentra_id",
                table: "sentra_former_slug",
                column: "sentra_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX ix_industrial_unit_listed_products_trgm; DROP FUNCTION ikm_fold(text);");

            migrationBuilder.DropTable(
                name: "sentra_former_slug");

            migrationBuilder.DropIndex(
                name: "ix_industrial_unit_listed",
                table: "industrial_unit");
        }
    }
}
