using FluentValidation;

namespace IkmRegistry.Web.Pages.Registry.Sentra;

/// <summary>The sentra form, shared by Create and Edit; fields are kept as typed.</summary>
public sealed class SentraInput
{
    public string? Name { get; set; }
    public string? KelurahanId { get; set; }
    public string? Address { get; set; }
    public string? FoundedOn { get; set; }
    public string? DecreeNumber { get; set; }
    public string? DecreeDate { get; set; }
    public string? Status { get; set; } = nameof(SentraStatus.DalamPembentukan);
    public List<int> CategoryIds { get; set; } = [];
    public string? Products { get; set; }
    public string? Description { get; set; }
    public string? PublicContact { get; set; }
    public bool PublishContact { get; set; }
    public uint Version { get; set; }

    public static SentraInput From(Domain.Sentra s) => new()
    {
        Name = s.Name,
        KelurahanId = s.KelurahanId.ToString(),
        Address = s.Address,
        FoundedOn = Parsing.Iso(s.FoundedOn),
        DecreeNumber = s.DecreeNumber,
        DecreeDate = Parsing.Iso(s.DecreeDate),
        Status = s.Status.ToString(),
        CategoryIds = [.. s.Categories.Select(c => c.Id)],
        Products = s.Products,
        Description = s.Description,
        PublicContact = s.PublicContact,
        PublishContact = s.PublishContact,
        Version = s.Version,
    };

    public void ApplyTo(Domain.Sentra s)
    {
        s.Name = Identifiers.Clean(Name)!;
        s.KelurahanId = int.Parse(KelurahanId!);
        s.Address = Identifiers.Clean(Address);
        s.FoundedOn = Parsing.TryDate(FoundedOn, out var founded) ? founded : null;
        s.DecreeNumber = Identifiers.Clean(DecreeNumber);
        s.DecreeDate = Parsing.TryDate(DecreeDate, out var decree) ? decree : null;
        s.Status = Enum.Parse<SentraStatus>(Status!);
        s.Products = Identifiers.Clean(Products);
        s.Description = Description?.Trim() is { Length: > 0 } d ? d : null;
        s.PublicContact = Identifiers.Clean(PublicContact);
        s.PublishContact = PublishContact && s.PublicContact is not null;
    }
}

public sealed class SentraInputValidator : AbstractValidator<SentraInput>
{
    public SentraInputValidator(IStringLocalizer<SharedResource> l, TimeProvider clock)
    {
        RuleFor(x => x.Name).Must(v => Identifiers.Clean(v) is not null).WithMessage(_ => l["Isi nama sentra."])
            .MaximumLength(200).WithMessage(_ => l["Nama sentra paling banyak 200 karakter."]);
        RuleFor(x => x.KelurahanId).Must(v => int.TryParse(v, out _)).WithMessage(_ => l["Pilih kelurahan."]);
        RuleFor(x => x.Status).Must(v => Enum.TryParse<SentraStatus>(v, out _)).WithMessage(_ => l["Pilih status sentra."]);
        RuleFor(x => x.CategoryIds).NotEmpty().WithMessage(_ => l["Pilih sedikitnya satu kategori produk."]);
        RuleFor(x => x.Address).MaximumLength(300).WithMessage(_ => l["Alamat paling banyak 300 karakter."]);
        RuleFor(x => x.DecreeNumber).MaximumLength(100).WithMessage(_ => l["Nomor SK paling banyak 100 karakter."]);
        RuleFor(x => x.Products).MaximumLength(500).WithMessage(_ => l["Produk paling banyak 500 karakter."]);
        RuleFor(x => x.Description).MaximumLength(4000).WithMessage(_ => l["Deskripsi paling banyak 4.000 karakter."]);
        RuleFor(x => x.PublicContact).MaximumLength(200).WithMessage(_ => l["Kontak publik paling banyak 200 karakter."]);
        RuleFor(x => x.PublicContact).Must(v => Identifiers.Clean(v) is not null)
            .WithMessage(_ => l["Isi kontak publik sentra bila kontak akan ditampilkan."]).When(x => x.PublishContact);
        RuleFor(x => x.FoundedOn).Must(v => Parsing.TryDate(v, out var d) && d <= Wib.Today(clock))
            .WithMessage(_ => l["Tanggal berdiri harus tanggal yang sudah lewat (hh/bb/tttt)."]).When(x => !string.IsNullOrWhiteSpace(x.FoundedOn));
        RuleFor(x => x.DecreeDate).Must(v => Parsing.TryDate(v, out var d) && d <= Wib.Today(clock))
            .WithMessage(_ => l["Tanggal SK harus tanggal yang sudah lewat (hh/bb/tttt)."]).When(x => !string.IsNullOrWhiteSpace(x.DecreeDate));
        // A sentra becomes Aktif only with its decree (SK): number and date.
        RuleFor(x => x.DecreeNumber).Must(v => Identifiers.Clean(v) is not null)
            .WithMessage(_ => l["Sentra aktif perlu nomor SK."]).When(x => x.Status == nameof(SentraStatus.Aktif));
        RuleFor(x => x.DecreeDate).NotEmpty()
            .WithMessage(_ => l["Sentra aktif perlu tanggal SK."]).When(x => x.Status == nameof(SentraStatus.Aktif));
    }
}
