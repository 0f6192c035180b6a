namespace IkmRegistry.Tests.Data;

public class DemoDataTests(RegistryApp app) : RegistryTest(app)
{
    [Fact]
    public async Task The_demo_reproduces_the_agency_figures()
    {
        await using var db = App.NewDbContext();
        var result = await DemoData.LoadAsync(db);
        Assert.True(result.Loaded);

        Assert.Equal(30, await db.Kelurahan.CountAsync(k => k.RetiredOn == null));
        Assert.Equal(4133, await db.IndustrialUnits.CountAsync(u => u.Status == UnitStatus.Aktif));
        Assert.Equal(23, await db.Sentra.CountAsync(s => s.Status == SentraStatus.Aktif));
        Assert.Equal(23, await db.Sentra.Select(s => s.KelurahanId).Distinct().CountAsync());
        var covered = await db.Kelurahan.CountAsync(k => db.Sentra.Any(s => s.KelurahanId == k.Id && s.Status == SentraStatus.Aktif));
        Assert.Equal(23, covered);

        var smallestSentra = await db.Sentra.MinAsync(s => s.Memberships.Count(m => m.LeftOn == null && m.Unit.Status == UnitStatus.Aktif));
        Assert.True(smallestSentra >= Sentra.MinimumMembers, $"A demo sentra has only {smallestSentra} members");
        Assert.Equal(23, await db.Memberships.CountAsync(m => m.Role == BoardRole.Ketua));
        // Members come from the sentra's own kelurahan.
        Assert.False(await db.Memberships.AnyAsync(m => m.Unit.KelurahanId != m.Sentra.KelurahanId));
    }

    [Fact]
    public async Task Demo_units_are_spread_unevenly_over_every_kelurahan_and_category_with_valid_looking_identifiers()
    {
        await using var db = App.NewDbContext();
        await DemoData.LoadAsync(db);

        var perKelurahan = await db.IndustrialUnits.GroupBy(u => u.KelurahanId).Select(g => g.Count()).ToListAsync();
        Assert.Equal(30, perKelurahan.Count);
        Assert.True(perKelurahan.Max() > 3 * perKelurahan.Min(), "The spread should be uneven, as in the city");
        Assert.Equal(6, await db.IndustrialUnits.Select(u => u.CategoryId).Distinct().CountAsync());

        var units = await db.IndustrialUnits.Select(u => new { u.Nik, u.Nib, u.KbliCode, u.Phone, u.InvestmentValue, u.IsDemo, u.OwnerName }).ToListAsync();
        Assert.All(units, u => Assert.True(u.IsDemo));
        Assert.All(units.Where(u => u.Nik is not null), u => Assert.Matches(@"^6271\d{12}$", u.Nik!));
        // Legacy records and owners who refused: some units have no NIK (saved, flagged "Perlu verifikasi").
        Assert.InRange(units.Count(u => u.Nik is null), 200, 1000);
        Assert.All(units.Where(u => u.Nib is not null), u => Assert.Matches(@"^\d{13}$", u.Nib!));
        Assert.All(units.Where(u => u.KbliCode is not null), u => Assert.InRange(int.Parse(u.KbliCode![..2]), 10, 33));
        Assert.All(units.Where(u => u.Phone is not null), u => Assert.Matches(@"^\+628\d{8,11}$", u.Phone!));
        // Like real field data, some units lack a NIB or figures.
        Assert.InRange(units.Count(u => u.Nib is null), 400, 2500);
        Assert.InRange(units.Count(u => u.InvestmentValue is null), 200, 1500);
        Assert.True(units.Select(u => u.OwnerName).Distinct().Count() > 2000, "Owner names should be varied");
    }

    [Fact]
    public async Task Loading_the_demo_twice_adds_nothing_and_one_call_removes_it()
    {
        await using var db = App.NewDbContext();
        await DemoData.LoadAsync(db);
        var second = await DemoData.LoadAsync(db);

        Assert.False(second.Loaded);
        Assert.Equal(4133, await db.IndustrialUnits.CountAsync());
        Assert.Equal(23, await db.Sentra.CountAsync());

        await DemoData.RemoveAsync(db);
        Assert.Equal(0, await db.IndustrialUnits.CountAsync());
        Assert.Equal(0, await db.Sentra.CountAsync());
        Assert.Equal(0, await db.Memberships.CountAsync());
        Assert.Equal(30, await db.Kelurahan.CountAsync());
    }

    [Fact]
    public async Task Removing_the_demo_keeps_real_records()
    {
        await using var db = App.NewDbContext();
        await DemoData.LoadAsync(db);
        var kelurahan = await db.Kelurahan.FirstAsync();
        var category = await db.ProductCategories.FirstAsync();
        db.IndustrialUnits.Add(new IndustrialUnit
        {
            BusinessName = "Amplang Bu Wati",
            OwnerName = "Wati",
            KelurahanId = kelurahan.Id,
            CategoryId = category.Id,
            RegisteredOn = new DateOnly(2026, 11, 1),
        });
        await db.SaveChangesAsync();

        await DemoData.RemoveAsync(db);

        Assert.Equal("Amplang Bu Wati", (await db.IndustrialUnits.SingleAsync()).BusinessName);
    }

    [Fact]
    public async Task The_generator_takes_a_size_for_benchmarks()
    {
        await using var db = App.NewDbContext();
        var result = await DemoData.LoadAsync(db, unitCount: 20_000);

        Assert.Equal(20_000, await db.IndustrialUnits.CountAsync());
        Assert.Equal(23, result.Sentra);
        // New rows after a COPY with explicit ids get fresh ids from the sequence.
        db.IndustrialUnits.Add(new IndustrialUnit
        {
            BusinessName = "Tahu Pak Budi",
            OwnerName = "Budi",
            KelurahanId = (await db.Kelurahan.FirstAsync()).Id,
            CategoryId = (await db.ProductCategories.FirstAsync()).Id,
            RegisteredOn = new DateOnly(2026, 11, 2),
        });
        await db.SaveChangesAsync();
        Assert.Equal(20_001, await db.IndustrialUnits.CountAsync());
    }

    [Fact]
    public void Apportion_splits_a_total_exactly()
    {
        var parts = DemoData.Apportion(4133, [14, 12, 1, 3]);
        Assert.Equal(4133, parts.Sum());
        Assert.True(parts[0] > parts[1] && parts[1] > parts[3] && parts[3] > parts[2]);
    }
}
