using System.Globalization;
using System.Security.Cryptography;
using IkmRegistry.Web.Pages.Directory;
using Microsoft.Extensions.Options;

namespace IkmRegistry.Web.Photos;

/// <summary>The photo files: written only after the whole upload was decoded and re-encoded, read by /photos/{key}-{width}.jpg.</summary>
public sealed class PhotoStore(IWebHostEnvironment environment, IOptions<PhotoOptions> options)
{
    public PhotoOptions Options => options.Value;

    public string Folder => Path.GetFullPath(Path.Combine(environment.ContentRootPath, options.Value.Folder));

    public static string NewKey() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    public static string FileName(string key, int nominal) => $"{key}-{nominal.ToString(CultureInfo.InvariantCulture)}.jpg";

    public async Task SaveAsync(string key, IEnumerable<PhotoProcessor.Size> sizes, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Folder);
        foreach (var size in sizes)
        {
            await File.WriteAllBytesAsync(Path.Combine(Folder, FileName(key, size.Nominal)), size.Jpeg, cancellationToken);
        }
    }

    public void Delete(string key)
    {
        foreach (var nominal in PhotoProcessor.Widths)
        {
            File.Delete(Path.Combine(Folder, FileName(key, nominal)));
        }
    }
}

public static class PhotoSetup
{
    public static WebApplicationBuilder AddRegistryPhotos(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<PhotoOptions>(builder.Configuration.GetSection("Photos"));
        builder.Services.AddSingleton<PhotoStore>();
        return builder;
    }

    /// <summary>
    /// /photos/{key}-{width}.jpg: to anyone while the photo's sentra is active or its business listed (active, with
    /// consent); otherwise only to signed-in registry users. Keys are random, files never change (cached a day).
    /// </summary>
    public static void MapRegistryPhotos(this WebApplication app) =>
        app.MapGet("/photos/{name:regex(^[0-9a-f]{{32}}-(400|800|1600)\\.jpg$)}", async (string name, HttpContext http, RegistryDbContext db, PhotoStore store, CancellationToken ct) =>
        {
            var key = name[..32];
            var user = http.User;
            var staff = user.IsInRole(Roles.Admin) || user.IsInRole(Roles.Staff) || user.IsInRole(Roles.Official);
            var photos = db.Photos.Where(p => p.Key == key);
            if (!staff)
            {
                photos = photos.Where(p => (p.Sentra != null && p.Sentra.Status == SentraStatus.Aktif)
                    || (p.Unit != null && p.Unit.Status == UnitStatus.Aktif && p.Unit.PublicConsent));
            }

            var path = Path.Combine(store.Folder, name);
            if (!await photos.AnyAsync(ct) || !File.Exists(path))
            {
                return Results.NotFound();
            }

            http.Response.Headers.CacheControl = staff ? "private, no-store" : "public, max-age=86400";
            return Results.File(path, "image/jpeg");
        })
        .ExcludeFromDescription();
}

/// <summary>A photo as public pages show it: a responsive image with its width and height (no layout shift).</summary>
public sealed record PublicPhoto(string Key, string AltText, int Width, int Height)
{
    public string Src => "/photos/" + PhotoStore.FileName(Key, 800);

    public string SrcSet => string.Join(", ", PhotoProcessor.Widths.Select(w =>
        $"/photos/{PhotoStore.FileName(Key, w)} {Math.Min(w, Width).ToString(CultureInfo.InvariantCulture)}w").DistinctBy(s => s[(s.LastIndexOf(' ') + 1)..]));

    /// <summary>The height of the 800-wide image, so that width and height give the browser the aspect ratio before it loads.</summary>
    public int ShownWidth => Math.Min(800, Width);

    public int ShownHeight => Math.Max(1, (int)Math.Round((double)Height * ShownWidth / Width));
}

public static class PhotoQueries
{
    public static Task<List<PublicPhoto>> SentraPhotosAsync(this RegistryDbContext db, string sentraSlug, CancellationToken cancellationToken) =>
        db.Photos.Where(p => p.Sentra != null && p.Sentra.Slug == sentraSlug && p.Sentra.Status == SentraStatus.Aktif)
            .OrderBy(p => p.Id).Select(p => new PublicPhoto(p.Key, p.AltText, p.Width, p.Height)).AsNoTracking().ToListAsync(cancellationToken);

    public static Task<List<PublicPhoto>> BusinessPhotosAsync(this RegistryDbContext db, int unitId, CancellationToken cancellationToken) =>
        db.ListedBusinesses().Where(u => u.Id == unitId).SelectMany(u => db.Photos.Where(p => p.UnitId == u.Id))
            .OrderBy(p => p.Id).Select(p => new PublicPhoto(p.Key, p.AltText, p.Width, p.Height)).AsNoTracking().ToListAsync(cancellationToken);
}
