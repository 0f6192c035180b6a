using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace IkmRegistry.Web.Pages.Registry.Formation;

/// <summary>
/// A kelurahan's open formation: each stage's date reached, target date, officer and notes. Reaching Peresmian
/// links the chosen sentra (or creates one) and makes it Aktif with the SK, as a dated event; the formation is then complete.
/// </summary>
[Authorize(Policy = Policies.Edit)]
public class EditModel(RegistryDbContext db, IValidator<EditModel.FormationInput> validator, IStringLocalizer<SharedResource> l, TimeProvider clock) : PageModel, IFormPage
{
    [BindProperty]
    public FormationInput Input { get; set; } = new();

    public int KelurahanId { get; private set; }

    public string KelurahanName { get; private set; } = "";

    public List<SelectListItem> SentraOptions { get; private set; } = [];

    public sealed class StepInput
    {
        public string? ReachedOn { get; set; }
        public string? TargetOn { get; set; }
        public string? Officer { get; set; }
        public string? Notes { get; set; }
    }

    public sealed class FormationInput
    {
        public List<StepInput> Steps { get; set; } = [];
        public string? DecreeNumber { get; set; }
        public string? DecreeDate { get; set; }
        public string? SentraId { get; set; }
        public string? NewSentraName { get; set; }
        public string? Notes { get; set; }
        public uint Version { get; set; }
    }

    public sealed class FormationInputValidator : AbstractValidator<FormationInput>
    {
        public FormationInputValidator(IStringLocalizer<SharedResource> l, TimeProvider clock)
        {
            RuleFor(x => x.Steps).Must(s => s.Count == FormationStages.All.Length).WithMessage(_ => l["Formulir tahap tidak lengkap; muat ulang halaman."]);
            RuleForEach(x => x.Steps).ChildRules(step =>
            {
                step.RuleFor(s => s.ReachedOn).Must(v => Parsing.TryDate(v, out var d) && d <= Wib.Today(clock))
                    .WithMessage(_ => l["Tanggal tercapai harus hari ini atau tanggal yang sudah lewat (hh/bb/tttt)."]).When(s => !string.IsNullOrWhiteSpace(s.ReachedOn));
                step.RuleFor(s => s.TargetOn).Must(v => Parsing.TryDate(v, out _))
                    .WithMessage(_ => l["Tanggal target tidak valid (hh/bb/tttt)."]).When(s => !string.IsNullOrWhiteSpace(s.TargetOn));
                step.RuleFor(s => s.Officer).MaximumLength(150).WithMessage(_ => l["Nama petugas paling banyak 150 karakter."]);
                step.RuleFor(s => s.Notes).MaximumLength(1000).WithMessage(_ => l["Catatan paling banyak 1.000 karakter."]);
            });
            RuleFor(x => x).Custom((x, context) =>
            {
                if (x.Steps.Count != FormationStages.All.Length)
                {
                    return;
                }

                // Stages are reached in order, each on or after the one before.
                for (var i = 1; i < x.Steps.Count; i++)
                {
                    if (!Parsing.TryDate(x.Steps[i].ReachedOn, out var reached))
                    {
                        continue;
                    }

                    var previous = FormationStages.All[i - 1];
                    if (!Parsing.TryDate(x.Steps[i - 1].ReachedOn, out var before))
                    {
                        context.AddFailure($"Steps[{i}].ReachedOn", l["Tahap {0} belum tercapai.", l[FormationStages.Label(previous)]]);
                    }
                    else if (reached < before)
                    {
                        context.AddFailure($"Steps[{i}].ReachedOn", l["Tahap ini tidak boleh tercapai sebelum tahap {0} ({1}).", l[FormationStages.Label(previous)], before.ToString("d MMMM yyyy")]);
                    }
                }

                var skIndex = (int)FormationStage.PenetapanSk - 1;
                if (!string.IsNullOrWhiteSpace(x.Steps[skIndex].ReachedOn))
                {
                    if (Identifiers.Clean(x.DecreeNumber) is null)
                    {
                        context.AddFailure(nameof(FormationInput.DecreeNumber), l["Penetapan SK perlu nomor SK."]);
                    }

                    if (!Parsing.TryDate(x.DecreeDate, out var decree) || decree > Wib.Today(clock))
                    {
                        context.AddFailure(nameof(FormationInput.DecreeDate), l["Penetapan SK perlu tanggal SK yang sudah lewat (hh/bb/tttt)."]);
                    }
                }

                if (!string.IsNullOrWhiteSpace(x.Steps[^1].ReachedOn) && string.IsNullOrWhiteSpace(x.SentraId) && Identifiers.Clean(x.NewSentraName) is null)
                {
                    context.AddFailure(nameof(FormationInput.NewSentraName), l["Peresmian perlu sentranya: pilih sentra dalam pembentukan atau isi nama sentra baru."]);
                }
            });
            RuleFor(x => x.DecreeNumber).MaximumLength(100).WithMessage(_ => l["Nomor SK paling banyak 100 karakter."]);
            RuleFor(x => x.NewSentraName).MaximumLength(200).WithMessage(_ => l["Nama sentra paling banyak 200 karakter."]);
            RuleFor(x => x.Notes).MaximumLength(2000).WithMessage(_ => l["Catatan paling banyak 2.000 karakter."]);
        }
    }

