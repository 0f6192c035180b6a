using IkmRegistry.Web.Photos;
using Microsoft.Extensions.DependencyInjection;
using SkiaSharp;

namespace IkmRegistry.BrowserTests.Directory;

/// <summary>A buyer finds a product across the city, opens the business, sees its photos and WhatsApp, and an old sentra address still works.</summary>
public class CatalogueTests(BrowserApp app) : BrowserTest(app)
{
    private int _businessId;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await using var db = App.NewDbContext();
        var pahandut = db.Kelurahan.Single(k => k.Code == "62.71.01.1001");
        var menteng = db.Kelurahan.Single(k => k.Code == "62.71.03.1002");
        var pangan = db.ProductCategories.Single(c => c.Code == "pangan");
        var now = DateTime.UtcNow;
        var sentra = new Sentra
        {
            Name = "Sentra IKM Amplang Kahayan", Slug = "sentra-ikm-amplang-kahayan", Kelurahan = pahandut, Status = SentraStatus.Aktif,
            Products = "amplang, kerupuk ikan", Categories = [pangan], CreatedAt = now, UpdatedAt = now,
        };
        db.Sentra.Add(sentra);
        // Renamed from "Sentra IKM Amplang Pahandut": the old address is kept.
        db.SentraFormerSlugs.Add(new SentraFormerSlug { Slug = "sentra-ikm-amplang-pahandut", Sentra = sentra, RetiredAt = now });
        var unit = new IndustrialUnit
        {
            BusinessName = "Amplang Ibu Sari", OwnerName = "Sari", MainProducts = "amplang ikan haruan, amplang ikan pipih", Category = pangan, Kelurahan = menteng,
            PublicConsent = true, PublicConsentOn = new DateOnly(2026, 1, 5), PublicContactConsent = true, PublicContactConsentOn = new DateOnly(2026, 1, 5),
            Phone = "+6281234567890", RegisteredOn = new DateOnly(2024, 3, 1), CreatedAt = now, UpdatedAt = now,
        };
        db.IndustrialUnits.Add(unit);
        await db.SaveChangesAsync();
        _businessId = unit.Id;

        var store = App.Services.GetRequiredService<PhotoStore>();
        foreach (var (width, height, alt) in new[] { (1600, 1200, "Amplang ikan haruan dalam toples"), (1200, 1600, "Amplang ikan pipih dalam kemasan"), (1600, 900, "Dapur produksi amplang") })
        {
            var result = PhotoProcessor.Process(Jpeg(width, height), store.Options.MaxPixels);
            var photo = new Photo { UnitId = unit.Id, Key = PhotoStore.NewKey(), AltText = alt, Width = result.Sizes[^1].Width, Height = result.Sizes[^1].Height };
            await store.SaveAsync(photo.Key, result.Sizes, CancellationToken.None);
            db.Photos.Add(photo);
        }

        await db.SaveChangesAsync();
    }

    private static byte[] Jpeg(int width, int height)
    {
        using var bitmap = new SKBitmap(width, height);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(new SKColor(0xE8, 0xC0, 0x70));
            using var paint = new SKPaint { Color = new SKColor(0x8A, 0x50, 0x20) };
            canvas.DrawCircle(width / 2f, height / 2f, Math.Min(width, height) / 3f, paint);
        }

        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Jpeg, 85);
        return data.ToArray();
    }

    [Fact]
    public async Task A_visitor_searches_amplang_opens_a_business_sees_its_photo_and_whatsapp_and_follows_a_renamed_sentra_address()
    {
        var page = await App.NewPageAsync();
        // Sum the layout shifts the way Lighthouse's CLS does (shifts without recent input), from the first paint on.
        await page.AddInitScriptAsync("""
            window.__cls = 0;
            new PerformanceObserver(list => { for (const e of list.getEntries()) { if (!e.hadRecentInput) window.__cls += e.value; } })
                .observe({ type: 'layout-shift', buffered: true });
            """);
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Link, new() { Name = "Cari produk IKM", Exact = true }).First.ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Cari produk IKM", Level = 1 })).ToBeVisibleAsync();
        var search = page.GetByLabel("Produk", new() { Exact = true });
        await search.FillAsync("amplang");
        await page.GetByRole(AriaRole.Button, new() { Name = "Cari", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "amplang ikan haruan" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Sentra IKM Amplang Kahayan" }).First).ToBeVisibleAsync();
        await page.AssertNoSeriousViolationsAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Amplang Ibu Sari" }).First.ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Amplang Ibu Sari", Level = 1 })).ToBeVisibleAsync();
        Assert.EndsWith($"/Directory/Business/{_businessId}-amplang-ibu-sari", page.Url);
        var photo = page.GetByRole(AriaRole.Img, new() { Name = "Amplang ikan haruan dalam toples" });
        await Assertions.Expect(photo).ToBeVisibleAsync();
        await page.WaitForFunctionAsync("() => [...document.querySelectorAll('img.public-photo')].slice(0, 1).every(i => i.complete && i.naturalWidth > 0)");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "WhatsApp 0812-3456-7890" })).ToHaveAttributeAsync("href", "https://wa.me/6281234567890");
        await page.AssertNoSeriousViolationsAsync();

        // Every photo loaded (the lazy ones once scrolled to), then the page's layout shift.
        await page.Mouse.WheelAsync(0, 3000);
        await page.WaitForFunctionAsync("() => [...document.querySelectorAll('img.public-photo')].every(i => i.complete && i.naturalWidth > 0)");
        await page.WaitForTimeoutAsync(300);
        var cls = await page.EvaluateAsync<double>("() => window.__cls");
        Assert.True(cls < 0.05, $"Cumulative layout shift on the business page was {cls}");

        await page.GotoAsync("/Directory/Sentra/sentra-ikm-amplang-pahandut");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sentra IKM Amplang Kahayan", Level = 1 })).ToBeVisibleAsync();
        Assert.EndsWith("/Directory/Sentra/sentra-ikm-amplang-kahayan", page.Url);
        await page.AssertNoSeriousViolationsAsync();
    }
}
