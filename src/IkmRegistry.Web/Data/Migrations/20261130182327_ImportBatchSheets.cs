using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IkmRegistry.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class ImportBatchSheets : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string[]>(
                name: "sheets",
                table: "import_batch",
                type: "text[]",
                nullable: false,
                defaultValue: new string[0]);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "sheets",
                table: "import_batch");
        }
    }
}
