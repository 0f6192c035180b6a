using IkmRegistry.Tests.Dashboard;
using IkmRegistry.Tests.Infrastructure;
using IkmRegistry.Web.Data;
using IkmRegistry.Web.Data.Queries;
using IkmRegistry.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using static IkmRegistry.Tests.Registry.Import.Importing;

namespace IkmRegistry.Tests.Data;

/// <summary>
/// The public product search's index (migration ProductIndex: product_term, product_listing, product_place) after
/// every kind of write to the units: it equals a recount from the base tables (products_check), and what it lists
/// equals the listed businesses' products split and counted here in C# from the units as EF reads them.
/// </summary>
public class ProductIndexConsistencyTests(RegistryApp app) : RegistryTest(app)
{
    private const string Pahandut = "62.71.01.1001";

    [Theory]
    [InlineData("the demo loader")]
    [InlineData("an EF save and edit")]
    [InlineData("consent withdrawn and given")]
    [InlineData("a raw SQL update")]
    [InlineData("an update that changes nothing listed")]
    [InlineData("a COPY")]
    [InlineData("a TRUNCATE of units")]
    [InlineData("an import commit")]
    [InlineData("unit deletions")]
    [InlineData("units closed")]
    [InlineData("a deferred bulk load")]
    [InlineData("the demo data removed")]
    public async Task The_product_index_equals_a_recount_after(string write)
    {
        await using (var db = App.NewDbContext())
        {
            await DemoData.LoadAsync(db);
        }

        // Product lists of every shape: several products, separators in a row, spaces, upper case, a repeat, empty.
        await App.ExecuteAsync("""
            UPDATE industrial_unit SET main_products = 'Amplang Ikan, kerupuk ikan ; Amplang ikan/ /abon' WHERE id % 7 = 0;
            UPDATE industrial_unit SET main_products = NULL WHERE id % 19 = 0;
            UPDATE industrial_unit SET main_products = ' , ' WHERE id % 43 = 0;
            """);

        await MakeAsync(write);

        await AssertConsistentAsync();
    }

    [Fact]
    public async Task The_check_finds_the_index_changed_behind_its_back_and_the_repair_puts_it_right()
    {
        await using (var db = App.NewDbContext())
        {
            await DemoData.LoadAsync(db);
        }

        await App.ExecuteAsync("""
            UPDATE product_place SET makers = makers + 2 WHERE term_id = (SELECT min(term_id) FROM product_place);
            DELETE FROM product_listing WHERE unit_id = (SELECT min(unit_id) FROM product_listing);
            """);

        Assert.True(await App.ScalarAsync("SELECT sum(missing + extra) FROM products_check()") >= 3);
        Assert.True(await App.ScalarAsync("SELECT sum(missing + extra) FROM products_check(false)") >= 3);
        Assert.True(await App.ScalarAsync("SELECT sum(missing + extra) FROM products_check(true)") >= 3);

        await AssertConsistentAsync();
    }

