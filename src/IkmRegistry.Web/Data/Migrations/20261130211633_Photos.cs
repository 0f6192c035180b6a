using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IkmRegistry.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class Photos : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "photo",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false),
                    sentra_id = table.Column<int>(type: "integer", nullable: true),
                    unit_id = table.Column<int>(type: "integer", nullable: true),
                    key = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    alt_text = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    width = table.Column<int>(type: "integer", nullable: false),
                    height = table.Column<int>(type: "integer", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_photo", x => x.id);
                    table.CheckConstraint("ck_photo_one_owner", "(sentra_id IS NULL) <> (unit_id IS NULL)");
                    table.ForeignKey(
                        name: "fk_photo_industrial_unit_unit_id",
                        column: x => x.unit_id,
                        principalTable: "industrial_unit",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_photo_sentra_sentra_id",
                        column: x => x.sentra_id,
                        principalTable: "sentra",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_photo_key",
                table: "photo",
                column: "key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_photo_sentra_id",
                table: "photo",
                column: "sentra_id");

            migrationBuilder.CreateIndex(
                name: "ix_photo_unit_id",
                table: "photo",
                column: "unit_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "photo");
        }
    }
}
