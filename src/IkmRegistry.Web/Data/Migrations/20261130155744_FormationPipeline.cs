using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IkmRegistry.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class FormationPipeline : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "formation",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false),
                    kelurahan_id = table.Column<int>(type: "integer", nullable: false),
                    sentra_id = table.Column<int>(type: "integer", nullable: true),
                    decree_number = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    decree_date = table.Column<DateOnly>(type: "date", nullable: true),
                    notes = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    completed_on = table.Column<DateOnly>(type: "date", nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_formation", x => x.id);
                    table.ForeignKey(
                        name: "fk_formation_kelurahan_kelurahan_id",
                        column: x => x.kelurahan_id,
                        principalTable: "kelurahan",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_formation_sentra_sentra_id",
                        column: x => x.sentra_id,
                        principalTable: "sentra",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "formation_step",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false),
                    formation_id = table.Column<int>(type: "integer", nullable: false),
                    stage = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    reached_on = table.Column<DateOnly>(type: "date", nullable: true),
                    target_on = table.Column<DateOnly>(type: "date", nullable: true),
                    officer = table.Column<string>(type: "character varying(150)", maxLength: 150, nullable: true),
                    notes = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_formation_step", x => x.id);
                    table.ForeignKey(
                        name: "fk_formation_step_formation_formation_id",
                        column: x => x.formation_id,
                        principalTable: "formation",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_formation_one_open_per_kelurahan",
                table: "formation",
                column: "kelurahan_id",
                unique: true,
                filter: "completed_on IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_formation_sentra_id",
                table: "formation",
                column: "sentra_id");

            migrationBuilder.CreateIndex(
                name: "ix_formation_step_formation_id_stage",
                table: "formation_step",
                columns: new[] { "formation_id", "stage" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "formation_step");

            migrationBuilder.DropTable(
                name: "formation");
        }
    }
}
