using SkiaSharp;

namespace IkmRegistry.Web.Photos;

public sealed class PhotoOptions
{
    /// <summary>Where the re-encoded photos are kept; relative to the content root, outside wwwroot (served by /photos/…).</summary>
    public string Folder { get; set; } = "App_Data/photos";

    /// <summary>The largest upload accepted, in bytes.</summary>
    public long MaxBytes { get; set; } = 8 * 1024 * 1024;

    /// <summary>The most pixels a photo may declare: a tiny file claiming a huge size (a decompression bomb) is refused before decoding.</summary>
    public long MaxPixels { get; set; } = 40_000_000;
}

/// <summary>
/// Turns an upload into the photos the site serves, with SkiaSharp (MIT): only JPEG, PNG and WebP are read, the size
/// they declare is checked before any pixel is decoded, every pixel is decoded (a truncated file is refused), the
/// orientation the camera recorded is applied, and three widths are drawn on white and encoded anew as sRGB JPEG.
/// Nothing of the uploaded file is kept, so no metadata (EXIF, GPS, XMP, ICC) survives.
/// </summary>
public static class PhotoProcessor
{
    /// <summary>The stored widths; a smaller photo is stored at its own width.</summary>
    public static readonly int[] Widths = [400, 800, 1600];

    public const int Quality = 82;

    public sealed record Size(int Nominal, int Width, int Height, byte[] Jpeg);

    /// <summary>The sizes to store, or the message (Indonesian, a translation key with the argument) that refuses the file.</summary>
    public sealed record Result(IReadOnlyList<Size> Sizes, string? Error, object? ErrorArgument = null);

    public static Result Process(byte[] content, long maxPixels)
    {
        using var data = SKData.CreateCopy(content);
        using var codec = SKCodec.Create(data);
        if (codec is null || codec.EncodedFormat is not (SKEncodedImageFormat.Jpeg or SKEncodedImageFormat.Png or SKEncodedImageFormat.Webp))
        {
            return new Result([], "Berkas ini bukan gambar JPEG, PNG atau WebP.");
        }

        var (width, height) = (codec.Info.Width, codec.Info.Height);
        if (width <= 0 || height <= 0 || (long)width * height > maxPixels)
        {
            return new Result([], "Ukuran gambar terlalu besar: paling banyak {0} megapiksel.", maxPixels / 1_000_000);
        }

        var info = new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul, SKColorSpace.CreateSrgb());
        using var decoded = new SKBitmap(info);
        if (codec.GetPixels(info, decoded.GetPixels()) != SKCodecResult.Success)
        {
            return new Result([], "Gambar rusak atau terpotong. Unggah berkas aslinya lagi.");
        }

        using var image = SKImage.FromBitmap(decoded);
        var origin = codec.EncodedOrigin;
        var swap = origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;
        var (upright, uprightHeight) = swap ? (height, width) : (width, height);
        var orient = Orientation(origin, width, height);
        var sizes = new List<Size>();
        foreach (var nominal in Widths)
        {
            var w = Math.Min(nominal, upright);
            var h = Math.Max(1, (int)Math.Round((double)uprightHeight * w / upright));
            var target = new SKImageInfo(w, h, SKColorType.Rgba8888, SKAlphaType.Premul, SKColorSpace.CreateSrgb());
            using var bitmap = new SKBitmap(target);
            using (var canvas = new SKCanvas(bitmap))
            {
                // Transparent PNG areas become white, not black, in a JPEG.
                canvas.Clear(SKColors.White);
                var matrix = SKMatrix.Concat(SKMatrix.CreateScale((float)w / upright, (float)h / uprightHeight), orient);
                canvas.Concat(in matrix);
                canvas.DrawImage(image, 0, 0, new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear));
            }

            using var encoded = SKImage.FromBitmap(bitmap).Encode(SKEncodedImageFormat.Jpeg, Quality);
            sizes.Add(new Size(nominal, w, h, encoded.ToArray()));
        }

        return new Result(sizes, null);
    }

    /// <summary>The matrix that shows the decoded pixels the right way up (EXIF orientations 1 to 8), for a width × height source.</summary>
    private static SKMatrix Orientation(SKEncodedOrigin origin, float width, float height) => origin switch
    {
        SKEncodedOrigin.TopRight => new SKMatrix(-1, 0, width, 0, 1, 0, 0, 0, 1),
        SKEncodedOrigin.BottomRight => new SKMatrix(-1, 0, width, 0, -1, height, 0, 0, 1),
        SKEncodedOrigin.BottomLeft => new SKMatrix(1, 0, 0, 0, -1, height, 0, 0, 1),
        SKEncodedOrigin.LeftTop => new SKMatrix(0, 1, 0, 1, 0, 0, 0, 0, 1),
        SKEncodedOrigin.RightTop => new SKMatrix(0, -1, height, 1, 0, 0, 0, 0, 1),
        SKEncodedOrigin.RightBottom => new SKMatrix(0, -1, height, -1, 0, width, 0, 0, 1),
        SKEncodedOrigin.LeftBottom => new SKMatrix(0, 1, 0, -1, 0, width, 0, 0, 1),
        _ => SKMatrix.Identity,
    };
}
