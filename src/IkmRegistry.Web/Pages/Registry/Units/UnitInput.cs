using FluentValidation;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace IkmRegistry.Web.Pages.Registry.Units;

/// <summary>
/// The unit form, shared by Create and Edit: the text of every field of <see cref="UnitFields.Form"/>, kept as the
/// user typed it so that a failed save shows exactly what was entered. Bound by <see cref="UnitInputBinder"/> from
/// the inputs named Input.{field}; the named properties below are conveniences for the code that reads a few fields.
/// </summary>
[ModelBinder(BinderType = typeof(UnitInputBinder))]
public sealed class UnitInput
{
    private static readonly Dictionary<string, string?> _defaults = UnitFields.Form.ToDictionary(f => f.Name, f => f.Default);

    // A copy of the defaults (the import makes one per row; copying a dictionary is cheaper than building it).
    private readonly Dictionary<string, string?> _values = new(_defaults);

    /// <summary>A field's text, by the field's name.</summary>
    public string? this[string name]
    {
        get => _values.GetValueOrDefault(name);
        set => _values[name] = value;
    }

    public string? this[UnitField field]
    {
        get => this[field.Name];
        set => this[field.Name] = value;
    }

    public string? BusinessName { get => this[UnitFields.BusinessName]; set => this[UnitFields.BusinessName] = value; }
    public string? OwnerName { get => this[UnitFields.OwnerName]; set => this[UnitFields.OwnerName] = value; }
    public string? Nik { get => this[UnitFields.Nik]; set => this[UnitFields.Nik] = value; }
    public string? Nib { get => this[UnitFields.Nib]; set => this[UnitFields.Nib] = value; }
    public string? KbliCode { get => this[UnitFields.Kbli]; set => this[UnitFields.Kbli] = value; }
    public string? KbliEdition { get => this[UnitFields.KbliEditionField]; set => this[UnitFields.KbliEditionField] = value; }
    public string? CategoryId { get => this[UnitFields.Category]; set => this[UnitFields.Category] = value; }
    public string? KelurahanId { get => this[UnitFields.Kelurahan]; set => this[UnitFields.Kelurahan] = value; }
    public string? RegisteredOn { get => this[UnitFields.RegisteredOn]; set => this[UnitFields.RegisteredOn] = value; }
    public string? MainProducts { get => this[nameof(MainProducts)]; set => this[nameof(MainProducts)] = value; }
    public string? Address { get => this[nameof(Address)]; set => this[nameof(Address)] = value; }
    public string? Phone { get => this[nameof(Phone)]; set => this[nameof(Phone)] = value; }
    public string? WorkersMale { get => this[nameof(WorkersMale)]; set => this[nameof(WorkersMale)] = value; }
    public string? WorkersFemale { get => this[nameof(WorkersFemale)]; set => this[nameof(WorkersFemale)] = value; }
    public string? InvestmentValue { get => this[nameof(InvestmentValue)]; set => this[nameof(InvestmentValue)] = value; }
    public string? ProductionValuePerYear { get => this[nameof(ProductionValuePerYear)]; set => this[nameof(ProductionValuePerYear)] = value; }
    public string? ProductionCapacity { get => this[nameof(ProductionCapacity)]; set => this[nameof(ProductionCapacity)] = value; }
    public string? ProductionCapacityUnit { get => this[nameof(ProductionCapacityUnit)]; set => this[nameof(ProductionCapacityUnit)] = value; }
    public string? YearStarted { get => this[nameof(YearStarted)]; set => this[nameof(YearStarted)] = value; }
    public string? LegalForm { get => this[nameof(LegalForm)]; set => this[nameof(LegalForm)] = value; }
    public string? ResponsiblePersonName { get => this[nameof(ResponsiblePersonName)]; set => this[nameof(ResponsiblePersonName)] = value; }
    public string? ResponsiblePersonRole { get => this[nameof(ResponsiblePersonRole)]; set => this[nameof(ResponsiblePersonRole)] = value; }
    public string? OwnerSex { get => this[nameof(OwnerSex)]; set => this[nameof(OwnerSex)] = value; }
    public string? AnnualSales { get => this[nameof(AnnualSales)]; set => this[nameof(AnnualSales)] = value; }
    public string? PublicConsentOn { get => this[nameof(PublicConsentOn)]; set => this[nameof(PublicConsentOn)] = value; }
    public string? DataSource { get => this[nameof(DataSource)]; set => this[nameof(DataSource)] = value; }

