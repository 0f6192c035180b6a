using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IkmRegistry.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class ImportRowNotesRawMaterialAndUnsplitWorkers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "notes",
                table: "import_row",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "raw_material_value",
                table: "import_row",
                type: "numeric",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "workers_unsplit",
                table: "import_row",
                type: "integer",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "notes",
                table: "import_row");

            migrationBuilder.DropColumn(
                name: "raw_material_value",
                table: "import_row");

            migrationBuilder.DropColumn(
                name: "workers_unsplit",
                table: "import_row");
        }
    }
}
