using FluentValidation;
using Microsoft.AspNetCore.Authorization;

namespace IkmRegistry.Web.Pages.Registry.Sentra;

/// <summary>
/// Changes a sentra's status on a real date (which may be in the past), with the decree (SK) when it becomes Aktif.
/// Each change is stored as a dated <see cref="SentraEvent"/>: coverage at any date is computed from those. The
/// founding date is never touched here.
/// </summary>
[Authorize(Policy = Policies.Edit)]
public class StatusModel(RegistryDbContext db, IValidator<StatusModel.StatusInput> validator, IStringLocalizer<SharedResource> l, TimeProvider clock) : PageModel, IFormPage
{
    [BindProperty]
    public StatusInput Input { get; set; } = new();

    public int Id { get; private set; }

    public string Name { get; private set; } = "";

    public SentraStatus Current { get; private set; }

    public List<EventRow> Events { get; private set; } = [];

    public sealed record EventRow(SentraStatus Status, DateOnly OccurredOn, string? DecreeNumber, DateOnly? DecreeDate, string? Note, string? RecordedBy);

    public sealed class StatusInput
    {
        public string? Status { get; set; }
        public string? OccurredOn { get; set; }
        public string? DecreeNumber { get; set; }
        public string? DecreeDate { get; set; }
        public string? Note { get; set; }
        public uint Version { get; set; }
    }

    public sealed class StatusInputValidator : AbstractValidator<StatusInput>
    {
        public StatusInputValidator(IStringLocalizer<SharedResource> l, TimeProvider clock)
        {
            RuleFor(x => x.Status).Must(v => Enum.TryParse<SentraStatus>(v, out var s) && Enum.IsDefined(s)).WithMessage(_ => l["Pilih status sentra."]);
            RuleFor(x => x.OccurredOn).Must(v => Parsing.TryDate(v, out var d) && d <= Wib.Today(clock))
                .WithMessage(_ => l["Isi tanggal perubahan status: hari ini atau tanggal yang sudah lewat (hh/bb/tttt)."]);
            RuleFor(x => x.DecreeNumber).Must(v => Identifiers.Clean(v) is not null)
                .WithMessage(_ => l["Sentra aktif perlu nomor SK."]).When(x => x.Status == nameof(SentraStatus.Aktif));
            RuleFor(x => x.DecreeNumber).MaximumLength(100).WithMessage(_ => l["Nomor SK paling banyak 100 karakter."]);
            RuleFor(x => x.DecreeDate).NotEmpty()
                .WithMessage(_ => l["Sentra aktif perlu tanggal SK."]).When(x => x.Status == nameof(SentraStatus.Aktif));
            RuleFor(x => x.DecreeDate).Must(v => Parsing.TryDate(v, out var d) && d <= Wib.Today(clock))
                .WithMessage(_ => l["Tanggal SK harus tanggal yang sudah lewat (hh/bb/tttt)."]).When(x => !string.IsNullOrWhiteSpace(x.DecreeDate));
            RuleFor(x => x.DecreeDate).Must((x, v) => !Parsing.TryDate(x.OccurredOn, out var on) || !Parsing.TryDate(v, out var d) || d <= on)
                .WithMessage(_ => l["Tanggal SK tidak boleh sesudah tanggal sentra menjadi aktif."]).When(x => x.Status == nameof(SentraStatus.Aktif));
            RuleFor(x => x.Note).MaximumLength(500).WithMessage(_ => l["Catatan paling banyak 500 karakter."]);
        }
    }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        var sentra = await db.Sentra.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (sentra is null)
        {
            return NotFound();
        }