    public bool PublicConsent
    {
        get => this[UnitFields.PublicConsent] == "true";
        set => this[UnitFields.PublicConsent] = value ? "true" : null;
    }

    /// <summary>Staff saw the similar-name warning and save anyway.</summary>
    public bool AcceptSimilarName { get; set; }

    /// <summary>Staff confirmed that a NIB already on another unit is another production site of the same business.</summary>
    public bool ConfirmSameBusiness { get; set; }

    /// <summary>Staff confirmed the NIB although the other site has a different owner name or NIK.</summary>
    public bool ConfirmDifferentOwner { get; set; }

    /// <summary>The xmin the form was loaded with: a save against a newer row is a conflict, not an overwrite.</summary>
    public uint Version { get; set; }

    public static UnitInput From(IndustrialUnit u)
    {
        var input = new UnitInput { Version = u.Version };
        foreach (var field in UnitFields.Form)
        {
            input[field] = field.Read?.Invoke(u);
        }

        return input;
    }

    /// <summary>Writes the validated input into the entity, in normal form (trimmed text, +62 phone, parsed numbers), in field order.</summary>
    public void ApplyTo(IndustrialUnit u, TimeProvider clock)
    {
        var wasConsenting = u.PublicConsent;
        var wasConsentingToContact = u.PublicContactConsent;
        var position = (u.Latitude, u.Longitude);
        foreach (var field in UnitFields.Form)
        {
            field.Write?.Invoke(u, this[field]);
        }

        // A new position without a time was taken now.
        if (u.Latitude is not null && u.PositionTakenAt is null && position != (u.Latitude, u.Longitude))
        {
            u.PositionTakenAt = clock.GetUtcNow().UtcDateTime;
        }

        // A new consent without a date is dated today; a consent kept keeps its date unless another is typed; no consent, no date.
        var typed = Parsing.TryDate(this[UnitFields.PublicConsentOn], out var on) ? on : (DateOnly?)null;
        u.PublicConsentOn = !u.PublicConsent ? null : typed ?? (wasConsenting ? u.PublicConsentOn : Wib.Today(clock));
        // A withdrawal is dated; the public pages drop the business at once (the output cache follows the registry's version).
        u.PublicConsentWithdrawnOn = u.PublicConsent ? null : wasConsenting ? Wib.Today(clock) : u.PublicConsentWithdrawnOn;
        // The contact consent is dated the same way; withdrawn, it has no date and the number leaves the public page at once.
        var typedContact = Parsing.TryDate(this[UnitFields.PublicContactConsentOn], out var contactOn) ? contactOn : (DateOnly?)null;
        u.PublicContactConsentOn = !u.PublicContactConsent ? null : typedContact ?? (wasConsentingToContact ? u.PublicContactConsentOn : Wib.Today(clock));
    }

    /// <summary>A defined value of the enum, by name only: "99" is not a legal form, whatever Enum.TryParse thinks.</summary>
    public static T? ParseEnum<T>(string? text) where T : struct, Enum => UnitFields.ParseEnum<T>(text);

