namespace IkmRegistry.Tests.Dashboard;

/// <summary>
/// The demo data with the cases a count can get wrong: a retired kelurahan (with a sentra and units), an inactive
/// sentra, closed units that were sentra members, memberships that ended, a new kelurahan with a sentra but no
/// units, a sentra without founding date, and possible duplicate units (same name, same NIK).
/// </summary>
public static class EdgeCases
{
    public const string RetiredKelurahan = "62.71.01.1005";   // Pahandut Seberang, had a sentra
    public const string InactiveSentraKelurahan = "62.71.01.1002"; // Panarung
    public const string NewKelurahan = "62.71.05.1099";
    public const string SharedNik = "6271015107900001";

    public static async Task ArrangeAsync(RegistryApp app)
    {
        await app.LoadDemoDataAsync();

        await app.ExecuteAsync($"""
            UPDATE kelurahan SET retired_on = DATE '2026-01-01' WHERE code = '{RetiredKelurahan}';
            UPDATE sentra SET status = 'TidakAktif' WHERE kelurahan_id = (SELECT id FROM kelurahan WHERE code = '{InactiveSentraKelurahan}');
            -- The dated event the Status page would record with that change (coverage history reads the events).
            INSERT INTO sentra_event (id, sentra_id, status, occurred_on, recorded_at, is_demo)
            SELECT nextval('"EntityFrameworkHiLoSequence"'), s.id, 'TidakAktif', DATE '2026-04-01', now(), true
              FROM sentra s WHERE s.kelurahan_id = (SELECT id FROM kelurahan WHERE code = '{InactiveSentraKelurahan}');
            UPDATE industrial_unit SET status = 'Tutup', closed_on = DATE '2026-06-01'
             WHERE id IN (SELECT m.unit_id FROM membership m JOIN sentra s ON s.id = m.sentra_id JOIN kelurahan k ON k.id = s.kelurahan_id
                          WHERE k.code = '62.71.01.1003' ORDER BY m.unit_id LIMIT 3);
            UPDATE industrial_unit SET status = 'Tutup', closed_on = DATE '2026-06-01'
             WHERE id IN (SELECT id FROM industrial_unit WHERE kelurahan_id = (SELECT id FROM kelurahan WHERE code = '62.71.03.1002') ORDER BY id LIMIT 12);
            UPDATE membership SET left_on = DATE '2026-05-01'
             WHERE id IN (SELECT m.id FROM membership m JOIN sentra s ON s.id = m.sentra_id JOIN kelurahan k ON k.id = s.kelurahan_id
                          WHERE k.code = '62.71.01.1001' ORDER BY m.id LIMIT 2);
            UPDATE sentra SET founded_on = NULL WHERE kelurahan_id = (SELECT id FROM kelurahan WHERE code = '62.71.03.1001');
            """);

        await using (var db = app.NewDbContext())
        {
            var rakumpit = await db.Kecamatan.SingleAsync(k => k.Code == "62.71.05");
            var kelurahan = new Kelurahan { Code = NewKelurahan, Name = "Kelurahan Uji", Slug = "kelurahan-uji", KecamatanId = rakumpit.Id, Latitude = -1.8, Longitude = 113.7 };
            db.Kelurahan.Add(kelurahan);
            db.Sentra.Add(new Sentra
            {
                Name = "Sentra IKM Uji Tanpa Unit", Slug = "sentra-ikm-uji-tanpa-unit", Kelurahan = kelurahan, Status = SentraStatus.Aktif,
                FoundedOn = new DateOnly(2026, 3, 1), CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow,
            });

            var pangan = await db.ProductCategories.SingleAsync(c => c.Code == "pangan");
            var tumbangRungan = await db.Kelurahan.SingleAsync(k => k.Code == "62.71.01.1004");
            var kanarakan = await db.Kelurahan.SingleAsync(k => k.Code == "62.71.02.1006");
            db.IndustrialUnits.AddRange(
                Unit("UD Berkah Jaya Uji", pangan.Id, tumbangRungan.Id, null),
                Unit("ud. berkah  jaya uji", pangan.Id, tumbangRungan.Id, null),
                Unit("Usaha Satu Uji", pangan.Id, kanarakan.Id, SharedNik),
                Unit("=HYPERLINK(\"http://evil.example\")", pangan.Id, kanarakan.Id, SharedNik));
            await db.SaveChangesAsync();
        }
    }

    public static IndustrialUnit Unit(string name, int categoryId, int kelurahanId, string? nik, int? male = 2, int? female = 1, decimal? investment = 50_000_000m) => new()
    {
        BusinessName = name,
        OwnerName = "Pemilik Uji",
        Nik = nik,
        CategoryId = categoryId,
        KelurahanId = kelurahanId,
        WorkersMale = male,
        WorkersFemale = female,
        InvestmentValue = investment,
        RegisteredOn = new DateOnly(2026, 2, 1),
        CreatedAt = DateTime.UtcNow,
        UpdatedAt = DateTime.UtcNow,
    };
}
