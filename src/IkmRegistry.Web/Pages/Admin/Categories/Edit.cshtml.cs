using FluentValidation;

namespace IkmRegistry.Web.Pages.Admin.Categories;

/// <summary>Names and the KBLI mapping of a category (the agency's starting point is unverified, so admins edit it).</summary>
public class EditModel(RegistryDbContext db, IValidator<EditModel.InputModel> validator, IStringLocalizer<SharedResource> l) : PageModel, IFormPage
{
    /// <summary>No option lists: while the database is unreachable the form comes back as typed.</summary>
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public bool Conflict { get; private set; }

    public sealed class InputModel
    {
        public string? NameId { get; set; }
        public string? NameEn { get; set; }
        public string? KbliDivisions { get; set; }
        public string? KbliExceptions { get; set; }
        public uint Version { get; set; }

        /// <summary>Groups, classes or sub-classes of the KBLI reference (3 to 5 digits), e.g. "16291, 16292".</summary>
        public static string[]? Exceptions(string? text)
        {
            var parts = (text ?? "").Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries);
            return parts.All(Kbli.IsKnownPrefix) ? [.. parts.Distinct().Order(StringComparer.Ordinal)] : null;
        }

        public static int[]? Divisions(string? text)
        {
            var parts = (text ?? "").Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries);
            var numbers = parts.Select(p => int.TryParse(p, out var n) ? n : -1).ToArray();
            return numbers.All(n => n is >= 10 and <= 33) ? [.. numbers.Distinct().Order()] : null;
        }
    }

    public sealed class InputValidator : AbstractValidator<InputModel>
    {
        public InputValidator(IStringLocalizer<SharedResource> l)
        {
            RuleFor(x => x.NameId).Must(v => Identifiers.Clean(v) is not null).WithMessage(_ => l["Isi nama dalam bahasa Indonesia."]).MaximumLength(150);
            RuleFor(x => x.NameEn).Must(v => Identifiers.Clean(v) is not null).WithMessage(_ => l["Isi nama dalam bahasa Inggris."]).MaximumLength(150);
            RuleFor(x => x.KbliDivisions).Must(v => InputModel.Divisions(v) is not null)
                .WithMessage(_ => l["Tulis golongan pokok KBLI industri pengolahan (10 sampai 33) dipisah koma, misalnya 10, 11."]);
            RuleFor(x => x.KbliExceptions).Must(v => InputModel.Exceptions(v) is not null)
                .WithMessage(_ => l["Tulis kode golongan, subgolongan atau kelompok KBLI 2020 (3 sampai 5 digit) yang ada dalam KBLI, dipisah koma, misalnya 16291, 16292."]);
        }
    }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        var c = await db.ProductCategories.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (c is null)
        {
            return NotFound();
        }

        Input = new InputModel { NameId = c.NameId, NameEn = c.NameEn, KbliDivisions = string.Join(", ", c.KbliDivisions), KbliExceptions = string.Join(", ", c.KbliExceptions), Version = c.Version };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken cancellationToken)
    {
        var c = await db.ProductCategories.FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (c is null)
        {
            return NotFound();
        }

        (await validator.ValidateAsync(Input, cancellationToken)).AddTo(ModelState);
        if (ModelState.IsValid)
        {
            // Every division has exactly one default category; a division no category claims falls to "Lainnya".
            var divisions = InputModel.Divisions(Input.KbliDivisions)!;
            var claimed = await db.ProductCategories.AsNoTracking().Where(o => o.Id != id)
                .Select(o => new { o.NameId, o.KbliDivisions }).ToListAsync(cancellationToken);
            var taken = claimed.SelectMany(o => o.KbliDivisions.Intersect(divisions).Select(d => $"{d} ({o.NameId})")).ToList();
            if (taken.Count > 0)
            {
                ModelState.AddModelError("Input.KbliDivisions", l["Golongan pokok ini sudah milik kategori lain: {0}. Hapus dulu di kategori itu.", string.Join(", ", taken)]);
            }
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        db.Entry(c).Property(x => x.Version).OriginalValue = Input.Version;
        c.NameId = Identifiers.Clean(Input.NameId)!;
        c.NameEn = Identifiers.Clean(Input.NameEn)!;
        c.KbliDivisions = InputModel.Divisions(Input.KbliDivisions)!;
        c.KbliExceptions = InputModel.Exceptions(Input.KbliExceptions)!;
        if (await this.SaveOrConflictAsync<ProductCategory>(db, x => x.Id == id, cancellationToken) is { } current)
        {
            (Conflict, Input.Version) = (true, current);
            return Page();
        }

        TempData["Message"] = l["Kategori {0} tersimpan.", c.NameId].Value;
        return RedirectToPage("Index");
    }
}
