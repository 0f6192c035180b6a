using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IkmRegistry.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class KbliReferenceAndDataStatus : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_industrial_unit_nib",
                table: "industrial_unit");

            migrationBuilder.AddColumn<string[]>(
                name: "kbli_exceptions",
                table: "product_category",
                type: "varchar(5)[]",
                nullable: false,
                defaultValue: new string[0]);

            migrationBuilder.AddColumn<decimal>(
                name: "annual_sales",
                table: "industrial_unit",
                type: "numeric(18,2)",
                precision: 18,
                scale: 2,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "owner_sex",
                table: "industrial_unit",
                type: "character varying(10)",
                maxLength: 10,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "responsible_person_name",
                table: "industrial_unit",
                type: "character varying(150)",
                maxLength: 150,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "responsible_person_role",
                table: "industrial_unit",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "verified_at",
                table: "industrial_unit",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "verified_by",
                table: "industrial_unit",
                type: "character varying(256)",
                maxLength: 256,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_industrial_unit_nib",
                table: "industrial_unit",
                column: "nib",
                filter: "nib IS NOT NULL");

            // RAW SQL 1/3: the category a KBLI code belongs to (DataQuality.KbliCategory). An exception (a group, class
            // or sub-class listed on a category; the longest match wins) first, then the division's default category,
            // else "Lainnya", which takes every division no category claims.
            migrationBuilder.Sql("""
                CREATE FUNCTION kbli_category(kbli text) RETURNS integer
                LANGUAGE sql STABLE PARALLEL SAFE AS $$
                  -- $1, not the name: inside the function a column name (product_category.code) would win over it.
                  SELECT coalesce(
                    (SELECT c.id FROM product_category c, unnest(c.kbli_exceptions) AS e(prefix)
                      WHERE left($1, length(e.prefix)) = e.prefix
                      ORDER BY length(e.prefix) DESC, c.sort_order LIMIT 1),
                    (SELECT c.id FROM product_category c
                      WHERE EXISTS (SELECT 1 FROM unnest(c.kbli_divisions) AS d(division) WHERE lpad(d.division::text, 2, '0') = left($1, 2))
                      ORDER BY c.sort_order LIMIT 1),
                    (SELECT c.id FROM product_category c WHERE c.code = 'lainnya'))
                $$;
                """);

            // RAW SQL 2/3: the mapping of shared/DOMAIN.md on databases seeded with the old one, only where an admin
            // has not changed it since: woven rattan and bamboo move from a second claim on 16 to exceptions of
            // Kerajinan, batik is listed under Sandang, and Lainnya takes 12, 17, 18, 19, 21, 23 and 33.
            migrationBuilder.Sql("""
                UPDATE product_category SET kbli_divisions = '{32}', kbli_exceptions = '{16291,16292}'
                 WHERE code = 'kerajinan' AND kbli_divisions = '{32,16}';
                UPDATE product_category SET kbli_exceptions = '{13134}'
                 WHERE code = 'sandang' AND kbli_exceptions = '{}';
                UPDATE product_category SET kbli_divisions = '{12,17,18,19,21,23,33}'
                 WHERE code = 'lainnya' AND kbli_divisions = '{33}';
                """);

            // RAW SQL 3/3: owner sex of existing units from their NIK (day of birth + 40 for women), as the form derives it.
            migrationBuilder.Sql("""
                UPDATE industrial_unit
                   SET owner_sex = CASE WHEN substr(nik, 7, 2)::int > 40 THEN 'Perempuan' ELSE 'LakiLaki' END
                 WHERE (CASE WHEN nik ~ '^[0-9]{16}$' THEN substr(nik, 7, 2)::int ELSE 0 END) IN
                       (SELECT d FROM generate_series(1, 31) AS d UNION ALL SELECT d FROM generate_series(41, 71) AS d);
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP FUNCTION kbli_category(text);");

            migrationBuilder.DropIndex(
                name: "ix_industrial_unit_nib",
                table: "industrial_unit");

            migrationBuilder.DropColumn(
                name: "kbli_exceptions",
                table: "product_category");

            migrationBuilder.DropColumn(
                name: "annual_sales",
                table: "industrial_unit");

            migrationBuilder.DropColumn(
                name: "owner_sex",
                table: "industrial_unit");

            migrationBuilder.DropColumn(
                name: "responsible_person_name",
                table: "industrial_unit");

            migrationBuilder.DropColumn(
                name: "responsible_person_role",
                table: "industrial_unit");

            migrationBuilder.DropColumn(
                name: "verified_at",
                table: "industrial_unit");

            migrationBuilder.DropColumn(
                name: "verified_by",
                table: "industrial_unit");

            migrationBuilder.CreateIndex(
                name: "ix_industrial_unit_nib",
                table: "industrial_unit",
                column: "nib",
                unique: true,
                filter: "nib IS NOT NULL");
        }
    }
}
