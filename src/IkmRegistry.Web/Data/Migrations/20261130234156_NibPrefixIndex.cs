using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IkmRegistry.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class NibPrefixIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_industrial_unit_nib",
                table: "industrial_unit");

            migrationBuilder.CreateIndex(
                name: "ix_industrial_unit_nib",
                table: "industrial_unit",
                column: "nib",
                filter: "nib IS NOT NULL")
                .Annotation("Npgsql:IndexOperators", new[] { "varchar_pattern_ops" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_industrial_unit_nib",
                table: "industrial_unit");

            migrationBuilder.CreateIndex(
                name: "ix_industrial_unit_nib",
                table: "industrial_unit",
                column: "nib",
                filter: "nib IS NOT NULL");
        }
    }
}
