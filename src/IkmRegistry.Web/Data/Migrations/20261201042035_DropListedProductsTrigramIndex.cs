using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IkmRegistry.Web.Data.Migrations
{
    /// <summary>
    /// The public product search reads the maintained product index (migration ProductIndex) since session 7, so the
    /// trigram index on the listed businesses' folded products is read by nothing; it cost every write to
    /// industrial_unit its maintenance (about a tenth of the index work of a 100,000-row import commit,
    /// docs/benchmarks-explain.md section 4). Raw SQL: the index is on an expression EF does not model.
    /// </summary>
    public partial class DropListedProductsTrigramIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_industrial_unit_listed_products_trgm;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE INDEX ix_industrial_unit_listed_products_trgm ON industrial_unit USING gin (ikm_fold(main_products) gin_trgm_ops)
                    WHERE status = 'Aktif' AND public_consent;
                """);
        }
    }
}
