using static IkmRegistry.Tests.Dashboard.DashboardPage;

namespace IkmRegistry.Tests.Dashboard;

/// <summary>The dashboard's data-status, size and women-owned panels, checked against SQL written apart from the app's rules.</summary>
public class DataStatusPanelTests(RegistryApp app) : RegistryTest(app)
{
    private const string ActiveUnits = """
        industrial_unit u JOIN kelurahan k ON k.id = u.kelurahan_id WHERE u.status = 'Aktif' AND k.retired_on IS NULL
        """;

    private async Task<IDocument> DashboardAsync()
    {
        var browser = new Browser(App);
        await browser.SignInAsync(await App.CreateUserAsync(Roles.Official, "pimpinan@dpkukmp.test"));
        return await browser.GetAsync("/Dashboard");
    }

    [Fact]
    public async Task The_counts_of_incomplete_and_verified_units_equal_independent_SQL()
    {
        await EdgeCases.ArrangeAsync(App);
        // Three food units with the batik code: a category that contradicts the KBLI.
        await App.ExecuteAsync("""
            UPDATE industrial_unit SET kbli_code = '13134', kbli_edition = 2020
             WHERE id IN (SELECT id FROM industrial_unit WHERE status = 'Aktif' AND verified_at IS NULL
                             AND category_id = (SELECT id FROM product_category WHERE code = 'pangan') ORDER BY id LIMIT 3)
            """);
        var counts = (await App.GroupsAsync($"""
            WITH x AS (
              SELECT u.verified_at IS NOT NULL AS verified,
                     u.nik IS NULL AND coalesce(u.legal_form, 'Perorangan') IN ('Perorangan', 'UsahaDagang') AS no_nik,
                     u.responsible_person_name IS NULL AND u.legal_form NOT IN ('Perorangan', 'UsahaDagang') AS no_person,
                     u.nib IS NULL AS no_nib,
                     u.kbli_code IS NOT NULL AND u.kbli_edition = 2020 AND kbli_category(u.kbli_code) <> u.category_id AS mismatch
                FROM {ActiveUnits})
            SELECT 'x',
                   count(*) FILTER (WHERE NOT verified AND NOT (no_nik OR no_person OR no_nib OR mismatch)),
                   count(*) FILTER (WHERE NOT verified AND (no_nik OR no_person OR no_nib OR mismatch)),
                   count(*) FILTER (WHERE verified),
                   count(*) FILTER (WHERE NOT verified AND no_nik),
                   count(*) FILTER (WHERE NOT verified AND no_person),
                   count(*) FILTER (WHERE NOT verified AND no_nib),
                   count(*) FILTER (WHERE NOT verified AND mismatch)
              FROM x
            """))["x"];

        var rows = Rows(await DashboardAsync(), "status-data").ToDictionary(r => r[0], r => (long)Number(r[1]));

        Assert.Equal(counts[0], rows["Lengkap"]);
        Assert.Equal(counts[1], rows["Perlu verifikasi"]);
        Assert.Equal(counts[2], rows["Terverifikasi"]);
        Assert.Equal(counts[3], rows["– NIK pemilik perorangan belum ada"]);
        Assert.Equal(counts[4], rows["– Penanggung jawab badan usaha belum ada"]);
        Assert.Equal(counts[5], rows["– NIB belum ada"]);
        Assert.Equal(counts[6], rows["– Kategori tidak sesuai dengan KBLI"]);
        // The demo has every kind, so a rule that counted nothing would fail here.
        Assert.All(counts, c => Assert.True(c > 0));
    }

    [Fact]
    public async Task Both_size_rules_and_women_owned_units_are_counted_as_independent_SQL_counts_them()
    {
        await EdgeCases.ArrangeAsync(App);
        var sizes = await App.GroupsAsync($"""
            SELECT CASE WHEN u.investment_value IS NOT NULL THEN
                        CASE WHEN u.investment_value <= 1e9 THEN 'Usaha mikro' WHEN u.investment_value <= 5e9 THEN 'Usaha kecil'
                             WHEN u.investment_value <= 1e10 THEN 'Usaha menengah' ELSE 'Usaha besar' END
                        WHEN u.annual_sales IS NOT NULL THEN
                        CASE WHEN u.annual_sales <= 2e9 THEN 'Usaha mikro' WHEN u.annual_sales <= 15e9 THEN 'Usaha kecil'
                             WHEN u.annual_sales <= 5e10 THEN 'Usaha menengah' ELSE 'Usaha besar' END
                        ELSE 'Belum dapat ditentukan (modal dan penjualan belum diisi)' END, count(*)
              FROM {ActiveUnits} GROUP BY 1
            """);
        var women = await App.GroupsAsync($"SELECT k.name, count(*) FILTER (WHERE u.owner_sex = 'Perempuan') FROM {ActiveUnits} GROUP BY k.name");
        var page = await DashboardAsync();

        var sizeRows = Rows(page, "ukuran-usaha");
        Assert.All(sizeRows, r => Assert.Equal(sizes.GetValueOrDefault(r[0])?[0] ?? 0, (long)Number(r[1])));
        Assert.Equal(sizes.Values.Sum(v => v[0]), sizeRows.Sum(r => (long)Number(r[1])));

        var womenRows = Rows(page, "pemilik-perempuan").Where(r => !r[0].StartsWith("Kategori", StringComparison.Ordinal)).ToList();
        Assert.All(womenRows, r => Assert.Equal(women.GetValueOrDefault(r[0])?[0] ?? 0, (long)Number(r[1])));
        Assert.True(women.Values.Sum(v => v[0]) > 0);
    }
}
