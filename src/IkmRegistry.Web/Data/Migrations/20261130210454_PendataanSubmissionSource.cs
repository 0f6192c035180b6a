using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IkmRegistry.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class PendataanSubmissionSource : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "form_version",
                table: "industrial_unit",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "submission_uuid",
                table: "industrial_unit",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "submitted_at",
                table: "industrial_unit",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "submitted_by",
                table: "industrial_unit",
                type: "character varying(150)",
                maxLength: 150,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "form_version",
                table: "import_row",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "submission_uuid",
                table: "import_row",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "submitted_at",
                table: "import_row",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "submitted_by",
                table: "import_row",
                type: "text",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_industrial_unit_submission_uuid",
                table: "industrial_unit",
                column: "submission_uuid",
                unique: true,
                filter: "submission_uuid IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_industrial_unit_submission_uuid",
                table: "industrial_unit");

            migrationBuilder.DropColumn(
                name: "form_version",
                table: "industrial_unit");

            migrationBuilder.DropColumn(
                name: "submission_uuid",
                table: "industrial_unit");

            migrationBuilder.DropColumn(
                name: "submitted_at",
                table: "industrial_unit");

            migrationBuilder.DropColumn(
                name: "submitted_by",
                table: "industrial_unit");

            migrationBuilder.DropColumn(
                name: "form_version",
                table: "import_row");

            migrationBuilder.DropColumn(
                name: "submission_uuid",
                table: "import_row");

            migrationBuilder.DropColumn(
                name: "submitted_at",
                table: "import_row");

            migrationBuilder.DropColumn(
                name: "submitted_by",
                table: "import_row");
        }
    }
}
