namespace IkmRegistry.Tests.Infrastructure;

/// <summary>Small, explicit rows for tests that need a few records rather than the demo.</summary>
public static class Seed
{
    public static async Task<IndustrialUnit> UnitAsync(RegistryApp app, string businessName = "Amplang Ikan Pipih Bu Sari", string kelurahanCode = "62.71.01.1001",
        string category = "pangan", string? nib = null, Action<IndustrialUnit>? configure = null)
    {
        await using var db = app.NewDbContext();
        var unit = new IndustrialUnit
        {
            BusinessName = businessName,
            OwnerName = "Sari Wulandari",
            Nik = "6271014508850003",
            Nib = nib,
            KelurahanId = await db.Kelurahan.Where(k => k.Code == kelurahanCode).Select(k => k.Id).SingleAsync(),
            CategoryId = await db.ProductCategories.Where(c => c.Code == category).Select(c => c.Id).SingleAsync(),
            MainProducts = "amplang, kerupuk ikan",
            RegisteredOn = new DateOnly(2025, 3, 14),
            Phone = "+6281234567890",
        };
        configure?.Invoke(unit);
        // As the form stores it: the sex a valid NIK records.
        unit.OwnerSex ??= Identifiers.SexFromNik(unit.Nik);
        db.IndustrialUnits.Add(unit);
        await db.SaveChangesAsync();
        return unit;
    }

    public static async Task<Sentra> SentraAsync(RegistryApp app, string name = "Sentra IKM Pangan Pahandut", string kelurahanCode = "62.71.01.1001",
        SentraStatus status = SentraStatus.Aktif, int members = 0)
    {
        await using var db = app.NewDbContext();
        var kelurahanId = await db.Kelurahan.Where(k => k.Code == kelurahanCode).Select(k => k.Id).SingleAsync();
        var sentra = new Sentra
        {
            Name = name,
            Slug = Slug.From(name),
            KelurahanId = kelurahanId,
            Status = status,
            FoundedOn = new DateOnly(2020, 5, 1),
            Categories = [await db.ProductCategories.SingleAsync(c => c.Code == "pangan")],
        };
        db.Sentra.Add(sentra);
        await db.SaveChangesAsync();
        for (var i = 0; i < members; i++)
        {
            var unit = await UnitAsync(app, $"Kerupuk Anggota {i + 1}", kelurahanCode);
            db.Memberships.Add(new Membership { SentraId = sentra.Id, UnitId = unit.Id, JoinedOn = new DateOnly(2021, 1, 1), Role = i == 0 ? BoardRole.Ketua : BoardRole.Anggota });
        }

        await db.SaveChangesAsync();
        return sentra;
    }
}
