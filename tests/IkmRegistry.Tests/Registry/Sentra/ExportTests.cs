using IkmRegistry.Web.Pages.Registry;
using MiniExcelLibs;
using static IkmRegistry.Tests.Registry.ExportFiles;

namespace IkmRegistry.Tests.Registry.Sentra;

public class ExportTests(RegistryApp app) : RegistryTest(app)
{
    private Task<Browser> SignedInAsync(string role) => App.SignedInAsync(role);

    /// <summary>Two sentra: Pahandut with 3 members (one of whom left), Menteng with 2; one formula-like name.</summary>
    private async Task<(Web.Domain.Sentra Pahandut, Web.Domain.Sentra Menteng, IndustrialUnit Left)> ArrangeAsync()
    {
        var pahandut = await Seed.SentraAsync(App, members: 3);
        var menteng = await Seed.SentraAsync(App, "=Sentra Kayu Menteng", "62.71.03.1002", SentraStatus.DalamPembentukan, members: 2);
        await using var db = App.NewDbContext();
        var sentra = await db.Sentra.Include(s => s.Categories).SingleAsync(s => s.Id == pahandut.Id);
        sentra.DecreeNumber = "188.45/12/2020";
        sentra.DecreeDate = new DateOnly(2020, 6, 2);
        sentra.Products = "amplang, kerupuk ikan";
        sentra.PublicContact = "0536-3221234";
        sentra.PublishContact = true;
        sentra.Categories.Add(await db.ProductCategories.SingleAsync(c => c.Code == "kerajinan"));
        var left = await db.Memberships.Include(m => m.Unit).Where(m => m.SentraId == pahandut.Id).OrderBy(m => m.Id).LastAsync();
        left.LeftOn = new DateOnly(2025, 8, 17);
        left.Unit.OwnerName = "Pemilik Yang Keluar";
        await db.SaveChangesAsync();
        return (pahandut, menteng, left.Unit);
    }

    [Fact]
    public async Task The_workbook_has_a_sentra_sheet_and_a_member_sheet_joined_by_the_sentra_code()
    {
        var (pahandut, menteng, left) = await ArrangeAsync();
        using var browser = await SignedInAsync(Roles.Staff);
        var list = await browser.GetAsync("/Registry/Sentra");

        using var response = await browser.Client.GetAsync(list.QuerySelector("a[data-export=xlsx]")!.GetAttribute("href")!);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("sentra-", response.Content.Headers.ContentDisposition!.FileNameStar, StringComparison.Ordinal);
        var file = await response.Content.ReadAsByteArrayAsync();
        using (var stream = new MemoryStream(file))
        {
            Assert.Equal(["Sentra", "Anggota"], stream.GetSheetNames());
        }

        var sentra = await SheetRowsAsync(file, "Sentra");
        Assert.Equal(
            ["Kode Sentra", "Nama Sentra", "Kode Kelurahan", "Kelurahan", "Kecamatan", "Status", "Tanggal Berdiri", "Nomor SK", "Tanggal SK", "Produk",
             "Kategori", "Kontak Publik", "Tampilkan Kontak", "Jumlah Anggota Aktif"],
            sentra[0].Keys);
        var row = sentra.Single(r => (string?)r["Kode Sentra"] == pahandut.Slug);
        Assert.Equal("Sentra IKM Pangan Pahandut", row["Nama Sentra"]);
        Assert.Equal("62.71.01.1001", row["Kode Kelurahan"]);
        Assert.Equal("Aktif", row["Status"]);
        Assert.Equal(new DateTime(2020, 5, 1), Assert.IsType<DateTime>(row["Tanggal Berdiri"]));
        Assert.Equal("188.45/12/2020", row["Nomor SK"]);
        Assert.Equal(new DateTime(2020, 6, 2), Assert.IsType<DateTime>(row["Tanggal SK"]));
        Assert.Equal("Kerajinan; Pangan", row["Kategori"]);
        Assert.Equal("0536-3221234", row["Kontak Publik"]);
        Assert.Equal("Ya", row["Tampilkan Kontak"]);
        Assert.Equal(2.0, Assert.IsType<double>(row["Jumlah Anggota Aktif"]));
        var other = sentra.Single(r => (string?)r["Kode Sentra"] == menteng.Slug);
        Assert.Equal("'=Sentra Kayu Menteng", other["Nama Sentra"]);
        Assert.Equal("Dalam pembentukan", other["Status"]);
        Assert.Equal("Tidak", other["Tampilkan Kontak"]);

        var members = await SheetRowsAsync(file, "Anggota");
        Assert.Equal(["Kode Sentra", "ID Unit", "NIB", "Nama Usaha", "Nama Pemilik", "Peran", "Tanggal Bergabung"], members[0].Keys);
        Assert.Equal(4, members.Count);
        Assert.All(members, m => Assert.Contains(sentra, s => Equals(s["Kode Sentra"], m["Kode Sentra"])));
        Assert.Equal(2, members.Count(m => (string?)m["Kode Sentra"] == pahandut.Slug));
        Assert.DoesNotContain(members, m => Equals(m["ID Unit"], (double)left.Id));
        Assert.Contains(members, m => (string?)m["Peran"] == "Ketua" && (string?)m["Kode Sentra"] == menteng.Slug);
        Assert.All(members, m => Assert.Equal("Sari Wulandari", m["Nama Pemilik"]));
        Assert.All(members, m => Assert.Equal(new DateTime(2021, 1, 1), Assert.IsType<DateTime>(m["Tanggal Bergabung"])));
    }

