using FluentValidation;

namespace IkmRegistry.Web.Pages.Admin.Targets;

/// <summary>Coverage targets per year (how many kelurahan should have an Aktif sentra by 31 December), set by admins.</summary>
public class IndexModel(RegistryDbContext db, IValidator<IndexModel.InputModel> validator, IStringLocalizer<SharedResource> l, TimeProvider clock) : PageModel, IFormPage
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public List<TargetQuery.Row> Rows { get; private set; } = [];

    public bool Conflict { get; private set; }

    public sealed class InputModel
    {
        public string? Year { get; set; }
        public string? Kelurahan { get; set; }
        public string? Source { get; set; }
        public uint Version { get; set; }
    }

    public sealed class InputValidator : AbstractValidator<InputModel>
    {
        public InputValidator(IStringLocalizer<SharedResource> l)
        {
            RuleFor(x => x.Year).Must(v => int.TryParse(v, out var y) && y is >= 2000 and <= 2100)
                .WithMessage(_ => l["Isi tahun dengan empat angka, antara 2000 dan 2100."]);
            RuleFor(x => x.Kelurahan).Must(v => int.TryParse(v, out var n) && n >= 1)
                .WithMessage(_ => l["Isi target sebagai jumlah kelurahan, paling sedikit 1."]);
            RuleFor(x => x.Source).MaximumLength(200).WithMessage(_ => l["Sumber paling banyak 200 karakter."]);
        }
    }

    public async Task OnGetAsync([FromQuery(Name = "tahun")] int? year, CancellationToken cancellationToken)
    {
        if (year is not null && await db.CoverageTargets.AsNoTracking().FirstOrDefaultAsync(t => t.Year == year, cancellationToken) is { } target)
        {
            Input = new InputModel { Year = target.Year.ToString(System.Globalization.CultureInfo.InvariantCulture), Kelurahan = target.Kelurahan.ToString(System.Globalization.CultureInfo.InvariantCulture), Source = target.Source, Version = target.Version };
        }

        Rows = await TargetQuery.RowsAsync(db, Wib.Today(clock), cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        (await validator.ValidateAsync(Input, cancellationToken)).AddTo(ModelState);
        if (ModelState.IsValid)
        {
            await CheckAgainstCoverageAsync(int.Parse(Input.Year!, System.Globalization.CultureInfo.InvariantCulture), int.Parse(Input.Kelurahan!, System.Globalization.CultureInfo.InvariantCulture), cancellationToken);
        }

        if (!ModelState.IsValid)
        {
            Rows = await TargetQuery.RowsAsync(db, Wib.Today(clock), cancellationToken);
            return Page();
        }

        var year = int.Parse(Input.Year!, System.Globalization.CultureInfo.InvariantCulture);
        var target = await db.CoverageTargets.FirstOrDefaultAsync(t => t.Year == year, cancellationToken);
        if (target is null)
        {
            target = new CoverageTarget { Year = year };
            db.CoverageTargets.Add(target);
        }
        else
        {
            db.Entry(target).Property(t => t.Version).OriginalValue = Input.Version;
        }

        target.Kelurahan = int.Parse(Input.Kelurahan!, System.Globalization.CultureInfo.InvariantCulture);
        target.Source = Identifiers.Clean(Input.Source);
        try
        {
            if (await this.SaveOrConflictAsync<CoverageTarget>(db, t => t.Year == year, cancellationToken) is { } current)
            {
                (Conflict, Input.Version) = (true, current);
                Rows = await TargetQuery.RowsAsync(db, Wib.Today(clock), cancellationToken);
                return Page();
            }
        }
        catch (DbUpdateException e) when (e.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation })
        {
            // Another admin added the same year meanwhile: show theirs and keep what was typed.
            ModelState.AddModelError("Input.Year", l["Target tahun {0} baru saja disimpan orang lain; buka lagi untuk mengubahnya.", year]);
            db.ChangeTracker.Clear();
            Rows = await TargetQuery.RowsAsync(db, Wib.Today(clock), cancellationToken);
            return Page();
        }

        TempData["Message"] = l["Target {0} tersimpan.", year].Value;
        return RedirectToPage();
    }

    /// <summary>
    /// A target can be at most the active kelurahan; for this year and later it cannot be below today's coverage
    /// (a past year's target is history and may have been lower).
    /// </summary>
    private async Task CheckAgainstCoverageAsync(int year, int kelurahan, CancellationToken cancellationToken)
    {
        var active = await db.Kelurahan.CountAsync(k => k.RetiredOn == null, cancellationToken);
        if (kelurahan > active)
        {
            ModelState.AddModelError("Input.Kelurahan", l["Target paling banyak {0} kelurahan (jumlah kelurahan aktif).", active]);
            return;
        }

        var today = Wib.Today(clock);
        if (year < today.Year)
        {
            return;
        }

        var covered = await db.Kelurahan.CountAsync(k => k.RetiredOn == null && db.Sentra.Any(s => s.KelurahanId == k.Id && s.Status == SentraStatus.Aktif), cancellationToken);
        if (kelurahan < covered)
        {
            ModelState.AddModelError("Input.Kelurahan", l["Target {0} kelurahan lebih rendah dari cakupan saat ini: {1} kelurahan sudah memiliki sentra aktif. Target tahun ini dan tahun berikutnya paling sedikit {1}.", kelurahan, covered]);
        }
    }
}
