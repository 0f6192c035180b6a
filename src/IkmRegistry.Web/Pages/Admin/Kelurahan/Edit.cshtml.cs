using FluentValidation;

namespace IkmRegistry.Web.Pages.Admin.Kelurahan;

public class EditModel(RegistryDbContext db, IValidator<EditModel.InputModel> validator, IStringLocalizer<SharedResource> l) : PageModel, IFormPage
{
    /// <summary>No option lists: while the database is unreachable the form comes back as typed.</summary>
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public string Code { get; private set; } = "";

    public bool Conflict { get; private set; }

    public sealed class InputModel
    {
        public string? Name { get; set; }
        public string? Latitude { get; set; }
        public string? Longitude { get; set; }
        public uint Version { get; set; }
    }

    public sealed class InputValidator : AbstractValidator<InputModel>
    {
        public InputValidator(IStringLocalizer<SharedResource> l)
        {
            RuleFor(x => x.Name).Must(v => Identifiers.Clean(v) is not null).WithMessage(_ => l["Isi nama kelurahan."])
                .MaximumLength(100).WithMessage(_ => l["Nama paling banyak 100 karakter."]);
            // Kota Palangka Raya lies roughly within 1.5–2.5° S and 113.5–114.2° E.
            RuleFor(x => x.Latitude).Must(v => Coordinate(v) is >= -2.6 and <= -1.4)
                .WithMessage(_ => l["Lintang harus di wilayah Palangka Raya, antara -2,6 dan -1,4 (contoh -2,19975)."]);
            RuleFor(x => x.Longitude).Must(v => Coordinate(v) is >= 113.4 and <= 114.3)
                .WithMessage(_ => l["Bujur harus di wilayah Palangka Raya, antara 113,4 dan 114,3 (contoh 113,95033)."]);
        }
    }

    /// <summary>A coordinate typed with a decimal comma (id-ID) or point.</summary>
    public static double? Coordinate(string? text) =>
        double.TryParse(text?.Trim().Replace(',', '.'), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : null;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        var k = await db.Kelurahan.AsNoTracking().FirstOrDefaultAsync(k => k.Id == id, cancellationToken);
        if (k is null)
        {
            return NotFound();
        }

        Code = k.Code;
        Input = new InputModel
        {
            Name = k.Name,
            Latitude = k.Latitude.ToString("0.00000", System.Globalization.CultureInfo.InvariantCulture),
            Longitude = k.Longitude.ToString("0.00000", System.Globalization.CultureInfo.InvariantCulture),
            Version = k.Version,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken cancellationToken)
    {
        var k = await db.Kelurahan.FirstOrDefaultAsync(k => k.Id == id, cancellationToken);
        if (k is null)
        {
            return NotFound();
        }

        Code = k.Code;
        (await validator.ValidateAsync(Input, cancellationToken)).AddTo(ModelState);
        if (!ModelState.IsValid)
        {
            return Page();
        }

        db.Entry(k).Property(x => x.Version).OriginalValue = Input.Version;
        k.Name = Identifiers.Clean(Input.Name)!;
        k.Latitude = Coordinate(Input.Latitude)!.Value;
        k.Longitude = Coordinate(Input.Longitude)!.Value;
        if (await this.SaveOrConflictAsync<Domain.Kelurahan>(db, x => x.Id == id, cancellationToken) is { } current)
        {
            (Conflict, Input.Version) = (true, current);
            return Page();
        }

        TempData["Message"] = l["Kelurahan {0} tersimpan.", k.Name].Value;
        return RedirectToPage("Index");
    }
}
