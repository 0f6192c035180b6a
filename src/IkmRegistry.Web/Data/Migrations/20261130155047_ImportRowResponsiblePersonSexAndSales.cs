using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IkmRegistry.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class ImportRowResponsiblePersonSexAndSales : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<decimal>(
                name: "annual_sales",
                table: "import_row",
                type: "numeric",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "owner_sex",
                table: "import_row",
                type: "character varying(10)",
                maxLength: 10,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "responsible_person_name",
                table: "import_row",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "responsible_person_role",
                table: "import_row",
                type: "text",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "annual_sales",
                table: "import_row");

            migrationBuilder.DropColumn(
                name: "owner_sex",
                table: "import_row");

            migrationBuilder.DropColumn(
                name: "responsible_person_name",
                table: "import_row");

            migrationBuilder.DropColumn(
                name: "responsible_person_role",
                table: "import_row");
        }
    }
}
