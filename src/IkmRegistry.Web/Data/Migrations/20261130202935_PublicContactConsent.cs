using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IkmRegistry.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class PublicContactConsent : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "public_contact_consent",
                table: "industrial_unit",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateOnly>(
                name: "public_contact_consent_on",
                table: "industrial_unit",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "public_contact_consent",
                table: "import_row",
                type: "boolean",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "public_contact_consent_on",
                table: "import_row",
                type: "date",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "public_contact_consent",
                table: "industrial_unit");

            migrationBuilder.DropColumn(
                name: "public_contact_consent_on",
                table: "industrial_unit");

            migrationBuilder.DropColumn(
                name: "public_contact_consent",
                table: "import_row");

            migrationBuilder.DropColumn(
                name: "public_contact_consent_on",
                table: "import_row");
        }
    }
}
