using IkmRegistry.Web.Photos;
using QRCoder;

namespace IkmRegistry.Web.Pages.Directory;

/// <summary>A printable A4 poster of an active sentra for the showroom wall and markets: name, products, a photo and a QR code of its public page.</summary>
public class PosterModel(RegistryDbContext db, LinkGenerator links) : PageModel
{
    public PublicSentra Sentra { get; private set; } = null!;
    public PublicPhoto? Photo { get; private set; }

    /// <summary>The sentra's public address, which the QR code holds.</summary>
    public string Address { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        if (await db.SentraBySlugAsync(slug, cancellationToken) is not { } sentra)
        {
            return NotFound();
        }

        Sentra = sentra;
        Photo = (await db.SentraPhotosAsync(slug, cancellationToken)).FirstOrDefault();
        Address = links.PublicPageUri(HttpContext, "/Directory/Sentra", new { slug })!;
        return Page();
    }

    public async Task<IActionResult> OnGetQrAsync(string slug, CancellationToken cancellationToken)
    {
        if (await db.SentraBySlugAsync(slug, cancellationToken) is null)
        {
            return NotFound();
        }

        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(links.PublicPageUri(HttpContext, "/Directory/Sentra", new { slug })!, QRCodeGenerator.ECCLevel.M);
        Response.Headers.CacheControl = "public, max-age=3600";
        return File(new PngByteQRCode(data).GetGraphic(10), "image/png");
    }
}
