using FluentValidation;

namespace IkmRegistry.Web.Pages.Admin.Snapshots;

/// <summary>
/// Year-end figures frozen by an admin ("Data per 31 Desember 2025"): computed from the recorded history, stored with
/// when, who and the SHA-256 of their canonical content. Reports that cite a snapshot print its hash.
/// </summary>
public class IndexModel(RegistryDbContext db, IValidator<IndexModel.InputModel> validator, IStringLocalizer<SharedResource> l, TimeProvider clock) : PageModel, IFormPage
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public sealed record Frozen(DateOnly AsOf, DateTime FrozenAt, string FrozenBy, string Sha256);

    public List<Frozen> Snapshots { get; private set; } = [];

    public sealed class InputModel
    {
        public string? AsOf { get; set; }
    }

    public sealed class InputValidator : AbstractValidator<InputModel>
    {
        public InputValidator(IStringLocalizer<SharedResource> l, TimeProvider clock)
        {
            RuleFor(x => x.AsOf).Must(v => Parsing.TryDate(v, out _)).WithMessage(_ => l["Isi tanggal data, misalnya 2025-12-31."])
                .Must(v => !Parsing.TryDate(v, out var d) || d < Wib.Today(clock))
                .WithMessage(_ => l["Hanya data hari yang sudah lewat yang dapat dibekukan."]);
        }
    }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Input.AsOf = new DateOnly(Wib.Today(clock).Year - 1, 12, 31).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        await LoadAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        (await validator.ValidateAsync(Input, cancellationToken)).AddTo(ModelState);
        if (ModelState.IsValid && Parsing.TryDate(Input.AsOf, out var asOf))
        {
            if (await db.CoverageSnapshots.AsNoTracking().FirstOrDefaultAsync(s => s.AsOf == asOf, cancellationToken) is { } existing)
            {
                AddFrozenTwice(existing);
            }
            else
            {
                var content = SnapshotContent.Canonical(await SnapshotContent.ComputeAsync(db, asOf, cancellationToken));
                var snapshot = new CoverageSnapshot
                {
                    AsOf = asOf,
                    FrozenAt = clock.GetUtcNow().UtcDateTime,
                    FrozenBy = User.Identity?.Name ?? "?",
                    Content = content,
                    Sha256 = SnapshotContent.Sha256(content),
                };
                db.CoverageSnapshots.Add(snapshot);
                try
                {
                    await db.SaveChangesAsync(cancellationToken);
                    TempData["Message"] = l["Data per {0} dibekukan. SHA-256: {1}", asOf.ToString("d MMMM yyyy"), snapshot.Sha256].Value;
                    return RedirectToPage();
                }
                catch (DbUpdateException e) when (e.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation })
                {
                    // Another admin froze the same date a moment earlier.
                    db.ChangeTracker.Clear();
                    AddFrozenTwice(await db.CoverageSnapshots.AsNoTracking().FirstAsync(s => s.AsOf == asOf, cancellationToken));
                }
            }
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    private void AddFrozenTwice(CoverageSnapshot existing) =>
        ModelState.AddModelError("Input.AsOf", l["Data per {0} sudah dibekukan pada {1} WIB oleh {2} (SHA-256 {3}). Satu tanggal hanya dibekukan sekali.",
            existing.AsOf.ToString("d MMMM yyyy"), Wib.From(existing.FrozenAt).ToString("d MMMM yyyy HH:mm"), existing.FrozenBy, existing.Sha256]);

    private async Task LoadAsync(CancellationToken cancellationToken) =>
        Snapshots = await db.CoverageSnapshots.AsNoTracking().OrderByDescending(s => s.AsOf)
            .Select(s => new Frozen(s.AsOf, s.FrozenAt, s.FrozenBy, s.Sha256)).ToListAsync(cancellationToken);
}
