using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace IkmRegistry.Web.Pages.Registry.Sentra;

/// <summary>What Create and Edit both do with a validated sentra form: check references, sync categories, give a unique slug.</summary>
public static class SentraForm
{
    public static async Task LoadListsAsync(RegistryDbContext db, Lookups lookups, ViewDataDictionary viewData, int? kelurahanId, CancellationToken cancellationToken)
    {
        viewData["KelurahanOptions"] = await lookups.KelurahanAsync(db, kelurahanId, cancellationToken);
        viewData["CategoryOptions"] = await lookups.CategoriesAsync(db, cancellationToken);
    }

    public static async Task CheckReferencesAsync(RegistryDbContext db, SentraInput input, int? currentKelurahanId, ModelStateDictionary modelState, IStringLocalizer l, CancellationToken cancellationToken)
    {
        var kelurahanId = int.Parse(input.KelurahanId!);
        if (kelurahanId != currentKelurahanId && !await db.Kelurahan.AnyAsync(k => k.Id == kelurahanId && k.RetiredOn == null, cancellationToken))
        {
            modelState.AddModelError("Input.KelurahanId", l["Pilih kelurahan yang masih aktif dari daftar."]);
        }

        var known = await db.ProductCategories.CountAsync(c => input.CategoryIds.Contains(c.Id), cancellationToken);
        if (known != input.CategoryIds.Distinct().Count())
        {
            modelState.AddModelError("Input.CategoryIds", l["Pilih sedikitnya satu kategori produk."]);
        }
    }

    public static async Task ApplyAsync(RegistryDbContext db, SentraInput input, Domain.Sentra sentra, CancellationToken cancellationToken)
    {
        input.ApplyTo(sentra);
        var wanted = input.CategoryIds.Distinct().ToList();
        sentra.Categories.RemoveAll(c => !wanted.Contains(c.Id));
        var missing = wanted.Except(sentra.Categories.Select(c => c.Id)).ToList();
        sentra.Categories.AddRange(await db.ProductCategories.Where(c => missing.Contains(c.Id)).ToListAsync(cancellationToken));

        var slug = Slug.From(sentra.Name);
        slug = slug.Length == 0 ? "sentra" : slug[..Math.Min(slug.Length, 200)];
        var candidate = slug;
        // A former address of another sentra stays that sentra's (it redirects there), so it is never given again.
        for (var n = 2; await db.Sentra.AnyAsync(s => s.Slug == candidate && s.Id != sentra.Id, cancellationToken)
            || await db.SentraFormerSlugs.AnyAsync(f => f.Slug == candidate && f.SentraId != sentra.Id, cancellationToken); n++)
        {
            candidate = $"{slug}-{n}";
        }

        if (sentra.Id != 0 && sentra.Slug.Length > 0 && sentra.Slug != candidate)
        {
            // A rename keeps the old public address as a redirect to the new one; renamed back, the address is current again.
            db.SentraFormerSlugs.Add(new SentraFormerSlug { Slug = sentra.Slug, SentraId = sentra.Id, RetiredAt = db.Clock.GetUtcNow().UtcDateTime });
            db.SentraFormerSlugs.RemoveRange(await db.SentraFormerSlugs.Where(f => f.Slug == candidate && f.SentraId == sentra.Id).ToListAsync(cancellationToken));
        }

        sentra.Slug = candidate;
    }
}
