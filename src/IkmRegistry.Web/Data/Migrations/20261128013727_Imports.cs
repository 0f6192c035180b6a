using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IkmRegistry.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class Imports : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "import_batch",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false),
                    file_name = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    stored_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    format = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    size_bytes = table.Column<long>(type: "bigint", nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    culture = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    columns = table.Column<string[]>(type: "text[]", nullable: false),
                    message = table.Column<string>(type: "text", nullable: true),
                    total_rows = table.Column<int>(type: "integer", nullable: false),
                    processed_rows = table.Column<int>(type: "integer", nullable: false),
                    new_count = table.Column<int>(type: "integer", nullable: false),
                    update_count = table.Column<int>(type: "integer", nullable: false),
                    unchanged_count = table.Column<int>(type: "integer", nullable: false),
                    duplicate_count = table.Column<int>(type: "integer", nullable: false),
                    error_count = table.Column<int>(type: "integer", nullable: false),
                    correction_count = table.Column<int>(type: "integer", nullable: false),
                    update_mode = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    include_duplicates = table.Column<bool>(type: "boolean", nullable: false),
                    inserted_count = table.Column<int>(type: "integer", nullable: false),
                    updated_count = table.Column<int>(type: "integer", nullable: false),
                    membership_count = table.Column<int>(type: "integer", nullable: false),
                    new_membership_count = table.Column<int>(type: "integer", nullable: false),
                    created_by_id = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    created_by_name = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    read_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    committed_by_id = table.Column<string>(type: "text", nullable: true),
                    committed_by_name = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    committed_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_import_batch", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "import_issue",
                columns: table => new
                {
                    batch_id = table.Column<int>(type: "integer", nullable: false),
                    seq = table.Column<int>(type: "integer", nullable: false),
                    row_number = table.Column<int>(type: "integer", nullable: false),
                    kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    column = table.Column<string>(type: "text", nullable: true),
                    value = table.Column<string>(type: "text", nullable: true),
                    message = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_import_issue", x => new { x.batch_id, x.seq });
                    table.ForeignKey(
                        name: "fk_import_issue_import_batch_batch_id",
                        column: x => x.batch_id,
                        principalTable: "import_batch",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "import_row",
                columns: table => new
                {
                    batch_id = table.Column<int>(type: "integer", nullable: false),
                    row_number = table.Column<int>(type: "integer", nullable: false),
                    kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    given_id = table.Column<int>(type: "integer", nullable: true),
                    unit_id = table.Column<int>(type: "integer", nullable: true),
                    similar_unit_id = table.Column<int>(type: "integer", nullable: true),
                    similar_row = table.Column<int>(type: "integer", nullable: true),
                    business_name = table.Column<string>(type: "text", nullable: true),
                    owner_name = table.Column<string>(type: "text", nullable: true),
                    nik = table.Column<string>(type: "text", nullable: true),
                    nib = table.Column<string>(type: "text", nullable: true),
                    kbli_code = table.Column<string>(type: "text", nullable: true),
                    kbli_edition = table.Column<int>(type: "integer", nullable: true),
                    category_id = table.Column<int>(type: "integer", nullable: true),
                    main_products = table.Column<string>(type: "text", nullable: true),
                    kelurahan_id = table.Column<int>(type: "integer", nullable: true),
                    address = table.Column<string>(type: "text", nullable: true),
                    phone = table.Column<string>(type: "text", nullable: true),
                    workers_male = table.Column<int>(type: "integer", nullable: true),
                    workers_female = table.Column<int>(type: "integer", nullable: true),
                    investment_value = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: true),
                    production_value_per_year = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: true),
                    production_capacity = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: true),
                    production_capacity_unit = table.Column<string>(type: "text", nullable: true),
                    year_started = table.Column<int>(type: "integer", nullable: true),
                    legal_form = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    status = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: true),
                    closed_on = table.Column<DateOnly>(type: "date", nullable: true),
                    public_consent = table.Column<bool>(type: "boolean", nullable: true),
                    public_consent_on = table.Column<DateOnly>(type: "date", nullable: true),
                    registered_on = table.Column<DateOnly>(type: "date", nullable: true),
                    data_source = table.Column<string>(type: "text", nullable: true),
                    sentra_id = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_import_row", x => new { x.batch_id, x.row_number });
                    table.ForeignKey(
                        name: "fk_import_row_import_batch_batch_id",
                        column: x => x.batch_id,
                        principalTable: "import_batch",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_import_batch_created_at",
                table: "import_batch",
                column: "created_at");

            migrationBuilder.CreateIndex(
                name: "ix_import_batch_sha256",
                table: "import_batch",
                column: "sha256");

            migrationBuilder.CreateIndex(
                name: "ix_import_issue_batch_id_kind_row_number",
                table: "import_issue",
                columns: new[] { "batch_id", "kind", "row_number" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "import_issue");

            migrationBuilder.DropTable(
                name: "import_row");

            migrationBuilder.DropTable(
                name: "import_batch");
        }
    }
}
