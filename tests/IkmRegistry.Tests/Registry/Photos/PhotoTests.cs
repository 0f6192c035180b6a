using System.Buffers.Binary;
using System.Net.Http.Headers;
using System.Text;
using IkmRegistry.Tests.Dashboard;
using IkmRegistry.Tests.Pages.Directory;
using IkmRegistry.Web.Photos;
using SkiaSharp;

namespace IkmRegistry.Tests.Registry.Photos;

/// <summary>Photos are decoded and re-encoded before anything is stored: no metadata survives, forged files are refused, alt text is required.</summary>
public class PhotoTests(RegistryApp app) : RegistryTest(app)
{
    /// <summary>A JPEG drawn in code, with noise so that its scan data is large.</summary>
    public static byte[] Jpeg(int width, int height)
    {
        using var bitmap = new SKBitmap(width, height);
        var random = new Random(7);
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                bitmap.SetPixel(x, y, new SKColor((byte)random.Next(256), (byte)(x * 255 / width), (byte)(y * 255 / height)));
            }
        }

        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Jpeg, 90);
        return data.ToArray();
    }

    /// <summary>The JPEG with an EXIF block (APP1) right after its start: orientation 6 (turn right) and a GPS directory with a marker text.</summary>
    public static byte[] JpegWithGps(int width, int height, string marker)
    {
        var text = Encoding.ASCII.GetBytes(marker + "\0");
        var tiff = new byte[92 + text.Length];
        void U16(int at, int v) => BinaryPrimitives.WriteUInt16BigEndian(tiff.AsSpan(at), (ushort)v);
        void U32(int at, int v) => BinaryPrimitives.WriteUInt32BigEndian(tiff.AsSpan(at), (uint)v);
        void Entry(int at, int tag, int type, int count, int value, bool shortValue = false)
        {
            U16(at, tag);
            U16(at + 2, type);
            U32(at + 4, count);
            if (shortValue)
            {
                U16(at + 8, value);
            }
            else
            {
                U32(at + 8, value);
            }
        }

        tiff[0] = (byte)'M';
        tiff[1] = (byte)'M';
        U16(2, 42);
        U32(4, 8);
        U16(8, 2); // IFD0: orientation and the GPS directory's offset
        Entry(10, 0x0112, 3, 1, 6, shortValue: true);
        Entry(22, 0x8825, 4, 1, 38);
        U32(34, 0);
        U16(38, 4); // GPS: version, latitude S, longitude E, map datum (the marker)
        Entry(40, 0x0000, 1, 4, 0x02020000);
        Entry(52, 0x0001, 2, 2, 'S' << 24);
        Entry(64, 0x0003, 2, 2, 'E' << 24);
        Entry(76, 0x0012, 2, text.Length, 92);
        U32(88, 0);
        text.CopyTo(tiff, 92);

        var exif = new List<byte> { 0xFF, 0xE1 };
        var length = 2 + 6 + tiff.Length;
        exif.AddRange([(byte)(length >> 8), (byte)length, .. "Exif"u8.ToArray(), 0, 0, .. tiff]);
        var jpeg = Jpeg(width, height);
        return [.. jpeg[..2], .. exif, .. jpeg[2..]];
    }

    /// <summary>A small JPEG whose frame header (SOF0) declares 60,000 × 60,000 pixels.</summary>
    public static byte[] DecompressionBomb()
    {
        var jpeg = Jpeg(16, 16);
        for (var i = 2; i < jpeg.Length - 9; i++)
        {
            if (jpeg[i] == 0xFF && jpeg[i + 1] is 0xC0 or 0xC2)
            {
                BinaryPrimitives.WriteUInt16BigEndian(jpeg.AsSpan(i + 5), 60_000);
                BinaryPrimitives.WriteUInt16BigEndian(jpeg.AsSpan(i + 7), 60_000);
                return jpeg;
            }
        }

        throw new InvalidOperationException("No frame header found.");
    }

    private async Task<(Browser Browser, int UnitId)> StaffWithUnitAsync(bool consent = true)
    {
        IndustrialUnit unit;
        await using (var data = new DirectoryData(App.NewDbContext()))
        {
            unit = await data.UnitAsync("Amplang Foto Bu Sari", DirectoryData.Pahandut, "pangan", consent: consent, products: "amplang ikan haruan");
        }

        var browser = new Browser(App);
        await browser.SignInAsync(await App.CreateUserAsync(Roles.Staff));
        return (browser, unit.Id);
    }

    public static Task<IDocument> UploadAsync(Browser browser, string page, byte[] content, string fileName, string? alt) =>
        Uploading.UploadAsync(browser, page, "Input.Berkas", fileName, content, "image/jpeg",
            alt is null ? null : new Dictionary<string, string> { ["Input.AltText"] = alt });

    private PhotoStore Store => App.Services.GetRequiredService<PhotoStore>();

    [Fact]
    public async Task A_jpeg_with_a_gps_position_in_its_exif_is_stored_in_three_widths_without_any_metadata_and_turned_upright()
    {
        var (browser, unitId) = await StaffWithUnitAsync();
        using (browser)
        {
            var page = await UploadAsync(browser, $"/Registry/Photos?unit={unitId}", JpegWithGps(1200, 600, "PALANGKA-GPS-Q7X"), "kamera.jpg", "Amplang dalam kemasan");

            Assert.Contains("Foto tersimpan.", page.Body!.TextContent);
        }

        await using var db = App.NewDbContext();
        var photo = await db.Photos.SingleAsync();
        // Orientation 6: the 1200 × 600 picture is shown turned right, 600 wide and 1200 high.
        Assert.Equal((600, 1200, unitId), (photo.Width, photo.Height, photo.UnitId));
        foreach (var width in PhotoProcessor.Widths)
        {
            var bytes = await File.ReadAllBytesAsync(Path.Combine(Store.Folder, PhotoStore.FileName(photo.Key, width)));
            Assert.Equal([0xFF, 0xD8], bytes[..2]);
            Assert.Equal(-1, bytes.AsSpan().IndexOf("Exif"u8));
            Assert.Equal(-1, bytes.AsSpan().IndexOf("Q7X"u8));
            // No APP1 segment at all (EXIF and XMP live there); FF E1 cannot occur in entropy-coded data.
            Assert.Equal(-1, bytes.AsSpan().IndexOf([(byte)0xFF, (byte)0xE1]));
            using var codec = SKCodec.Create(new MemoryStream(bytes));
            Assert.Equal(SKEncodedOrigin.TopLeft, codec.EncodedOrigin);
            Assert.Equal(Math.Min(width, 600), codec.Info.Width);
        }

        Assert.Contains(await db.AuditEntries.Where(a => a.EntityType == "Photo").Select(a => a.Action).ToListAsync(), a => a == AuditAction.Create);
    }

    [Fact]
    public async Task A_decompression_bomb_a_truncated_file_a_non_image_named_jpg_and_an_oversized_file_are_refused_and_nothing_reaches_storage()
    {
        var (browser, unitId) = await StaffWithUnitAsync();
        using var _ = browser;
        var before = Directory.Exists(Store.Folder) ? Directory.GetFiles(Store.Folder).Length : 0;
        var whole = Jpeg(400, 400);
        var forged = new (byte[] Content, string Message)[]
        {
            (DecompressionBomb(), "Ukuran gambar terlalu besar"),
            (whole[..(whole.Length / 2)], "Gambar rusak atau terpotong"),
            ("%PDF-1.7 bukan gambar sama sekali"u8.ToArray(), "bukan gambar JPEG, PNG atau WebP"),
            (new byte[Store.Options.MaxBytes + 1], "Berkas terlalu besar"),
        };

        foreach (var (content, message) in forged)
        {
            var page = await UploadAsync(browser, $"/Registry/Photos?unit={unitId}", content, "foto.jpg", "Foto palsu");
            Assert.Contains(message, page.QuerySelector("#Berkas-error")!.TextContent);
            // What was typed stays.
            Assert.Equal("Foto palsu", page.QuerySelector<IHtmlInputElement>("#Input_AltText")!.Value);
        }

        await using var db = App.NewDbContext();
        Assert.Equal(0, await db.Photos.CountAsync());
        Assert.Equal(before, Directory.Exists(Store.Folder) ? Directory.GetFiles(Store.Folder).Length : 0);
    }

    [Fact]
    public async Task Alt_text_is_required()
    {
        var (browser, unitId) = await StaffWithUnitAsync();
        using var _ = browser;

        var page = await UploadAsync(browser, $"/Registry/Photos?unit={unitId}", Jpeg(100, 80), "foto.jpg", alt: "  ");

        Assert.Contains("Isi teks alternatif", page.QuerySelector("#AltText-error")!.TextContent);
        await using var db = App.NewDbContext();
        Assert.Equal(0, await db.Photos.CountAsync());
    }

    [Fact]
    public async Task A_listed_business_shows_its_photo_as_a_sized_lazy_responsive_image_and_a_hidden_business_photo_is_never_served()
    {
        var (browser, unitId) = await StaffWithUnitAsync();
        using (browser)
        {
            await UploadAsync(browser, $"/Registry/Photos?unit={unitId}", Jpeg(1000, 750), "produk.jpg", "Amplang <b>renyah</b>");
            await UploadAsync(browser, $"/Registry/Photos?unit={unitId}", Jpeg(300, 200), "kecil.jpg", "Amplang kecil");
        }

        using var visitor = new Browser(App);
        var page = await visitor.GetAsync($"/Directory/Business/{unitId}-amplang-foto-bu-sari");
        var images = page.QuerySelectorAll("img.public-photo").ToList();
        Assert.Equal(2, images.Count);
        Assert.Equal(("Amplang <b>renyah</b>", "800", "600", "eager"), (images[0].GetAttribute("alt"), images[0].GetAttribute("width"), images[0].GetAttribute("height"), images[0].GetAttribute("loading")));
        Assert.Equal(("300", "200", "lazy"), (images[1].GetAttribute("width"), images[1].GetAttribute("height"), images[1].GetAttribute("loading")));
        Assert.Contains(" 1000w", images[0].GetAttribute("srcset"));
        Assert.Null(page.QuerySelector("main b"));

        using var response = await visitor.Client.GetAsync(images[0].GetAttribute("src"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/jpeg", response.Content.Headers.ContentType!.MediaType);

        // Consent withdrawn: the page is gone and the photo is no longer served to the public.
        await App.ExecuteAsync($"UPDATE industrial_unit SET public_consent = false WHERE id = {unitId}");
        using var hidden = await visitor.Client.GetAsync(images[0].GetAttribute("src"));
        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
    }
}