    private async Task MakeAsync(string write)
    {
        await using var db = App.NewDbContext();
        switch (write)
        {
            case "the demo loader":
                break;
            case "an EF save and edit":
                var unit = await Seed.UnitAsync(App, "Amplang Bu Tini", Pahandut, configure: u =>
                {
                    u.MainProducts = "amplang haruan, kerupuk basah";
                    (u.PublicConsent, u.PublicConsentOn) = (true, new DateOnly(2026, 1, 1));
                });
                var saved = await db.IndustrialUnits.SingleAsync(u => u.Id == unit.Id);
                (saved.MainProducts, saved.BusinessName) = ("amplang haruan; batik benang bintik", "Amplang dan Batik Bu Tini");
                saved.CategoryId = await db.ProductCategories.Where(c => c.Code == "sandang").Select(c => c.Id).SingleAsync();
                await db.SaveChangesAsync();
                break;
            case "consent withdrawn and given":
                foreach (var changing in await db.IndustrialUnits.Where(u => u.Id % 5 == 0).ToListAsync())
                {
                    changing.PublicConsent = !changing.PublicConsent;
                }

                await db.SaveChangesAsync();
                break;
            case "a raw SQL update":
                await App.ExecuteAsync("""
                    UPDATE industrial_unit SET main_products = main_products || ', tas purun' WHERE id % 3 = 0;
                    UPDATE industrial_unit SET kelurahan_id = (SELECT min(id) FROM kelurahan), business_name = 'Amplang 1' WHERE id % 29 = 0;
                    UPDATE industrial_unit SET category_id = (SELECT max(id) FROM product_category) WHERE id % 31 = 0;
                    UPDATE industrial_unit SET status = 'Tutup', closed_on = '2026-11-01' WHERE id % 37 = 0;
                    """);
                break;
            case "an update that changes nothing listed":
                await App.ExecuteAsync("UPDATE industrial_unit SET workers_male = coalesce(workers_male, 0) + 1, phone = NULL");
                break;
            case "a COPY":
                await App.CopyUnitsAsync("id % 10 = 0");
                break;
            case "a TRUNCATE of units":
                await App.ExecuteAsync("TRUNCATE industrial_unit CASCADE");
                break;
            case "an import commit":
                using (var browser = await StaffAsync(App))
                {
                    var file = Xlsx(Row("Amplang Haruan", nik: "6271014508850007"), Row("Anyaman Purun", category: "Kerajinan"), Row("Tas Purun", kelurahan: "Kanarakan"));
                    var (_, preview) = await PreviewAsync(App, browser, file);
                    var batch = await CommitAsync(App, browser, preview, includeDuplicates: true);
                    Assert.Equal(ImportStatus.Committed, batch.Status);
                }

                // The import's units consent to be listed afterwards (an edit), so the index has something to add.
                await App.ExecuteAsync("UPDATE industrial_unit SET public_consent = true, public_consent_on = '2026-11-01', main_products = coalesce(main_products, 'anyaman purun') WHERE NOT is_demo");
                break;
            case "unit deletions":
                db.IndustrialUnits.RemoveRange(await db.IndustrialUnits.Where(u => !u.Memberships.Any() && u.PublicConsent).OrderBy(u => u.Id).Take(50).ToListAsync());
                await db.SaveChangesAsync();
                await App.ExecuteAsync("DELETE FROM industrial_unit u WHERE id % 23 = 0 AND NOT EXISTS (SELECT 1 FROM membership m WHERE m.unit_id = u.id)");
                break;
            case "units closed":
                foreach (var closing in await db.IndustrialUnits.Where(u => u.Id % 11 == 0).ToListAsync())
                {
                    (closing.Status, closing.ClosedOn) = (UnitStatus.Tutup, new DateOnly(2026, 11, 1));
                }

                await db.SaveChangesAsync();
                break;
            case "a deferred bulk load":
                await using (var connection = new NpgsqlConnection(App.ConnectionString))
                {
                    await connection.OpenAsync();
                    await using var transaction = await connection.BeginTransactionAsync();
                    foreach (var sql in new[]
                    {
                        "SELECT products_defer()",
                        $"INSERT INTO industrial_unit (id, {await App.UnitColumnsAsync()}) SELECT id + 100000000, {await App.UnitColumnsAsync()} FROM industrial_unit WHERE id % 4 = 0",
                        "SELECT products_resume()",
                    })
                    {
                        await using var command = new NpgsqlCommand(sql, connection, transaction);
                        await command.ExecuteNonQueryAsync();
                    }

                    await transaction.CommitAsync();
                }

                break;
            case "the demo data removed":
                await DemoData.RemoveAsync(db);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(write), write, null);
        }
    }

    private async Task AssertConsistentAsync()
    {
        var differences = await App.TextAsync("""
            SELECT coalesce(string_agg(summary || ': ' || missing || ' missing, ' || extra || ' extra', '; '), '') FROM products_check() WHERE missing + extra > 0
            """);
        Assert.Equal("", differences);

        // The listed businesses' products as the search promises them: active, public consent, split at , ; / and trimmed.
        await using var db = App.NewDbContext();
        var units = await db.IndustrialUnits.AsNoTracking()
            .Where(u => u.Status == UnitStatus.Aktif && u.PublicConsent && u.MainProducts != null)
            .Select(u => new { u.Id, u.MainProducts, u.KelurahanId, u.CategoryId, u.BusinessName })
            .ToListAsync();
        var expected = units
            .SelectMany(u => u.MainProducts!.Split([',', ';', '/']).Select(p => p.Trim().ToLowerInvariant()).Where(p => p.Length > 0).Distinct()
                .Select(p => $"{p}|{u.Id}|{u.KelurahanId}|{u.CategoryId}|{u.BusinessName}"))
            .Order(StringComparer.Ordinal).ToList();
        var listed = (await RawSql.ReadAsync(db, """
            SELECT t.term || '|' || l.unit_id || '|' || l.kelurahan_id || '|' || l.category_id || '|' || l.business_name
              FROM product_listing l JOIN product_term t ON t.id = l.term_id
            """, [], r => r.GetString(0), default)).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expected, listed);

        var expectedPlaces = expected.Select(e => e.Split('|')).GroupBy(e => $"{e[0]}|{e[2]}|{e[3]}").Select(g => $"{g.Key}|{g.Count()}")
            .Order(StringComparer.Ordinal).ToList();
        var places = (await RawSql.ReadAsync(db, """
            SELECT t.term || '|' || p.kelurahan_id || '|' || p.category_id || '|' || p.makers
              FROM product_place p JOIN product_term t ON t.id = p.term_id WHERE p.makers <> 0
            """, [], r => r.GetString(0), default)).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expectedPlaces, places);
    }
}