    /// <summary>
    /// The one form check of Create and Edit: the validator, then the references (a tampered id is a message beside
    /// its field, never a 500), then the NIB and name checks that need confirmation. Returns what the page shows.
    /// </summary>
    public async Task<Duplicates> CheckAsync(RegistryDbContext db, IValidator<UnitInput> validator, ModelStateDictionary modelState,
        IStringLocalizer<SharedResource> l, IndustrialUnit? existing, CancellationToken cancellationToken)
    {
        var kbli = Identifiers.Clean(KbliCode);
        if (string.IsNullOrWhiteSpace(CategoryId) && Kbli.IsValid(kbli) && KbliEdition != "2025")
        {
            // The category the KBLI mapping suggests, when staff left it open.
            CategoryId = (await db.Database.SqlQuery<int?>($"SELECT kbli_category({kbli}) AS \"Value\"").SingleAsync(cancellationToken))?.ToString();
        }

        (await validator.ValidateAsync(this, cancellationToken)).AddTo(modelState);
        if (int.TryParse(KelurahanId, out var kelurahanId) && kelurahanId != existing?.KelurahanId
            && !await db.Kelurahan.AnyAsync(k => k.Id == kelurahanId && k.RetiredOn == null, cancellationToken))
        {
            modelState.AddModelError("Input.KelurahanId", l["Pilih kelurahan yang masih aktif dari daftar."]);
        }

        if (int.TryParse(CategoryId, out var categoryId) && !await db.ProductCategories.AnyAsync(c => c.Id == categoryId, cancellationToken))
        {
            modelState.AddModelError("Input.CategoryId", l["Pilih kategori produk dari daftar."]);
        }

        if (!modelState.IsValid)
        {
            return new Duplicates([], []);
        }

        var duplicates = await FindDuplicatesAsync(db, existing, cancellationToken);
        if (duplicates.SameNib.Count > 0 && Identifiers.Clean(Nib) != existing?.Nib && !ConfirmSameBusiness)
        {
            modelState.AddModelError("Input.Nib", l["NIB ini sudah dipakai unit lain. Bila ini tempat produksi lain dari usaha yang sama, centang konfirmasi di atas."]);
        }

        if (duplicates.SameNib.Any(d => d.DifferentOwner) && !ConfirmDifferentOwner)
        {
            modelState.AddModelError("Input.Nib", l["Nama pemilik atau NIK berbeda dengan unit lain yang memakai NIB ini. Periksa, lalu centang konfirmasi di atas."]);
        }

        if (duplicates.SimilarNames.Count > 0 && !AcceptSimilarName)
        {
            modelState.AddModelError("", l["Periksa unit dengan nama mirip di bawah, lalu centang konfirmasi bila ini unit yang berbeda."]);
        }

        return duplicates;
    }

    /// <summary>Other sites under the same NIB (to confirm, with a flag where the owner differs), and units with a similar name in the same kelurahan.</summary>
    public async Task<Duplicates> FindDuplicatesAsync(RegistryDbContext db, IndustrialUnit? existing, CancellationToken cancellationToken)
    {
        var unitId = existing?.Id;
        var nib = Identifiers.Clean(Nib);
        var owner = Identifiers.Clean(OwnerName);
        var nik = Identifiers.Clean(Nik);
        var others = await db.IndustrialUnits.AsNoTracking()
            .Where(u => nib != null && u.Nib == nib && u.Id != unitId)
            .OrderBy(u => u.Id)
            .Select(u => new { u.Id, u.BusinessName, Kelurahan = u.Kelurahan.Name, u.OwnerName, u.Nik })
            .Take(20)
            .ToListAsync(cancellationToken);
        // Confirmed when it was entered; only a change of NIB, owner or NIK asks again.
        var unchanged = existing is not null && nib == existing.Nib && nik == existing.Nik
            && string.Equals(owner, existing.OwnerName, StringComparison.OrdinalIgnoreCase);
        var sameNib = others.Select(o => new NibSite(o.Id, o.BusinessName, o.Kelurahan, !unchanged
            && (!string.Equals(o.OwnerName, owner, StringComparison.OrdinalIgnoreCase) || (o.Nik is not null && nik is not null && o.Nik != nik)))).ToList();

        var name = Identifiers.Clean(BusinessName);
        // Trigram similarity ignores case, so an identical name scores 1.
        var similar = new List<UnitLink>();
        if (name is not null && name != existing?.BusinessName && int.TryParse(KelurahanId, out var kelurahanId))
        {
            similar = await db.IndustrialUnits.AsNoTracking()
                .Where(u => u.KelurahanId == kelurahanId && u.Id != unitId
                    && EF.Functions.TrigramsSimilarity(u.BusinessName, name) > 0.55)
                .OrderByDescending(u => EF.Functions.TrigramsSimilarity(u.BusinessName, name))
                .Select(u => new UnitLink(u.Id, u.BusinessName, u.Kelurahan.Name))
                .Take(5)
                .ToListAsync(cancellationToken);
        }

        return new Duplicates(sameNib, similar);
    }

