using System.Xml.Linq;
using IkmRegistry.Web.Pages.Directory;

namespace IkmRegistry.Web.Api;

/// <summary>/sitemap.xml: the public pages (home, directory, city overview, product search, every active sentra and kelurahan, listed businesses).</summary>
public static class Sitemap
{
    /// <summary>The sitemap protocol's limit of addresses in one file.</summary>
    public const int MaxAddresses = 50_000;

    private static readonly XNamespace _ns = "http://www.sitemaps.org/schemas/sitemap/0.9";

    public static void MapSitemap(this WebApplication app) =>
        app.MapGet("/sitemap.xml", async (HttpContext http, RegistryDbContext db, PublicOptionsQuery options, LinkGenerator links, CancellationToken ct) =>
        {
            var sentra = await db.ActiveSentra().OrderBy(s => s.Slug).Select(s => s.Slug).ToListAsync(ct);
            var kelurahan = (await options.ReadAsync(ct)).Kelurahan;
            // Only current addresses: a business under its current name (an older address redirects there). A sitemap
            // holds at most 50,000 addresses; the businesses fill what the other pages leave.
            var businesses = await db.ListedBusinesses().OrderBy(u => u.Id).Select(u => new { u.Id, u.BusinessName })
                .Take(MaxAddresses - 100 - sentra.Count - kelurahan.Count).ToListAsync(ct);

            var pages = new List<string?>
            {
                links.PublicPageUri(http, "/Index"),
                links.PublicPageUri(http, "/Directory/Index"),
                links.PublicPageUri(http, "/Directory/Overview"),
                links.PublicPageUri(http, "/Directory/OpenData"),
                links.PublicPageUri(http, "/Directory/Products"),
            };
            pages.AddRange(sentra.Select(slug => links.PublicPageUri(http, "/Directory/Sentra", new { slug })));
            pages.AddRange(kelurahan.Select(k => links.PublicPageUri(http, "/Directory/Kelurahan", new { slug = k.Slug })));
            pages.AddRange(businesses.Select(b => links.PublicPageUri(http, "/Directory/Business", new { slug = PublicQueries.BusinessSlug(b.Id, b.BusinessName) })));

            var document = new XDocument(new XDeclaration("1.0", "utf-8", null),
                new XElement(_ns + "urlset", pages.OfType<string>().Select(url => new XElement(_ns + "url", new XElement(_ns + "loc", url)))));
            http.Response.Headers.CacheControl = "public, max-age=3600";
            return Results.Text(document.Declaration + "\n" + document.Root, "application/xml; charset=utf-8");
        })
        .AllowAnonymous()
        .ExcludeFromDescription();
}
