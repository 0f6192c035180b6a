using FluentValidation;
using IkmRegistry.Web.Photos;

namespace IkmRegistry.Web.Pages.Registry.Photos;

/// <summary>
/// The photos of one sentra (?sentra=id) or of one business's products (?unit=id): staff upload (with alt text) and
/// remove them; officials look. An upload is decoded and re-encoded (<see cref="PhotoProcessor"/>) before anything is
/// stored; a refused file leaves no trace.
/// </summary>
public class IndexModel(RegistryDbContext db, PhotoStore store, IValidator<IndexModel.InputModel> validator, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "sentra")]
    public int? SentraId { get; set; }

    [BindProperty(SupportsGet = true, Name = "unit")]
    public int? UnitId { get; set; }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public string OwnerName { get; private set; } = "";
    public bool IsUnit => UnitId is not null;

    /// <summary>For a business: whether its owner agreed to be listed (its photos are public only then).</summary>
    public bool Listed { get; private set; }

    public List<Photo> Items { get; private set; } = [];

    public sealed class InputModel
    {
        public string? AltText { get; set; }
        public IFormFile? Berkas { get; set; }
    }

    public sealed class InputValidator : AbstractValidator<InputModel>
    {
        public InputValidator(IStringLocalizer<SharedResource> l)
        {
            RuleFor(x => x.AltText).Must(v => Identifiers.Clean(v) is not null).WithMessage(_ => l["Isi teks alternatif: apa yang tampak di foto, untuk pembaca yang tidak dapat melihatnya."]);
            RuleFor(x => x.AltText).Must(v => v is null || v.Trim().Length <= 200).WithMessage(_ => l["{0} paling banyak {1} karakter.", l["Teks alternatif"], 200]);
            RuleFor(x => x.Berkas).NotNull().WithMessage(_ => l["Pilih berkas foto (JPEG, PNG atau WebP)."]);
        }
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await LoadAsync(cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostUploadAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        (await validator.ValidateAsync(Input, cancellationToken)).AddTo(ModelState);
        if (Input.Berkas is { } file && ModelState.IsValid)
        {
            if (file.Length > store.Options.MaxBytes)
            {
                ModelState.AddModelError("Input.Berkas", l["Berkas terlalu besar: paling banyak {0} MB.", store.Options.MaxBytes / (1024 * 1024)]);
            }
            else
            {
                using var buffer = new MemoryStream();
                await file.CopyToAsync(buffer, cancellationToken);
                var result = PhotoProcessor.Process(buffer.ToArray(), store.Options.MaxPixels);
                if (result.Error is { } error)
                {
                    ModelState.AddModelError("Input.Berkas", result.ErrorArgument is null ? l[error] : l[error, result.ErrorArgument]);
                }
                else
                {
                    var largest = result.Sizes[^1];
                    var photo = new Photo
                    {
                        Key = PhotoStore.NewKey(), AltText = Identifiers.Clean(Input.AltText)!, SentraId = SentraId, UnitId = UnitId,
                        Width = largest.Width, Height = largest.Height,
                    };
                    await store.SaveAsync(photo.Key, result.Sizes, cancellationToken);
                    db.Photos.Add(photo);
                    await db.SaveChangesAsync(cancellationToken);
                    TempData["Message"] = l["Foto tersimpan."].Value;
                    return RedirectToPage(new { sentra = SentraId, unit = UnitId });
                }
            }
        }

        return Page();
    }

    public async Task<IActionResult> OnPostDeleteAsync(int id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken) || Items.Find(p => p.Id == id) is not { } photo)
        {
            return NotFound();
        }

        db.Photos.Remove(photo);
        await db.SaveChangesAsync(cancellationToken);
        store.Delete(photo.Key);
        TempData["Message"] = l["Foto dihapus."].Value;
        return RedirectToPage(new { sentra = SentraId, unit = UnitId });
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        if (SentraId is { } sentraId && UnitId is null)
        {
            OwnerName = await db.Sentra.Where(s => s.Id == sentraId).Select(s => s.Name).SingleOrDefaultAsync(cancellationToken) ?? "";
            Items = await db.Photos.Where(p => p.SentraId == sentraId).OrderBy(p => p.Id).ToListAsync(cancellationToken);
        }
        else if (UnitId is { } unitId && SentraId is null)
        {
            var unit = await db.IndustrialUnits.Where(u => u.Id == unitId)
                .Select(u => new { u.BusinessName, Listed = u.Status == UnitStatus.Aktif && u.PublicConsent }).SingleOrDefaultAsync(cancellationToken);
            (OwnerName, Listed) = unit is null ? ("", false) : (unit.BusinessName, unit.Listed);
            Items = await db.Photos.Where(p => p.UnitId == unitId).OrderBy(p => p.Id).ToListAsync(cancellationToken);
        }

        return OwnerName.Length > 0;
    }
}