    [Fact]
    public async Task Officials_get_the_member_sheet_without_owner_names()
    {
        await ArrangeAsync();
        using var browser = await SignedInAsync(Roles.Official);

        using var xlsx = await browser.Client.GetAsync("/Registry/Sentra/Export?format=xlsx");
        using var csv = await browser.Client.GetAsync("/Registry/Sentra/Export?format=csv&lembar=anggota");

        var members = await SheetRowsAsync(await xlsx.Content.ReadAsByteArrayAsync(), "Anggota");
        Assert.Equal(["Kode Sentra", "ID Unit", "NIB", "Nama Usaha", "Peran", "Tanggal Bergabung"], members[0].Keys);
        var lines = await CsvLinesAsync(csv);
        Assert.Equal("Kode Sentra;ID Unit;NIB;Nama Usaha;Peran;Tanggal Bergabung", lines[0]);
        Assert.Equal(5, lines.Length);
        Assert.DoesNotContain("Wulandari", string.Join("\n", lines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_sentra_sheet_comes_alone_as_CSV_with_dates_and_neutralised_names()
    {
        var (pahandut, menteng, _) = await ArrangeAsync();
        using var browser = await SignedInAsync(Roles.Official);

        using var csv = await browser.Client.GetAsync("/Registry/Sentra/Export?format=csv&lembar=sentra");

        var lines = await CsvLinesAsync(csv);
        Assert.Equal("Kode Sentra;Nama Sentra;Kode Kelurahan;Kelurahan;Kecamatan;Status;Tanggal Berdiri;Nomor SK;Tanggal SK;Produk;Kategori;Kontak Publik;Tampilkan Kontak;Jumlah Anggota Aktif", lines[0]);
        Assert.Equal(3, lines.Length);
        Assert.Contains($"\"{pahandut.Slug}\";\"Sentra IKM Pangan Pahandut\";\"62.71.01.1001\";\"Pahandut\";\"Pahandut\";\"Aktif\";01/05/2020;\"188.45/12/2020\";02/06/2020;"
            + "\"amplang, kerupuk ikan\";\"Kerajinan; Pangan\";\"0536-3221234\";\"Ya\";2", lines);
        Assert.Contains(lines, l => l.StartsWith($"\"{menteng.Slug}\";\"'=Sentra Kayu Menteng\";", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_membership_history_holds_ended_memberships_with_their_dates()
    {
        var (pahandut, _, left) = await ArrangeAsync();
        using var browser = await SignedInAsync(Roles.Official);
        var list = await browser.GetAsync("/Registry/Sentra");

        using var xlsx = await browser.Client.GetAsync(list.QuerySelector("a[data-export=xlsx-keanggotaan]")!.GetAttribute("href")!);
        using var csv = await browser.Client.GetAsync(list.QuerySelector("a[data-export=csv-keanggotaan]")!.GetAttribute("href")!);

        var rows = await SheetRowsAsync(await xlsx.Content.ReadAsByteArrayAsync(), "Keanggotaan");
        Assert.Equal(["Kode Sentra", "Nama Sentra", "ID Unit", "NIB", "Nama Usaha", "Peran", "Tanggal Bergabung", "Tanggal Keluar"], rows[0].Keys);
        Assert.Equal(5, rows.Count);
        var ended = rows.Single(r => Equals(r["ID Unit"], (double)left.Id));
        Assert.Equal(pahandut.Slug, ended["Kode Sentra"]);
        Assert.Equal(new DateTime(2025, 8, 17), Assert.IsType<DateTime>(ended["Tanggal Keluar"]));
        Assert.Equal(4, rows.Count(r => r["Tanggal Keluar"] is null));
        var lines = await CsvLinesAsync(csv);
        Assert.Equal(6, lines.Length);
        Assert.Contains(lines, l => l.StartsWith($"\"{pahandut.Slug}\";\"Sentra IKM Pangan Pahandut\";{left.Id};;\"{left.BusinessName}\";\"Anggota\";01/01/2021;17/08/2025", StringComparison.Ordinal));
        Assert.DoesNotContain("Pemilik Yang Keluar", string.Join("\n", lines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_sentra_export_is_audited_once()
    {
        await ArrangeAsync();
        using var browser = await SignedInAsync(Roles.Official);

        foreach (var url in new[] { "/Registry/Sentra/Export?format=xlsx", "/Registry/Sentra/Export?format=csv&lembar=sentra", "/Registry/Sentra/Export?format=csv&lembar=keanggotaan" })
        {
            using var response = await browser.Client.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            await response.Content.ReadAsByteArrayAsync();
        }

        await using var db = App.NewDbContext();
        var entries = await db.AuditEntries.AsNoTracking().Where(a => a.Action == AuditAction.Export).OrderBy(a => a.Id).ToListAsync();
        Assert.Equal(["SentraExport:sentra:xlsx", "SentraExport:sentra-sentra:csv", "MembershipExport:keanggotaan-sentra:csv"],
            entries.Select(e => $"{e.EntityType}:{e.EntityId}"));
        Assert.Contains("\"Rows\": 6", entries[0].Changes, StringComparison.Ordinal);
        Assert.Contains("\"Rows\": 2", entries[1].Changes, StringComparison.Ordinal);
        Assert.Contains("\"Rows\": 5", entries[2].Changes, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/Registry/Sentra/Export?format=csv")]
    [InlineData("/Registry/Sentra/Export?format=csv&lembar=semua")]
    [InlineData("/Registry/Sentra/Export?format=pdf&lembar=sentra")]
    [InlineData("/Registry/Sentra/Export?format=xlsx&lembar=lain")]
    public async Task A_CSV_without_a_sheet_or_an_unknown_format_or_sheet_is_not_found(string url)
    {
        using var browser = await SignedInAsync(Roles.Staff);
        using var response = await browser.Client.GetAsync(url);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
