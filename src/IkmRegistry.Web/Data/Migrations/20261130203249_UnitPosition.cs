using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IkmRegistry.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class UnitPosition : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<double>(
                name: "latitude",
                table: "industrial_unit",
                type: "double precision",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "longitude",
                table: "industrial_unit",
                type: "double precision",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "position_accuracy",
                table: "industrial_unit",
                type: "double precision",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "position_check",
                table: "industrial_unit",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "position_source",
                table: "industrial_unit",
                type: "character varying(10)",
                maxLength: 10,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "position_taken_at",
                table: "industrial_unit",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "latitude",
                table: "import_row",
                type: "double precision",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "longitude",
                table: "import_row",
                type: "double precision",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "position_accuracy",
                table: "import_row",
                type: "double precision",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "position_check",
                table: "import_row",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "position_source",
                table: "import_row",
                type: "character varying(10)",
                maxLength: 10,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "position_taken_at",
                table: "import_row",
                type: "timestamp with time zone",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "latitude",
                table: "industrial_unit");

            migrationBuilder.DropColumn(
                name: "longitude",
                table: "industrial_unit");

            migrationBuilder.DropColumn(
                name: "position_accuracy",
                table: "industrial_unit");

            migrationBuilder.DropColumn(
                name: "position_check",
                table: "industrial_unit");

            migrationBuilder.DropColumn(
                name: "position_source",
                table: "industrial_unit");

            migrationBuilder.DropColumn(
                name: "position_taken_at",
                table: "industrial_unit");

            migrationBuilder.DropColumn(
                name: "latitude",
                table: "import_row");

            migrationBuilder.DropColumn(
                name: "longitude",
                table: "import_row");

            migrationBuilder.DropColumn(
                name: "position_accuracy",
                table: "import_row");

            migrationBuilder.DropColumn(
                name: "position_check",
                table: "import_row");

            migrationBuilder.DropColumn(
                name: "position_source",
                table: "import_row");

            migrationBuilder.DropColumn(
                name: "position_taken_at",
                table: "import_row");
        }
    }
}
