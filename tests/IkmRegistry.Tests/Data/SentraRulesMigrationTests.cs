using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace IkmRegistry.Tests.Data;

/// <summary>Migration SentraRulesAndEvents on data that breaks the rules and has no recorded history yet.</summary>
public class SentraRulesMigrationTests
{
    [Fact]
    public async Task The_migration_repairs_double_memberships_and_Ketua_and_gives_existing_sentra_their_dated_events()
    {
        const string name = "ikm_test_sentra_migration";
        var connectionString = await TestDatabase.CreateAsync(name);
        try
        {
            var options = new DbContextOptionsBuilder<RegistryDbContext>();
            RegistryDbContext.Configure(options, connectionString);
            await using var db = new RegistryDbContext(options.Options);
            var migrator = db.GetService<IMigrator>();
            await migrator.MigrateAsync("20261128013727_Imports");
            await db.Database.ExecuteSqlRawAsync("""
                INSERT INTO kecamatan (id, code, name) VALUES (1, '62.71.01', 'Pahandut');
                INSERT INTO kelurahan (id, code, name, slug, kecamatan_id, latitude, longitude) VALUES
                    (1, '62.71.01.1001', 'Pahandut', 'pahandut', 1, -2.2, 113.9), (2, '62.71.01.1002', 'Panarung', 'panarung', 1, -2.2, 113.9);
                INSERT INTO product_category (id, code, name_id, name_en, kbli_divisions, sort_order) VALUES (1, 'pangan', 'Pangan', 'Food', ARRAY[10, 11], 1);
                INSERT INTO industrial_unit (id, business_name, owner_name, category_id, kelurahan_id, status, public_consent, registered_on, is_demo, created_at, updated_at)
                SELECT n, 'Unit ' || n, 'Pemilik', 1, 1, 'Aktif', false, DATE '2020-01-01', false, now(), now() FROM generate_series(1, 3) n;
                INSERT INTO sentra (id, name, slug, kelurahan_id, status, founded_on, decree_number, decree_date, publish_contact, is_demo, created_at, updated_at) VALUES
                    (1, 'Founded then decreed', 'a', 1, 'Aktif', DATE '2018-03-01', 'SK 1', DATE '2019-07-01', false, false, now(), now()),
                    (2, 'Lapsed', 'b', 2, 'TidakAktif', DATE '2017-01-01', NULL, NULL, false, false, '2020-01-01', '2023-05-05 20:00+00'),
                    (3, 'Forming', 'c', 2, 'DalamPembentukan', NULL, NULL, NULL, false, false, '2025-02-02 18:00+00', now());
                INSERT INTO membership (id, sentra_id, unit_id, joined_on, role, is_demo) VALUES
                    (1, 1, 1, DATE '2019-01-01', 'Ketua', false),
                    (2, 2, 1, DATE '2021-06-01', 'Anggota', false),
                    (3, 1, 2, DATE '2019-02-01', 'Ketua', false),
                    (4, 1, 3, DATE '2019-03-01', 'Ketua', false);
                """);

            await migrator.MigrateAsync("SentraRulesAndEvents");

            // Unit 1 stays in the sentra it joined last; the older membership ends that day as a move. Of sentra 1's two
            // active Ketua, the longest-serving (3) stays; 4 becomes Anggota.
            var ended = await db.Database.SqlQuery<string>($"SELECT id || ':' || left_on || ':' || end_reason AS \"Value\" FROM membership WHERE left_on IS NOT NULL").ToListAsync();
            Assert.Equal(["1:2021-06-01:Pindah"], ended);
            var ketua = await db.Database.SqlQuery<int>($"SELECT id AS \"Value\" FROM membership WHERE role = 'Ketua' ORDER BY id").ToListAsync();
            Assert.Equal([1, 3], ketua);
            Assert.Equal(2, await db.Database.SqlQuery<int>($"SELECT count(*)::int AS \"Value\" FROM audit_entry WHERE user_name = 'migrasi SentraRulesAndEvents'").SingleAsync());

            var events = await db.Database.SqlQuery<string>($"SELECT sentra_id || ':' || status || ':' || occurred_on || ':' || coalesce(decree_number, '-') AS \"Value\" FROM sentra_event ORDER BY sentra_id, occurred_on, id").ToListAsync();
            Assert.Equal(
                ["1:DalamPembentukan:2018-03-01:-", "1:Aktif:2019-07-01:SK 1", "2:Aktif:2017-01-01:-", "2:TidakAktif:2023-05-06:-", "3:DalamPembentukan:2025-02-03:-"],
                events);
        }
        finally
        {
            await TestDatabase.DropAsync(name);
        }
    }
}