        Input = new StatusInput
        {
            Status = (sentra.Status == SentraStatus.Aktif ? SentraStatus.TidakAktif : SentraStatus.Aktif).ToString(),
            OccurredOn = Parsing.Iso(Wib.Today(clock)),
            DecreeNumber = sentra.DecreeNumber,
            DecreeDate = Parsing.Iso(sentra.DecreeDate),
            Version = sentra.Version,
        };
        await LoadAsync(sentra, cancellationToken);
        return Page();
    }

    /// <summary>While the database is unreachable: the form comes back as typed.</summary>
    public Task LoadListsAsync(CancellationToken cancellationToken)
    {
        Id = Convert.ToInt32(RouteData.Values["id"], System.Globalization.CultureInfo.InvariantCulture);
        return Task.CompletedTask;
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken cancellationToken)
    {
        var sentra = await db.Sentra.FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (sentra is null)
        {
            return NotFound();
        }

        (await validator.ValidateAsync(Input, cancellationToken)).AddTo(ModelState);
        var lastOn = await db.SentraEvents.Where(e => e.SentraId == id).MaxAsync(e => (DateOnly?)e.OccurredOn, cancellationToken);
        if (ModelState.IsValid)
        {
            var status = Enum.Parse<SentraStatus>(Input.Status!);
            Parsing.TryDate(Input.OccurredOn, out var occurredOn);
            if (status == sentra.Status)
            {
                ModelState.AddModelError("Input.Status", l["Status sentra sudah {0}.", l[SentraStatuses.Label(status)]]);
            }

            if (lastOn is { } last && occurredOn < last)
            {
                ModelState.AddModelError("Input.OccurredOn", l["Tanggal perubahan tidak boleh sebelum perubahan status terakhir ({0}).", last.ToString("d MMMM yyyy")]);
            }
        }

        if (!ModelState.IsValid)
        {
            await LoadAsync(sentra, cancellationToken);
            return Page();
        }

        db.Entry(sentra).Property(s => s.Version).OriginalValue = Input.Version;
        var newStatus = Enum.Parse<SentraStatus>(Input.Status!);
        Parsing.TryDate(Input.OccurredOn, out var on);
        DateOnly? decreeDate = Parsing.TryDate(Input.DecreeDate, out var dd) ? dd : null;
        sentra.Status = newStatus;
        if (newStatus == SentraStatus.Aktif)
        {
            sentra.DecreeNumber = Identifiers.Clean(Input.DecreeNumber);
            sentra.DecreeDate = decreeDate;
        }

        db.SentraEvents.Add(new SentraEvent
        {
            SentraId = sentra.Id,
            Status = newStatus,
            OccurredOn = on,
            DecreeNumber = newStatus == SentraStatus.Aktif ? sentra.DecreeNumber : null,
            DecreeDate = newStatus == SentraStatus.Aktif ? sentra.DecreeDate : null,
            Note = Input.Note?.Trim() is { Length: > 0 } note ? note : null,
            RecordedAt = clock.GetUtcNow().UtcDateTime,
            RecordedBy = User.Identity?.Name,
            IsDemo = sentra.IsDemo,
        });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            TempData["Warning"] = l["Data ini baru saja diubah orang lain. Periksa data terbaru di bawah, lalu ulangi bila perlu."].Value;
            return RedirectToPage("Details", new { id });
        }

        TempData["Message"] = l["Status sentra menjadi {0} sejak {1}.", l[SentraStatuses.Label(newStatus)], on.ToString("d MMMM yyyy")].Value;
        return RedirectToPage("Details", new { id });
    }

    private async Task LoadAsync(Domain.Sentra sentra, CancellationToken cancellationToken)
    {
        (Id, Name, Current) = (sentra.Id, sentra.Name, sentra.Status);
        Events = await db.SentraEvents.AsNoTracking().Where(e => e.SentraId == sentra.Id)
            .OrderByDescending(e => e.OccurredOn).ThenByDescending(e => e.Id)
            .Select(e => new EventRow(e.Status, e.OccurredOn, e.DecreeNumber, e.DecreeDate, e.Note, e.RecordedBy))
            .ToListAsync(cancellationToken);
    }
}