    public sealed record UnitLink(int Id, string BusinessName, string Kelurahan);

    public sealed record NibSite(int Id, string BusinessName, string Kelurahan, bool DifferentOwner);

    public sealed record Duplicates(List<NibSite> SameNib, List<UnitLink> SimilarNames);
}

/// <summary>The unit form's checks, read from <see cref="UnitFields"/>: required fields, lengths, and each field's rules.</summary>
public sealed class UnitInputValidator : AbstractValidator<UnitInput>
{
    public UnitInputValidator(IStringLocalizer<SharedResource> l, TimeProvider clock)
    {
        foreach (var field in UnitFields.Form)
        {
            var name = field.Name;
            if (field.Required)
            {
                RuleFor(x => x[name]).Must(v => Identifiers.Clean(v) is not null).WithMessage(_ => l[field.RequiredMessage!]).OverridePropertyName(name);
            }

            if (field.MaxLength is { } max && field.Input is FieldInput.Text or FieldInput.LongText or FieldInput.Phone)
            {
                RuleFor(x => x[name]).Must(v => v is null || v.Trim().Length <= max)
                    .WithMessage(_ => l["{0} paling banyak {1} karakter.", l[field.Label], max]).OverridePropertyName(name);
            }

            foreach (var rule in field.Rules)
            {
                // The import validates every row of a 100,000-row file with this validator: clean each value once.
                RuleFor(x => x[name]).Must((x, v) => Identifiers.Clean(v) is { } clean && rule.Ok(clean, new FieldContext(n => x[n], Wib.Today(clock))))
                    .WithMessage(_ => l[rule.Message, l[field.Label]]).OverridePropertyName(name)
                    .When(x => !string.IsNullOrWhiteSpace(x[name]));
            }
        }
    }
}

/// <summary>
/// Binds the unit form: Input.{field} for every field of <see cref="UnitFields.Form"/> (a checkbox posts "true" and
/// its hidden "false"), and the confirmations and version. Fields not posted keep their defaults.
/// </summary>
public sealed class UnitInputBinder : IModelBinder
{
    public Task BindModelAsync(ModelBindingContext bindingContext)
    {
        var prefix = string.IsNullOrEmpty(bindingContext.ModelName) ? "" : bindingContext.ModelName + ".";
        var values = bindingContext.ValueProvider;
        string? Value(string name) => values.GetValue(prefix + name) is { Length: > 0 } result ? result.FirstValue : null;
        bool Flag(string name) => values.GetValue(prefix + name).Values.Any(v => string.Equals(v, "true", StringComparison.OrdinalIgnoreCase) || v == "on");

        var input = new UnitInput();
        foreach (var field in UnitFields.Form)
        {
            if (field.Input == FieldInput.Checkbox)
            {
                input[field] = Flag(field.Name) ? "true" : null;
            }
            else if (values.GetValue(prefix + field.Name) != ValueProviderResult.None)
            {
                input[field] = Value(field.Name);
            }
        }

        input.AcceptSimilarName = Flag(nameof(UnitInput.AcceptSimilarName));
        input.ConfirmSameBusiness = Flag(nameof(UnitInput.ConfirmSameBusiness));
        input.ConfirmDifferentOwner = Flag(nameof(UnitInput.ConfirmDifferentOwner));
        if (uint.TryParse(Value(nameof(UnitInput.Version)), out var version))
        {
            input.Version = version;
        }

        bindingContext.Result = ModelBindingResult.Success(input);
        return Task.CompletedTask;
    }
}
