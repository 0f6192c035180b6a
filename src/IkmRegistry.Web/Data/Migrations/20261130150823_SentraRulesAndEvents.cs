using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IkmRegistry.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class SentraRulesAndEvents : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_membership_sentra_id_unit_id",
                table: "membership");

            migrationBuilder.DropIndex(
                name: "ix_membership_unit_id",
                table: "membership");

            migrationBuilder.AddColumn<string>(
                name: "end_reason",
                table: "membership",
                type: "character varying(20)",
                maxLength: 20,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "sentra_event",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false),
                    sentra_id = table.Column<int>(type: "integer", nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    occurred_on = table.Column<DateOnly>(type: "date", nullable: false),
                    decree_number = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    decree_date = table.Column<DateOnly>(type: "date", nullable: true),
                    note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    recorded_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    recorded_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    is_demo = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sentra_event", x => x.id);
                    table.ForeignKey(
                        name: "fk_sentra_event_sentra_sentra_id",
                        column: x => x.sentra_id,
                        principalTable: "sentra",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            // Raw SQL 1 of 2, before the unique indexes: data that breaks the sentra rules is repaired, audited as the
            // migration's change. A unit active in several sentra keeps the membership it joined last; the others end
            // that day as a move. A sentra with several active Ketua keeps the longest-serving; the others become Anggota.
            migrationBuilder.Sql("""
                WITH ranked AS (
                    SELECT id, row_number() OVER (PARTITION BY unit_id ORDER BY joined_on DESC, id DESC) AS n,
                           max(joined_on) OVER (PARTITION BY unit_id) AS latest
                      FROM membership WHERE left_on IS NULL),
                moved AS (
                    UPDATE membership m SET left_on = GREATEST(r.latest, m.joined_on), end_reason = 'Pindah'
                      FROM ranked r WHERE m.id = r.id AND r.n > 1
                    RETURNING m.id, m.left_on)
                INSERT INTO audit_entry (id, occurred_at, user_name, action, entity_type, entity_id, changes)
                SELECT nextval('"EntityFrameworkHiLoSequence"'), now(), 'migrasi SentraRulesAndEvents', 'StatusChange', 'Membership', moved.id::text,
                       jsonb_build_object('LeftOn', jsonb_build_object('Old', NULL, 'New', moved.left_on), 'EndReason', jsonb_build_object('Old', NULL, 'New', 'Pindah'))
                  FROM moved;

                WITH ranked AS (
                    SELECT id, row_number() OVER (PARTITION BY sentra_id ORDER BY joined_on, id) AS n
                      FROM membership WHERE left_on IS NULL AND role = 'Ketua'),
                demoted AS (
                    UPDATE membership m SET role = 'Anggota' FROM ranked r WHERE m.id = r.id AND r.n > 1 RETURNING m.id)
                INSERT INTO audit_entry (id, occurred_at, user_name, action, entity_type, entity_id, changes)
                SELECT nextval('"EntityFrameworkHiLoSequence"'), now(), 'migrasi SentraRulesAndEvents', 'Update', 'Membership', demoted.id::text,
                       jsonb_build_object('Role', jsonb_build_object('Old', 'Ketua', 'New', 'Anggota'))
                  FROM demoted;
                """);

            migrationBuilder.CreateIndex(
                name: "ix_membership_one_active_ketua_per_sentra",
                table: "membership",
                column: "sentra_id",
                unique: true,
                filter: "left_on IS NULL AND role = 'Ketua'");

            migrationBuilder.CreateIndex(
                name: "ix_membership_one_active_sentra_per_unit",
                table: "membership",
                column: "unit_id",
                unique: true,
                filter: "left_on IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_membership_sentra_id_unit_id",
                table: "membership",
                columns: new[] { "sentra_id", "unit_id" });

            migrationBuilder.CreateIndex(
                name: "ix_membership_unit_id_joined_on",
                table: "membership",
                columns: new[] { "unit_id", "joined_on" });

            migrationBuilder.CreateIndex(
                name: "ix_sentra_event_is_demo",
                table: "sentra_event",
                column: "is_demo");

            migrationBuilder.CreateIndex(
                name: "ix_sentra_event_sentra_id_occurred_on_id",
                table: "sentra_event",
                columns: new[] { "sentra_id", "occurred_on", "id" });

            // Raw SQL 2 of 2: the recorded history of existing sentra, from what they hold. A sentra with a founding date
            // before its decree was in formation from the founding date; an Aktif or TidakAktif sentra was active from its
            // decree date (else founding date, else the day it was entered, in WIB); a TidakAktif one lapsed on the day its
            // row last changed (the best date there is; staff can record the real one as a new change). A sentra in
            // formation is so from its founding date (else the day it was entered). The sentra_event table then bumps the
            // registry version like the other registry tables.
            migrationBuilder.Sql("""
                INSERT INTO sentra_event (id, sentra_id, status, occurred_on, decree_number, decree_date, note, recorded_at, recorded_by, is_demo)
                SELECT nextval('"EntityFrameworkHiLoSequence"'), e.sentra_id, e.status, e.occurred_on, e.decree_number, e.decree_date,
                       'Dari data sentra (migrasi)', now(), 'migrasi SentraRulesAndEvents', e.is_demo
                  FROM (
                    SELECT s.id AS sentra_id, 'DalamPembentukan' AS status, s.founded_on AS occurred_on, NULL AS decree_number, NULL::date AS decree_date, s.is_demo, 1 AS step
                      FROM sentra s
                     WHERE s.status <> 'DalamPembentukan' AND s.founded_on < s.decree_date
                    UNION ALL
                    SELECT s.id, 'Aktif', COALESCE(s.decree_date, s.founded_on, (s.created_at AT TIME ZONE 'Asia/Jakarta')::date),
                           s.decree_number, s.decree_date, s.is_demo, 2
                      FROM sentra s
                     WHERE s.status <> 'DalamPembentukan'
                    UNION ALL
                    SELECT s.id, 'TidakAktif', GREATEST((s.updated_at AT TIME ZONE 'Asia/Jakarta')::date, COALESCE(s.decree_date, s.founded_on, (s.created_at AT TIME ZONE 'Asia/Jakarta')::date)),
                           NULL, NULL, s.is_demo, 3
                      FROM sentra s
                     WHERE s.status = 'TidakAktif'
                    UNION ALL
                    SELECT s.id, 'DalamPembentukan', COALESCE(s.founded_on, (s.created_at AT TIME ZONE 'Asia/Jakarta')::date), NULL, NULL, s.is_demo, 1
                      FROM sentra s
                     WHERE s.status = 'DalamPembentukan'
                  ) e
                 ORDER BY e.sentra_id, e.step;

                CREATE TRIGGER sentra_event_bumps_registry_version AFTER INSERT OR UPDATE OR DELETE ON sentra_event
                    FOR EACH STATEMENT EXECUTE FUNCTION bump_registry_version();
                CREATE TRIGGER sentra_event_truncate_bumps_registry_version AFTER TRUNCATE ON sentra_event
                    FOR EACH STATEMENT EXECUTE FUNCTION bump_registry_version();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER sentra_event_bumps_registry_version ON sentra_event; DROP TRIGGER sentra_event_truncate_bumps_registry_version ON sentra_event;");

            migrationBuilder.DropTable(
                name: "sentra_event");

            migrationBuilder.DropIndex(
                name: "ix_membership_one_active_ketua_per_sentra",
                table: "membership");

            migrationBuilder.DropIndex(
                name: "ix_membership_one_active_sentra_per_unit",
                table: "membership");

            migrationBuilder.DropIndex(
                name: "ix_membership_sentra_id_unit_id",
                table: "membership");

            migrationBuilder.DropIndex(
                name: "ix_membership_unit_id_joined_on",
                table: "membership");

            migrationBuilder.DropColumn(
                name: "end_reason",
                table: "membership");

            migrationBuilder.CreateIndex(
                name: "ix_membership_sentra_id_unit_id",
                table: "membership",
                columns: new[] { "sentra_id", "unit_id" },
                unique: true,
                filter: "left_on IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_membership_unit_id",
                table: "membership",
                column: "unit_id");
        }
    }
}
