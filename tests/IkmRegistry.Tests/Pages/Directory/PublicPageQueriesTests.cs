using System.Text.Json;
using IkmRegistry.Web.Pages.Directory;
using IkmRegistry.Web.Photos;

namespace IkmRegistry.Tests.Pages.Directory;

/// <summary>
/// The directory and sentra pages read their data in one statement each (PublicPageQueries); they must read exactly
/// what the public queries (PublicQueries, EF) read, field by field, with the demo data.
/// </summary>
public class PublicPageQueriesTests(RegistryApp app) : RegistryTest(app)
{
    private static string Json(object value) => JsonSerializer.Serialize(value);

    [Fact]
    public async Task The_directory_statement_reads_the_same_options_count_and_sentra_as_the_public_queries()
    {
        await using var db = App.NewDbContext();
        await App.LoadDemoDataAsync();

        var pangan = db.ActiveSentra().Where(s => s.Categories.Any(c => c.Code == "pangan"));
        foreach (var (category, page) in new[] { ((string?)null, 1), (null, 3), ("pangan", 2), (null, 99) })
        {
            var read = await PublicPageQueries.DirectoryAsync(db, null, null, null, category, page, 10, default);
            var sentra = category is null ? db.ActiveSentra() : pangan;
            var total = await sentra.CountAsync();
            var shown = Math.Clamp(page, 1, Math.Max(1, (total + 9) / 10));
            var expected = await sentra.InDirectoryOrder().Skip((shown - 1) * 10).Take(10).SelectPublic().AsNoTracking().ToListAsync();

            Assert.Equal(total, read.Total);
            Assert.Equal(shown, read.Page);
            Assert.NotEmpty(read.Results);
            Assert.Equal(Json(expected), Json(read.Results));
        }
    }

    [Fact]
    public async Task The_sentra_statement_reads_the_same_sentra_listed_members_and_photos_as_the_public_queries()
    {
        await using var db = App.NewDbContext();
        await App.LoadDemoDataAsync();
        var slugs = await db.ActiveSentra().OrderBy(s => s.Slug).Select(s => s.Slug).ToListAsync();

        foreach (var slug in slugs)
        {
            var read = await PublicPageQueries.SentraAsync(db, slug, default);
            var members = await db.Memberships
                .Where(m => m.Sentra.Slug == slug && m.LeftOn == null && m.Unit.Status == UnitStatus.Aktif && m.Unit.PublicConsent)
                .OrderBy(m => m.Unit.BusinessName).ThenBy(m => m.Unit.Id)
                .Select(m => new PublicMemberBusiness(m.Unit.Id, m.Unit.BusinessName, m.Unit.MainProducts)).ToListAsync();

            Assert.Equal(Json((await db.SentraBySlugAsync(slug, default))!), Json(read.Sentra!));
            Assert.Equal(members.OrderBy(m => m.BusinessName, StringComparer.Ordinal).ThenBy(m => m.Id),
                read.Members.OrderBy(m => m.BusinessName, StringComparer.Ordinal).ThenBy(m => m.Id));
            Assert.Equal(await db.SentraPhotosAsync(slug, default), read.Photos);
        }

        Assert.Null((await PublicPageQueries.SentraAsync(db, "tidak-ada", default)).Sentra);
    }
}
