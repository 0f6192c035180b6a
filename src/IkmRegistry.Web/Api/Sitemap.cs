using System.Xml.Linq;
using IkmRegistry.Web.Data;
using IkmRegistry.Web.Infrastructure;
using IkmRegistry.Web.Pages.Directory;
using Microsoft.EntityFrameworkCore;

namespace IkmRegistry.Web.Api;

/// <summary>/sitemap.xml: the public pages (home, directory, city overview, every active sentra and kelurahan).</summary>
public static class Sitemap
{
    private static readonly XNamespace _ns = "http://www.sitemaps.org/schemas/sitemap/0.9";

    public static void MapSitemap(this WebApplication app) =>
        app.MapGet("/sitemap.xml", async (HttpContext http, RegistryDbContext db, LinkGenerator links, CancellationToken ct) =>
        {
            var sentra = await db.ActiveSentra().OrderBy(s => s.Slug).Select(s => s.Slug).ToListAsync(ct);
            var kelurahan = await db.KelurahanAsync(ct);

            var pages = new List<string?>
            {
                links.PublicPageUri(http, "/Index"),
                links.PublicPageUri(http, "/Directory/Index"),
                links.PublicPageUri(http, "/Directory/Overview"),
                links.PublicPageUri(http, "/Directory/OpenData"),
            };
            pages.AddRange(sentra.Select(slug => links.PublicPageUri(http, "/Directory/Sentra", new { slug })));
            pages.AddRange(kelurahan.Select(k => links.PublicPageUri(http, "/Directory/Kelurahan", new { slug = k.Slug })));

            var document = new XDocument(new XDeclaration("1.0", "utf-8", null),
                new XElement(_ns + "urlset", pages.OfType<string>().Select(url => new XElement(_ns + "url", new XElement(_ns + "loc", url)))));
            http.Response.Headers.CacheControl = "public, max-age=3600";
            return Results.Text(document.Declaration + "\n" + document.Root, "application/xml; charset=utf-8");
        })
        .AllowAnonymous()
        .ExcludeFromDescription();
}