    public async Task<IActionResult> OnGetAsync(int kelurahanId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(kelurahanId, cancellationToken))
        {
            return NotFound();
        }

        var formation = await OpenFormation(kelurahanId).AsNoTracking().FirstOrDefaultAsync(cancellationToken);
        Input = new FormationInput
        {
            Steps = [.. FormationStages.All.Select(stage => formation?.Steps.FirstOrDefault(s => s.Stage == stage) is { } s
                ? new StepInput { ReachedOn = Parsing.Iso(s.ReachedOn), TargetOn = Parsing.Iso(s.TargetOn), Officer = s.Officer, Notes = s.Notes }
                : new StepInput())],
            DecreeNumber = formation?.DecreeNumber,
            DecreeDate = Parsing.Iso(formation?.DecreeDate),
            SentraId = formation?.SentraId?.ToString(),
            Notes = formation?.Notes,
            Version = formation?.Version ?? 0,
        };
        return Page();
    }

    /// <summary>While the database is unreachable: the form comes back as typed.</summary>
    public Task LoadListsAsync(CancellationToken cancellationToken)
    {
        KelurahanId = Convert.ToInt32(RouteData.Values["kelurahanId"], System.Globalization.CultureInfo.InvariantCulture);
        return Task.CompletedTask;
    }

    public async Task<IActionResult> OnPostAsync(int kelurahanId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(kelurahanId, cancellationToken))
        {
            return NotFound();
        }

        (await validator.ValidateAsync(Input, cancellationToken)).AddTo(ModelState);
        Domain.Sentra? sentra = null;
        if (ModelState.IsValid && !string.IsNullOrWhiteSpace(Input.SentraId))
        {
            // Only a sentra of this kelurahan that is not Aktif yet can be the one being formed.
            sentra = int.TryParse(Input.SentraId, out var sentraId)
                ? await db.Sentra.FirstOrDefaultAsync(s => s.Id == sentraId && s.KelurahanId == kelurahanId && s.Status != SentraStatus.Aktif, cancellationToken)
                : null;
            if (sentra is null)
            {
                ModelState.AddModelError("Input.SentraId", l["Pilih sentra dari daftar."]);
            }
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var formation = await OpenFormation(kelurahanId).FirstOrDefaultAsync(cancellationToken);
        if (formation is null)
        {
            formation = new Domain.Formation { KelurahanId = kelurahanId };
            db.Formations.Add(formation);
        }
        else
        {
            db.Entry(formation).Property(f => f.Version).OriginalValue = Input.Version;
            // A change of steps alone touches only their rows; bump the formation so its version still guards them.
            db.Entry(formation).Property(f => f.UpdatedAt).IsModified = true;
        }

        foreach (var (stage, index) in FormationStages.All.Select((s, i) => (s, i)))
        {
            var typed = Input.Steps[index];
            var step = formation.Steps.FirstOrDefault(s => s.Stage == stage);
            if (step is null)
            {
                step = new FormationStep { Stage = stage };
                formation.Steps.Add(step);
            }

            step.ReachedOn = Parsing.TryDate(typed.ReachedOn, out var reached) ? reached : null;
            step.TargetOn = Parsing.TryDate(typed.TargetOn, out var target) ? target : null;
            step.Officer = Identifiers.Clean(typed.Officer);
            step.Notes = typed.Notes?.Trim() is { Length: > 0 } notes ? notes : null;
        }

        formation.DecreeNumber = Identifiers.Clean(Input.DecreeNumber);
        formation.DecreeDate = Parsing.TryDate(Input.DecreeDate, out var decreeDate) ? decreeDate : null;
        formation.Notes = Input.Notes?.Trim() is { Length: > 0 } formationNotes ? formationNotes : null;
        formation.SentraId = sentra?.Id ?? formation.SentraId;

        var opened = formation.Steps.Single(s => s.Stage == FormationStage.Peresmian).ReachedOn;
        if (opened is { } on)
        {
            sentra ??= await NewSentraAsync(kelurahanId, cancellationToken);
            sentra.Status = SentraStatus.Aktif;
            sentra.DecreeNumber = formation.DecreeNumber;
            sentra.DecreeDate = formation.DecreeDate;
            db.SentraEvents.Add(new SentraEvent
            {
                Sentra = sentra,
                Status = SentraStatus.Aktif,
                OccurredOn = on,
                DecreeNumber = sentra.DecreeNumber,
                DecreeDate = sentra.DecreeDate,
                Note = l["Peresmian (pembentukan sentra)"].Value,
                RecordedAt = clock.GetUtcNow().UtcDateTime,
                RecordedBy = User.Identity?.Name,
            });
            formation.Sentra = sentra;
            formation.CompletedOn = on;
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            TempData["Warning"] = l["Data ini baru saja diubah orang lain. Periksa data terbaru di bawah, lalu ulangi bila perlu."].Value;
            return RedirectToPage(new { kelurahanId });
        }

        if (formation.CompletedOn is not null)
        {
            TempData["Message"] = l["{0} diresmikan: sentra aktif dengan SK {1}.", sentra!.Name, sentra.DecreeNumber ?? ""].Value;
            return RedirectToPage("/Registry/Sentra/Details", new { id = sentra.Id });
        }

        TempData["Message"] = l["Pembentukan sentra di {0} tersimpan.", KelurahanName].Value;
        return RedirectToPage("Index");
    }

    private IQueryable<Domain.Formation> OpenFormation(int kelurahanId) =>
        db.Formations.Include(f => f.Steps).Where(f => f.KelurahanId == kelurahanId && f.CompletedOn == null);

    private async Task<Domain.Sentra> NewSentraAsync(int kelurahanId, CancellationToken cancellationToken)
    {
        var name = Identifiers.Clean(Input.NewSentraName)!;
        var slug = Slug.From(name);
        slug = slug.Length == 0 ? "sentra" : slug[..Math.Min(slug.Length, 200)];
        var candidate = slug;
        for (var n = 2; await db.Sentra.AnyAsync(s => s.Slug == candidate, cancellationToken); n++)
        {
            candidate = $"{slug}-{n}";
        }

        var sentra = new Domain.Sentra { Name = name, Slug = candidate, KelurahanId = kelurahanId, Status = SentraStatus.Aktif };
        db.Sentra.Add(sentra);
        return sentra;
    }

    private async Task<bool> LoadAsync(int kelurahanId, CancellationToken cancellationToken)
    {
        var kelurahan = await db.Kelurahan.AsNoTracking().Where(k => k.Id == kelurahanId && k.RetiredOn == null).Select(k => k.Name).FirstOrDefaultAsync(cancellationToken);
        if (kelurahan is null)
        {
            return false;
        }

        (KelurahanId, KelurahanName) = (kelurahanId, kelurahan);
        SentraOptions = await db.Sentra.AsNoTracking().Where(s => s.KelurahanId == kelurahanId && s.Status != SentraStatus.Aktif)
            .OrderBy(s => s.Name).Select(s => new SelectListItem(s.Name, s.Id.ToString())).ToListAsync(cancellationToken);
        return true;
    }
}
