using System.Globalization;
using System.Linq.Expressions;
using System.Text;
using H = IkmRegistry.Web.Pages.Registry.UnitSheet;

namespace IkmRegistry.Web.Domain;

/// <summary>Where a field sits on the unit form and the unit page.</summary>
public enum FieldGroup
{
    /// <summary>Not on the form: a sheet column only (the registry's id, the kecamatan, the status, the sentra).</summary>
    None,
    Usaha,
    PemilikLokasi,
    AngkaUsaha,
    Publik,

    /// <summary>The workshop's place on the map (private; staff and officials' maps only).</summary>
    Posisi,
}

/// <summary>Who may see a field's value (shared/DOMAIN.md, "what is public and what is not").</summary>
public enum FieldPrivacy
{
    /// <summary>May appear on public pages of a consenting business (name, products, category, kelurahan).</summary>
    Public,

    /// <summary>Staff and officials (NIB, KBLI, legal form, worker counts, dates).</summary>
    Registry,

    /// <summary>Personal data and a unit's own figures: Staff and Admin only, never in an official's export.</summary>
    Personal,
}

/// <summary>How an official (who reads but does not edit) sees a personal field on the unit page.</summary>
public enum OfficialView
{
    Shown,

    /// <summary>First 4 and last 4 characters (<see cref="Masking.Nik"/>).</summary>
    Masked,

    /// <summary>Not shown unless the setting Privacy:OfficialsSeeAddress allows it.</summary>
    Address,
}

/// <summary>What the form asks with, and how the text is read.</summary>
public enum FieldInput
{
    None,
    Text,
    LongText,
    Digits,
    Count,
    Year,
    Amount,
    Date,
    Phone,
    Choice,
    Lookup,
    Checkbox,

    /// <summary>A decimal with a point or a comma (latitude, longitude, accuracy in metres).</summary>
    Coordinate,

    /// <summary>A date and time in WIB (datetime-local), stored as UTC.</summary>
    Instant,
}

/// <summary>A sheet cell's kind: text (also digits that must keep their zeros), a number or a date.</summary>
public enum FieldCell
{
    Text,
    Number,
    Date,
}

/// <summary>A check on a field's text, run when the text is not empty. The message is Indonesian and the key of its translation.</summary>
public sealed record FieldRule(Func<string, FieldContext, bool> Ok, string Message);

/// <summary>What a rule may look at: the other fields' texts and today's date in Palangka Raya.</summary>
public sealed record FieldContext(Func<string, string?> Value, DateOnly Today);

/// <summary>
/// One field of the industrial unit, defined once: its label in both languages (the Indonesian text is the key of
/// the English one), its sheet column and the headers the import also accepts, its form input and checks, how its
/// text is read into the unit and shown from it, its sheet value, and who may see it. The form, the unit page, the
/// conflict view, the history, the export, the import's column recognition and the template read it; see
/// <see cref="UnitFields"/>.
/// </summary>
public sealed record UnitField
{
    /// <summary>The unit's property: the form's input name (Input.Name), the audit trail's key and, in snake case, the column.</summary>
    public required string Name { get; init; }

    public required string Label { get; init; }

    /// <summary>The sheet column (export, import, template); null when the field is not in sheets.</summary>
    public string? Header { get; init; }

    /// <summary>Other headers the import recognises for this column (agency and SIINas sheets).</summary>
    public IReadOnlyList<string> Aliases { get; init; } = [];

    /// <summary>False for columns exported for reading only (the kecamatan follows from the kelurahan; the data status is derived).</summary>
    public bool Imported { get; init; } = true;

    public FieldPrivacy Privacy { get; init; }
    public OfficialView ForOfficials { get; init; }
    public FieldGroup Group { get; init; }
    public FieldInput Input { get; init; }
    public bool Required { get; init; }
    public string? RequiredMessage { get; init; }
    public int? MaxLength { get; init; }
    public IReadOnlyList<FieldRule> Rules { get; init; } = [];
    public string? Help { get; init; }
    public string? Placeholder { get; init; }

    /// <summary>Bootstrap column classes on the form.</summary>
    public string Width { get; init; } = "col-md-6";

    /// <summary>Values and labels (Indonesian keys) of a choice.</summary>
    public IReadOnlyList<(string Value, string Label)> Choices { get; init; } = [];

    /// <summary>The empty option's label, for a choice or lookup that may stay open.</summary>
    public string? EmptyChoice { get; init; }

    /// <summary>The ViewData key holding the options of a lookup (kelurahan, categories).</summary>
    public string? Lookup { get; init; }

    /// <summary>The form's text for a new unit.</summary>
    public string? Default { get; init; }

    /// <summary>The entity's value as the form shows it.</summary>
    public Func<IndustrialUnit, string?>? Read { get; init; }

    /// <summary>Writes validated text into the entity, in normal form.</summary>
    public Action<IndustrialUnit, string?>? Write { get; init; }

    /// <summary>The entity's value as the unit page shows it (Indonesian; labels of choices are translation keys). Null: "–".</summary>
    public Func<IndustrialUnit, string?>? Show { get; init; }

    /// <summary>Whether <see cref="Show"/> returns a translation key (a choice's label) rather than data.</summary>
    public bool ShowTranslated { get; init; }

    /// <summary>The sheet value, as an expression PostgreSQL evaluates (an official's export never reads a personal column).</summary>
    public Expression<Func<IndustrialUnit, object?>>? Sheet { get; init; }

    /// <summary>Turns the value read by <see cref="Sheet"/> into the cell (labels of enums, national phone form).</summary>
    public Func<object?, object?> Cell { get; init; } = v => v;

    public FieldCell Kind { get; init; }

    /// <summary>The template's example row.</summary>
    public object? Example { get; init; }

    /// <summary>How the history shows an audited value of this field (NIK masked), or null to show it as written.</summary>
    public Func<string?, string?>? Audit { get; init; }

    /// <summary>False for a field the unit page shows inside another (the KBLI edition with the code, the capacity's unit).</summary>
    public bool OnPage { get; init; } = true;

    /// <summary>How the pendataan form asks the owner a yes/no field (Indonesian key), when the label is not a question.</summary>
    public string? OwnerQuestion { get; init; }

    /// <summary>A rupiah amount: the import repairs "Rp 25.000.000", "25 jt", "1,5 M" and lists each repair.</summary>
    public bool IsMoney { get; init; }

    public bool OnForm => Input != FieldInput.None;

    /// <summary>The column in PostgreSQL (the project's snake_case naming).</summary>
    public string Column => UnitFields.SnakeCase(Name);

    // A field is itself: compared and hashed by reference (a record would compare every member, delegates included,
    // on each lookup; the import looks fields up for every row).
    public bool Equals(UnitField? other) => ReferenceEquals(this, other);

    public override int GetHashCode() => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(this);
}

/// <summary>
/// The industrial unit's fields, in the order of the form and of the sheet. Adding a field to the unit is one entry
/// here plus a migration (see docs/registry.md, "Adding a field").
/// </summary>
public static class UnitFields
{
    public static readonly UnitField Id = new()
    {
        Name = nameof(IndustrialUnit.Id), Label = "ID unit", Header = H.Id, Aliases = ["ID", "Id Registri", "No Registri"],
        Kind = FieldCell.Number, Sheet = u => u.Id,
    };

    public static readonly UnitField BusinessName = Text(u => u.BusinessName, (u, v) => u.BusinessName = v ?? "", "Nama usaha", H.BusinessName, 200, FieldGroup.Usaha, FieldPrivacy.Public) with
    {
        Required = true, RequiredMessage = "Isi nama usaha.", Example = "Amplang Ikan Haruan Ibu Sari",
        Aliases = ["Nama Perusahaan", "Nama Unit Usaha", "Nama IKM", "Nama Unit", "Usaha", "Nama Usaha/Perusahaan", "Nama Perusahaan/Usaha"],
    };

    public static readonly UnitField Category = new()
    {
        Name = nameof(IndustrialUnit.CategoryId), Label = "Kategori produk", Header = H.Category, Group = FieldGroup.Usaha, Input = FieldInput.Lookup,
        Lookup = "CategoryOptions", EmptyChoice = "Pilih kategori", Privacy = FieldPrivacy.Public,
        Aliases = ["Kategori Produk", "Jenis Produk", "Kelompok Produk", "Kategori Jenis Produk Unggulan"],
        Read = u => u.CategoryId == 0 ? null : u.CategoryId.ToString(CultureInfo.InvariantCulture),
        Write = (u, v) => u.CategoryId = int.Parse(v!, CultureInfo.InvariantCulture),
        Show = u => u.Category?.NameId, Sheet = u => u.Category.NameId, Example = "Pangan",
        Rules = [new((v, c) => int.TryParse(v, out var _), "Pilih kategori produk.")], RequiredMessage = "Pilih kategori produk.", Required = true,
    };

    public static readonly UnitField MainProducts = Text(u => u.MainProducts, (u, v) => u.MainProducts = v, "Produk utama", H.MainProducts, 500, FieldGroup.Usaha, FieldPrivacy.Public) with
    {
        Width = "col-12", Example = "amplang ikan haruan, kerupuk ikan",
        Aliases = ["Produk", "Jenis Produk Utama", "Komoditas", "Produk yang Dihasilkan", "Komoditi", "Jenis Komoditi", "Jenis Komoditas", "Produk Unggulan"],
    };

    public static readonly UnitField Nib = Text(u => u.Nib, (u, v) => u.Nib = v, "NIB (13 digit)", H.Nib, 13, FieldGroup.Usaha, FieldPrivacy.Registry) with
    {
        Input = FieldInput.Digits, Width = "col-md-4", Help = "Kosongkan bila belum punya NIB.", Example = "9120301234567",
        Aliases = ["Nomor Induk Berusaha", "No NIB", "Nomor NIB"],
        Rules = [new((v, _) => Identifiers.IsNib(v), "NIB harus 13 digit angka, atau kosongkan bila belum ada.")],
    };

    public static readonly UnitField Kbli = Text(u => u.KbliCode, (u, v) => u.KbliCode = v, "Kode KBLI (5 digit)", H.Kbli, 5, FieldGroup.Usaha, FieldPrivacy.Registry) with
    {
        Input = FieldInput.Digits, Width = "col-md-4", Help = "Bila kategori dikosongkan, kategori diisi menurut KBLI.", Example = "10792",
        Aliases = ["Kode KBLI", "No KBLI"],
        Show = u => u.KbliCode is null ? null : $"{u.KbliCode} {Domain.Kbli.Title(u.KbliCode)} (KBLI {(int?)u.KbliEdition})",
        Rules = [new((v, c) => Domain.Kbli.IsValid(v, c.Value(nameof(IndustrialUnit.KbliEdition)) == "2025" ? KbliEdition.Kbli2025 : KbliEdition.Kbli2020),
            "Kode KBLI tidak ada dalam KBLI 2020 industri pengolahan (golongan pokok 10 sampai 33), misalnya 10750.")],
    };

    public static readonly UnitField KbliEditionField = new()
    {
        Name = nameof(IndustrialUnit.KbliEdition), Label = "Edisi KBLI", Header = H.KbliEdition, Group = FieldGroup.Usaha, Input = FieldInput.Choice,
        Width = "col-md-4", Privacy = FieldPrivacy.Registry, Default = "2020", Choices = [("2020", "KBLI 2020"), ("2025", "KBLI 2025")],
        Read = u => u.KbliEdition is null ? "2020" : ((int)u.KbliEdition).ToString(CultureInfo.InvariantCulture),
        // Only a code has an edition.
        Write = (u, v) => u.KbliEdition = u.KbliCode is null ? null : (KbliEdition)int.Parse(v ?? "2020", CultureInfo.InvariantCulture),
        OnPage = false, Sheet = u => (int?)u.KbliEdition, Kind = FieldCell.Number, Example = "2020",
        Rules = [new((v, c) => Identifiers.Clean(c.Value(nameof(IndustrialUnit.KbliCode))) is null || v is "2020" or "2025", "Pilih edisi KBLI (2020 atau 2025).")],
    };

    public static readonly UnitField LegalFormField = Choice(u => u.LegalForm, (u, v) => u.LegalForm = v, "Bentuk badan usaha", H.LegalForm,
        Enum.GetValues<LegalForm>().Select(f => (f.ToString(), LegalForms.Label(f))).ToList(), FieldGroup.Usaha, FieldPrivacy.Registry,
        "Pilih bentuk badan usaha dari daftar.") with
    {
        Width = "col-md-4", Example = "Perorangan", Aliases = ["Badan Usaha", "Bentuk Usaha", "Badan Hukum", "Bentuk Badan Hukum"],
        Cell = v => v is LegalForm form ? LegalForms.Label(form) : null,
    };

    public static readonly UnitField YearStarted = Number(u => u.YearStarted, (u, v) => u.YearStarted = v, "Tahun mulai usaha", H.YearStarted, FieldGroup.Usaha, FieldPrivacy.Registry) with
    {
        Input = FieldInput.Year, Width = "col-md-4", MaxLength = 4, Example = 2018,
        Aliases = ["Tahun Berdiri", "Mulai Usaha", "Tahun Mulai Usaha", "Tahun Izin", "Tahun Pendirian"],
        Rules = [new((v, c) => Parsing.TryCount(v, out var y) && y >= 1900 && y <= c.Today.Year, "Tahun mulai usaha harus antara 1900 dan tahun ini.")],
    };

    public static readonly UnitField RegisteredOn = Date(u => u.RegisteredOn, (u, v) => { if (v is { } d) { u.RegisteredOn = d; } }, "Tanggal pendaftaran", H.RegisteredOn, FieldGroup.Usaha, FieldPrivacy.Registry) with
    {
        Width = "col-md-4", Required = true, RequiredMessage = "Isi tanggal pendaftaran (hh/bb/tttt).", Example = "15/10/2026",
        Aliases = ["Tanggal Pendaftaran", "Tgl Daftar", "Tanggal Pendataan"],
        Rules = [
            new((v, c) => Parsing.TryDate(v, out var _), "Isi tanggal pendaftaran (hh/bb/tttt)."),
            new((v, c) => !Parsing.TryDate(v, out var d) || d <= c.Today, "Tanggal pendaftaran tidak boleh di masa depan."),
        ],
    };

    public static readonly UnitField OwnerName = Text(u => u.OwnerName, (u, v) => u.OwnerName = v ?? "", "Nama pemilik", H.OwnerName, 150, FieldGroup.PemilikLokasi, FieldPrivacy.Personal) with
    {
        Required = true, RequiredMessage = "Isi nama pemilik.", Example = "Sari Wulandari",
        // A legal entity's sheet names its responsible person where a sole proprietor's names the owner.
        Aliases = ["Pemilik", "Nama Pengusaha", "Nama Pemilik Usaha", "Nama Pemilik/Penanggung Jawab"],
    };

    public static readonly UnitField Nik = Text(u => u.Nik, (u, v) => u.Nik = v, "NIK pemilik atau penanggung jawab (16 digit)", H.Nik, 16, FieldGroup.PemilikLokasi, FieldPrivacy.Personal) with
    {
        Input = FieldInput.Digits, ForOfficials = OfficialView.Masked, Audit = Masking.Nik, Example = "6271015203850001",
        Help = "Boleh kosong: unit tetap tersimpan dengan status Perlu verifikasi. Usaha perorangan baru dapat diverifikasi dengan NIK.",
        Aliases = ["No KTP", "Nomor KTP", "NIK Pemilik", "Nomor Induk Kependudukan"],
        Rules = [
            new((v, _) => Identifiers.IsDigits(v, 16), "NIK harus 16 digit angka."),
            new((v, _) => !Identifiers.IsDigits(v, 16) || Identifiers.IsPlausibleNik(v),
                "NIK tidak wajar: periksa kode wilayah (6 digit pertama) dan tanggal lahir (digit 7 sampai 12)."),
        ],
    };

    public static readonly UnitField OwnerSexField = Choice(u => u.OwnerSex, (u, v) => u.OwnerSex = Identifiers.SexFromNik(u.Nik) ?? v,
        "Jenis kelamin pemilik", H.OwnerSex, [(nameof(OwnerSex.LakiLaki), "Laki-laki"), (nameof(OwnerSex.Perempuan), "Perempuan")],
        FieldGroup.PemilikLokasi, FieldPrivacy.Personal, "Pilih jenis kelamin pemilik dari daftar.") with
    {
        // A valid NIK records the sex (written after the NIK); what was entered counts only without one.
        Help = "Bila NIK sah diisi, jenis kelamin dibaca dari NIK.", Example = "Perempuan", Aliases = ["Jenis Kelamin", "L/P", "JK"],
        Cell = v => v switch { OwnerSex.Perempuan => "Perempuan", OwnerSex.LakiLaki => "Laki-laki", _ => null },
    };

    public static readonly UnitField ResponsiblePerson = Text(u => u.ResponsiblePersonName, (u, v) => u.ResponsiblePersonName = v,
        "Penanggung jawab (untuk CV, PT, koperasi, firma)", H.ResponsiblePerson, 150, FieldGroup.PemilikLokasi, FieldPrivacy.Personal) with
    {
        Aliases = ["Nama Penanggung Jawab", "Penanggungjawab", "PJ"],
    };

    public static readonly UnitField ResponsiblePersonRole = Text(u => u.ResponsiblePersonRole, (u, v) => u.ResponsiblePersonRole = v,
        "Jabatan penanggung jawab", H.ResponsiblePersonRole, 100, FieldGroup.PemilikLokasi, FieldPrivacy.Personal) with
    {
        Placeholder = "Ketua koperasi", Aliases = ["Jabatan", "Jabatan PJ"],
    };

    public static readonly UnitField KelurahanCode = new()
    {
        Name = "KelurahanCode", Label = "Kode kelurahan", Header = H.KelurahanCode, Aliases = ["Kode Wilayah", "Kode Kel", "Kode Desa"],
        Sheet = u => u.Kelurahan.Code, Example = "62.71.01.1001",
    };

    public static readonly UnitField Kelurahan = new()
    {
        Name = nameof(IndustrialUnit.KelurahanId), Label = "Kelurahan", Header = H.Kelurahan, Group = FieldGroup.PemilikLokasi, Input = FieldInput.Lookup,
        Lookup = "KelurahanOptions", EmptyChoice = "Pilih kelurahan", Required = true, RequiredMessage = "Pilih kelurahan.", Privacy = FieldPrivacy.Public,
        Aliases = ["Kel", "Desa/Kelurahan", "Nama Kelurahan", "Kelurahan/Desa"],
        Read = u => u.KelurahanId == 0 ? null : u.KelurahanId.ToString(CultureInfo.InvariantCulture),
        Write = (u, v) => u.KelurahanId = int.Parse(v!, CultureInfo.InvariantCulture),
        Show = u => u.Kelurahan is null ? null : $"{u.Kelurahan.Name}, Kec. {u.Kelurahan.Kecamatan?.Name}",
        Sheet = u => u.Kelurahan.Name, Example = "Pahandut",
        Rules = [new((v, c) => int.TryParse(v, out var _), "Pilih kelurahan.")],
    };

    public static readonly UnitField Kecamatan = new()
    {
        Name = "Kecamatan", Label = "Kecamatan", Header = H.Kecamatan, Aliases = ["Kec", "Nama Kecamatan"], Imported = false,
        Sheet = u => u.Kelurahan.Kecamatan.Name,
    };

    public static readonly UnitField Phone = Text(u => u.Phone, (u, v) => u.Phone = Identifiers.NormalizePhone(v), "Telepon", H.Phone, 25, FieldGroup.PemilikLokasi, FieldPrivacy.Personal) with
    {
        Input = FieldInput.Phone, Example = "0812 3456 7890",
        Aliases = ["Telp", "No Telp", "No HP", "Nomor HP", "HP", "No Telepon", "Nomor Telepon", "WA", "No WA", "Telp/HP", "No. HP", "Kontak", "No Kontak", "Telepon/HP"],
        // The national form (0812...) needs no formula neutralisation in a sheet.
        Cell = v => v is string { Length: > 3 } p && p.StartsWith("+62", StringComparison.Ordinal) ? "0" + p[3..] : v,
        // A number that does not look Indonesian is kept as typed and flagged (data status "Nomor telepon meragukan"), not refused.
        Write = (u, v) => u.Phone = Identifiers.NormalizePhone(v) ?? Identifiers.Clean(v),
    };

    public static readonly UnitField Address = Text(u => u.Address, (u, v) => u.Address = v, "Alamat", H.Address, 300, FieldGroup.PemilikLokasi, FieldPrivacy.Personal) with
    {
        Width = "col-12", ForOfficials = OfficialView.Address, Example = "Jl. Rindang Banua No. 12",
        Aliases = ["Alamat Usaha", "Alamat Lengkap", "Alamat Perusahaan", "Alamat Pabrik", "Lokasi Usaha"],
    };

    public static readonly UnitField Latitude = Coordinate(u => u.Latitude, (u, v) => u.Latitude = v, "Lintang (latitude)", "Lintang") with
    {
        Example = -2.20503, Aliases = ["Latitude", "Lat"], Help = "Derajat desimal, misalnya -2,20503 (selatan khatulistiwa bernilai negatif).",
        Rules = [
            new((v, c) => UnitPosition.TryNumber(v, out var lat) && lat is >= -90 and <= 90, "Lintang harus angka desimal antara -90 dan 90, misalnya -2,20503."),
            new((v, c) => UnitPosition.TryNumber(c.Value(nameof(IndustrialUnit.Longitude)), out _), "Isi lintang dan bujur bersama, atau kosongkan keduanya."),
            new((v, c) => !UnitPosition.TryNumber(v, out var lat) || !UnitPosition.TryNumber(c.Value(nameof(IndustrialUnit.Longitude)), out var lon) || lat != 0 || lon != 0,
                "Posisi 0, 0 bukan lokasi usaha (GPS belum mendapat sinyal). Ambil posisi lagi di lokasi, atau kosongkan lintang dan bujur."),
            new((v, c) => !UnitPosition.TryNumber(v, out var lat) || !UnitPosition.TryNumber(c.Value(nameof(IndustrialUnit.Longitude)), out var lon) || (lat == 0 && lon == 0)
                || UnitPosition.InProvince(lat, lon),
                "Posisi ini di luar Provinsi Kalimantan Tengah: lintang dan bujur mungkin tertukar atau salah ketik. Periksa, atau kosongkan lintang dan bujur."),
        ],
    };

    public static readonly UnitField Longitude = Coordinate(u => u.Longitude, (u, v) => u.Longitude = v, "Bujur (longitude)", "Bujur") with
    {
        Example = 113.89407, Aliases = ["Longitude", "Lon", "Long", "Lng"], Help = "Derajat desimal, misalnya 113,89407.",
        Rules = [
            new((v, c) => UnitPosition.TryNumber(v, out var lon) && lon is >= -180 and <= 180, "Bujur harus angka desimal antara -180 dan 180, misalnya 113,89407."),
            new((v, c) => UnitPosition.TryNumber(c.Value(nameof(IndustrialUnit.Latitude)), out _), "Isi lintang dan bujur bersama, atau kosongkan keduanya."),
        ],
    };

    public static readonly UnitField PositionAccuracy = Coordinate(u => u.PositionAccuracy, (u, v) => u.PositionAccuracy = v, "Akurasi posisi (meter)", "Akurasi Posisi (m)") with
    {
        Example = 8.5, Aliases = ["Akurasi", "Akurasi (m)", "Akurasi GPS"],
        Rules = [new((v, c) => UnitPosition.TryNumber(v, out var m) && m is >= 0 and < 100_000, "Akurasi posisi harus angka 0 atau lebih (meter).")],
    };

    public static readonly UnitField PositionSourceField = Choice(u => u.PositionSource, (u, v) => u.PositionSource = u.Latitude is null ? null : v ?? Domain.PositionSource.Diketik,
        "Cara posisi diperoleh", "Cara Posisi Diperoleh",
        [.. Enum.GetValues<PositionSource>().Select(s => (s.ToString(), UnitPosition.SourceLabel(s)))], FieldGroup.Posisi, FieldPrivacy.Registry,
        "Pilih cara posisi diperoleh dari daftar.") with
    {
        Width = "col-md-6", Example = "Geopoint", Aliases = ["Sumber Posisi"],
        Cell = v => v is PositionSource source ? source.ToString() : null,
    };

    public static readonly UnitField PositionTakenAt = new()
    {
        Name = nameof(IndustrialUnit.PositionTakenAt), Label = "Waktu posisi diambil (WIB)", Header = "Waktu Posisi", Group = FieldGroup.Posisi,
        Input = FieldInput.Instant, Privacy = FieldPrivacy.Registry, Width = "col-md-6", Aliases = ["Waktu Pengambilan Posisi"],
        Read = u => UnitPosition.LocalText(u.PositionTakenAt),
        // Dated now by UnitInput.ApplyTo when a position is entered without a time.
        Write = (u, v) => u.PositionTakenAt = u.Latitude is null ? null : UnitPosition.TryInstant(v, out var t) ? t : null,
        Show = u => u.PositionTakenAt is { } t ? Wib.From(t).ToString("d MMMM yyyy HH:mm", CultureInfo.CurrentCulture) : null,
        Sheet = u => u.PositionTakenAt, Cell = v => v is DateTime t ? Wib.From(t).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : null,
        Rules = [new((v, c) => UnitPosition.TryInstant(v, out _), "Tulis waktu posisi sebagai tanggal dan jam, misalnya 2026-11-27 09:30.")],
    };

    // A two-row header joins the group with its part: "TENAGA KERJA" over "L" is read as "TENAGA KERJA L".
    public static readonly UnitField WorkersMale = Count(u => u.WorkersMale, (u, v) => u.WorkersMale = v, "Tenaga kerja laki-laki", H.WorkersMale) with
    {
        Example = 1, Aliases = ["TK Laki-laki", "TK L", "Tenaga Kerja L", "Laki-laki", "Tenaga Kerja (Orang) L", "Tenaga Kerja LK", "L"],
    };

    public static readonly UnitField WorkersFemale = Count(u => u.WorkersFemale, (u, v) => u.WorkersFemale = v, "Tenaga kerja perempuan", H.WorkersFemale) with
    {
        Example = 3, Aliases = ["TK Perempuan", "TK P", "Tenaga Kerja P", "Perempuan", "Tenaga Kerja (Orang) P", "Tenaga Kerja PR", "P"],
    };

    public static readonly UnitField WorkersUnsplit = Count(u => u.WorkersUnsplit, (u, v) => u.WorkersUnsplit = v,
        "Tenaga kerja tanpa rincian laki-laki/perempuan", "Tenaga Kerja Tanpa Rincian") with
    {
        Width = "col-md-6", Help = "Bila hanya jumlah tenaga kerja yang diketahui.",
        Aliases = ["Tenaga Kerja", "Tenaga Kerja (Orang)", "Jumlah Tenaga Kerja", "Jumlah TK", "TK", "TK (Orang)"],
    };

    public static readonly UnitField Investment = Amount(u => u.InvestmentValue, (u, v) => u.InvestmentValue = v,
        "Nilai investasi (Rp, tanpa tanah dan bangunan)", H.Investment) with
    {
        Example = 25_000_000, Aliases = ["Nilai Investasi", "Investasi", "Investasi (Rp)", "Nilai Investasi Rp", "Modal", "Modal Usaha", "Nilai Modal"],
    };

    public static readonly UnitField ProductionValue = Amount(u => u.ProductionValuePerYear, (u, v) => u.ProductionValuePerYear = v,
        "Nilai produksi per tahun (Rp)", H.ProductionValue) with
    {
        Example = 120_000_000, Aliases = ["Nilai Produksi", "Nilai Produksi (Rp)", "Nilai Produksi per Tahun", "Nilai Produksi Rp", "Nilai Produksi (Rp/Tahun)"],
    };

    public static readonly UnitField AnnualSales = Amount(u => u.AnnualSales, (u, v) => u.AnnualSales = v, "Hasil penjualan tahunan (Rp)", H.AnnualSales) with
    {
        Example = 150_000_000, Aliases = ["Hasil Penjualan Tahunan", "Penjualan Tahunan", "Omzet", "Omset", "Omzet per Tahun"],
    };

    public static readonly UnitField RawMaterialValue = Amount(u => u.RawMaterialValue, (u, v) => u.RawMaterialValue = v, "Nilai bahan baku per tahun (Rp)", "Nilai Bahan Baku (Rp)") with
    {
        Aliases = ["Nilai Bahan Baku", "Bahan Baku (Rp)", "Nilai Bahan Baku per Tahun", "Nilai Bahan Baku Rp", "Nilai Bahan Baku (Rp/Tahun)"],
    };

    public static readonly UnitField Capacity = Amount(u => u.ProductionCapacity, (u, v) => u.ProductionCapacity = v, "Kapasitas produksi", H.Capacity) with
    {
        Width = "col-6 col-md-3", Example = 500, Aliases = ["Kapasitas", "Kapasitas Produksi per Tahun"], IsMoney = false,
        Show = u => u.ProductionCapacity is { } c ? $"{c.ToString("N0", CultureInfo.CurrentCulture)} {u.ProductionCapacityUnit}".TrimEnd() : null,
    };

    public static readonly UnitField CapacityUnit = Text(u => u.ProductionCapacityUnit, (u, v) => u.ProductionCapacityUnit = v, "Satuan kapasitas", H.CapacityUnit, 50,
        FieldGroup.AngkaUsaha, FieldPrivacy.Personal) with
    {
        Width = "col-6 col-md-3", Placeholder = "kg/bulan", Example = "kg/bulan", OnPage = false,
        Aliases = ["Satuan", "Kapasitas Produksi Satuan", "Satuan Kapasitas Produksi"],
    };

    public static readonly UnitField PublicConsent = new()
    {
        Name = nameof(IndustrialUnit.PublicConsent), Label = "Pemilik setuju nama usaha dan produknya tampil di direktori publik", Header = H.PublicConsent,
        Group = FieldGroup.Publik, Input = FieldInput.Checkbox, Privacy = FieldPrivacy.Registry, Example = "Ya",
        Aliases = ["Persetujuan Publik", "Setuju Publik", "Tampil di Direktori"],
        OwnerQuestion = "Apakah Bapak/Ibu setuju nama usaha dan produk Bapak/Ibu tampil di direktori publik Dinas?",
        Read = u => u.PublicConsent ? "true" : null,
        // The consent date follows: written by PublicConsentOn, which comes after this field.
        Write = (u, v) => u.PublicConsent = v == "true",
        Show = u => u.PublicConsent ? "Setuju" : "Tidak setuju", ShowTranslated = true,
        Sheet = u => u.PublicConsent, Cell = v => v is true ? "Ya" : "Tidak",
    };

    public static readonly UnitField PublicConsentOn = new()
    {
        Name = nameof(IndustrialUnit.PublicConsentOn), Label = "Tanggal persetujuan", Header = H.PublicConsentOn, Group = FieldGroup.Publik,
        Input = FieldInput.Date, Privacy = FieldPrivacy.Registry, Kind = FieldCell.Date, Example = "01/11/2026",
        Read = u => Parsing.Iso(u.PublicConsentOn),
        Write = null, // set by UnitInput.ApplyTo together with the consent: a new consent without a date is dated today
        Show = u => u.PublicConsentOn?.ToString("d MMMM yyyy", CultureInfo.CurrentCulture), Sheet = u => u.PublicConsentOn,
        Rules = [new((v, c) => c.Value(nameof(IndustrialUnit.PublicConsent)) != "true" || (Parsing.TryDate(v, out var d) && d <= c.Today),
            "Tanggal persetujuan harus tanggal yang sudah lewat (hh/bb/tttt).")],
    };

    public static readonly UnitField PublicContactConsent = new()
    {
        Name = nameof(IndustrialUnit.PublicContactConsent), Label = "Pemilik setuju nomor teleponnya tampil di halaman publik usahanya (WhatsApp dan telepon)",
        Header = H.PublicContactConsent, Group = FieldGroup.Publik, Input = FieldInput.Checkbox, Privacy = FieldPrivacy.Registry, Example = "Tidak",
        Help = "Persetujuan terpisah dari tampil di direktori: tanpa ini nomor telepon tidak pernah tampil untuk umum.",
        Aliases = ["Persetujuan Kontak", "Setuju Kontak", "Kontak Publik", "Tampilkan Kontak"],
        Read = u => u.PublicContactConsent ? "true" : null,
        // The date follows: written by UnitInput.ApplyTo, as for the directory consent.
        Write = (u, v) => u.PublicContactConsent = v == "true",
        Show = u => u.PublicContactConsent ? "Setuju" : "Tidak setuju", ShowTranslated = true,
        Sheet = u => u.PublicContactConsent, Cell = v => v is true ? "Ya" : "Tidak",
    };

    public static readonly UnitField PublicContactConsentOn = new()
    {
        Name = nameof(IndustrialUnit.PublicContactConsentOn), Label = "Tanggal persetujuan kontak", Header = H.PublicContactConsentOn, Group = FieldGroup.Publik,
        Input = FieldInput.Date, Privacy = FieldPrivacy.Registry, Kind = FieldCell.Date,
        Aliases = ["Tanggal Setuju Kontak", "Tgl Persetujuan Kontak"],
        Read = u => Parsing.Iso(u.PublicContactConsentOn),
        Write = null, // set by UnitInput.ApplyTo together with the consent: a new consent without a date is dated today
        Show = u => u.PublicContactConsentOn?.ToString("d MMMM yyyy", CultureInfo.CurrentCulture), Sheet = u => u.PublicContactConsentOn,
        Rules = [new((v, c) => c.Value(nameof(IndustrialUnit.PublicContactConsent)) != "true" || (Parsing.TryDate(v, out var d) && d <= c.Today),
            "Tanggal persetujuan kontak harus tanggal yang sudah lewat (hh/bb/tttt).")],
    };

    public static readonly UnitField DataSource = Text(u => u.DataSource, (u, v) => u.DataSource = v, "Sumber data", H.DataSource, 100, FieldGroup.Publik, FieldPrivacy.Registry) with
    {
        Placeholder = "Pendataan 2026", Example = "Pendataan 2026", Aliases = ["Sumber"],
    };

    public static readonly UnitField Notes = Text(u => u.Notes, (u, v) => u.Notes = v, "Catatan (izin PIRT, halal, SNI dan lainnya)", "Catatan", 1000, FieldGroup.Publik, FieldPrivacy.Registry) with
    {
        Input = FieldInput.LongText, Width = "col-12",
        // Kept as notes until the registry has certification records.
        Aliases = ["Izin", "Izin Usaha", "Perizinan", "Legalitas", "Sertifikasi", "Sertifikat", "Keterangan", "Ket", "Izin (PIRT, Halal, SNI)"],
    };

    public static readonly UnitField Status = new()
    {
        Name = nameof(IndustrialUnit.Status), Label = "Status", Header = H.Status, Aliases = ["Status Usaha"], Privacy = FieldPrivacy.Public,
        Sheet = u => u.Status, Cell = v => v is UnitStatus.Tutup ? "Tutup" : "Aktif", Example = "Aktif",
    };

    public static readonly UnitField ClosedOn = new()
    {
        Name = nameof(IndustrialUnit.ClosedOn), Label = "Tanggal tutup", Header = H.ClosedOn, Kind = FieldCell.Date, Sheet = u => u.ClosedOn,
    };

    public static readonly UnitField Sentra = new()
    {
        Name = "Sentra", Label = "Sentra", Header = H.Sentra, Aliases = ["Sentra", "Nama Sentra", "Sentra IKM"],
        // The unit's current sentra (at most one active membership; the latest if data disagree).
        Sheet = u => u.Memberships.Where(m => m.LeftOn == null).OrderByDescending(m => m.JoinedOn).ThenByDescending(m => m.Id).Select(m => m.Sentra.Slug).FirstOrDefault(),
    };

    public static readonly UnitField DataStatusField = new()
    {
        Name = "DataStatus", Label = "Status data", Header = "Status Data", Imported = false, Privacy = FieldPrivacy.Registry,
        Sheet = DataQuality.StatusOf, Cell = v => v is DataStatus s ? DataQuality.Label(s) : null,
    };

    public static readonly UnitField KbliDivision = new()
    {
        Name = "KbliDivision", Label = "Golongan pokok KBLI", Header = "Golongan Pokok KBLI", Imported = false, Privacy = FieldPrivacy.Registry,
        // The first two digits, so that a sheet can be grouped by division as the dashboard does.
        Sheet = u => u.KbliCode == null ? null : u.KbliCode.Substring(0, 2),
    };

    /// <summary>Every field in form and sheet order.</summary>
    public static readonly IReadOnlyList<UnitField> All =
    [
        Id, BusinessName, Category, MainProducts, Nib, Kbli, KbliEditionField, LegalFormField, YearStarted, RegisteredOn,
        OwnerName, Nik, OwnerSexField, ResponsiblePerson, ResponsiblePersonRole, KelurahanCode, Kelurahan, Kecamatan, Phone, Address,
        Latitude, Longitude, PositionAccuracy, PositionSourceField, PositionTakenAt,
        WorkersMale, WorkersFemale, WorkersUnsplit, Investment, ProductionValue, AnnualSales, RawMaterialValue, Capacity, CapacityUnit,
        PublicConsent, PublicConsentOn, PublicContactConsent, PublicContactConsentOn, DataSource, Notes,
        Status, ClosedOn, Sentra, DataStatusField, KbliDivision,
    ];

    /// <summary>The fields the unit form asks for.</summary>
    public static readonly IReadOnlyList<UnitField> Form = [.. All.Where(f => f.OnForm)];

    /// <summary>The sheet's columns (export order).</summary>
    public static readonly IReadOnlyList<UnitField> Sheet = [.. All.Where(f => f.Header is not null)];

    private static readonly Dictionary<string, UnitField> _byName = All.ToDictionary(f => f.Name);
    private static readonly Dictionary<string, UnitField> _byHeader = Sheet.ToDictionary(f => f.Header!);

    public static UnitField? Named(string name) => _byName.GetValueOrDefault(name);

    public static UnitField? WithHeader(string header) => _byHeader.GetValueOrDefault(header);

    public static IEnumerable<UnitField> InGroup(FieldGroup group) => Form.Where(f => f.Group == group);

    /// <summary>The group's heading (Indonesian key) on the form and the unit page.</summary>
    public static string Heading(FieldGroup group) => group switch
    {
        FieldGroup.Usaha => "Usaha",
        FieldGroup.PemilikLokasi => "Pemilik dan lokasi",
        FieldGroup.AngkaUsaha => "Tenaga kerja dan angka usaha",
        FieldGroup.Posisi => "Posisi usaha di peta",
        _ => "Direktori publik dan sumber data",
    };

    /// <summary>Whether the group holds personal data (shown with a "Data pribadi" badge).</summary>
    public static bool IsPersonal(FieldGroup group) => InGroup(group).Any(f => f.Privacy == FieldPrivacy.Personal);

    /// <summary>How the history labels an audited field of the unit; null when the key is not a unit field.</summary>
    public static string? HistoryLabel(string key) => _byName.TryGetValue(key, out var f) ? f.Label : null;

    /// <summary>"ProductionValuePerYear" as "production_value_per_year", as the DbContext names columns.</summary>
    public static string SnakeCase(string name)
    {
        var builder = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0)
            {
                builder.Append('_');
            }

            builder.Append(char.ToLowerInvariant(name[i]));
        }

        return builder.ToString();
    }

    private static UnitField Text(Func<IndustrialUnit, string?> read, Action<IndustrialUnit, string?> write, string label, string header, int maxLength,
        FieldGroup group, FieldPrivacy privacy, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(read))] string readText = "")
    {
        var name = PropertyName(readText);
        return new UnitField
        {
            Name = name, Label = label, Header = header, Group = group, Input = FieldInput.Text, MaxLength = maxLength, Privacy = privacy,
            Read = read, Write = (u, v) => write(u, Identifiers.Clean(v)), Sheet = Access<string?>(name),
        };
    }

    private static UnitField Number(Func<IndustrialUnit, int?> read, Action<IndustrialUnit, int?> write, string label, string header, FieldGroup group,
        FieldPrivacy privacy, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(read))] string readText = "")
    {
        var name = PropertyName(readText);
        return new UnitField
        {
            Name = name, Label = label, Header = header, Group = group, Input = FieldInput.Count, Privacy = privacy, Kind = FieldCell.Number,
            Read = u => read(u)?.ToString(CultureInfo.InvariantCulture),
            Write = (u, v) => write(u, Parsing.TryCount(v, out var n) ? n : null),
            Show = u => read(u)?.ToString(CultureInfo.InvariantCulture), Sheet = Access<int?>(name),
        };
    }

    private static UnitField Count(Func<IndustrialUnit, int?> read, Action<IndustrialUnit, int?> write, string label, string header,
        [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(read))] string readText = "") =>
        Number(read, write, label, header, FieldGroup.AngkaUsaha, FieldPrivacy.Registry, readText) with
        {
            Width = "col-6 col-md-3",
            Show = u => read(u)?.ToString("N0", CultureInfo.CurrentCulture),
            Rules = [new((v, _) => Parsing.TryCount(v, out var n) && n >= 0 && n <= 100_000, "{0} harus bilangan bulat 0 atau lebih.")],
        };

    private static UnitField Amount(Func<IndustrialUnit, decimal?> read, Action<IndustrialUnit, decimal?> write, string label, string header,
        [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(read))] string readText = "")
    {
        var name = PropertyName(readText);
        return new UnitField
        {
            Name = name, Label = label, Header = header, Group = FieldGroup.AngkaUsaha, Input = FieldInput.Amount, Privacy = FieldPrivacy.Personal, IsMoney = true,
            Kind = FieldCell.Number, Read = u => Parsing.Amount(read(u)) is { Length: > 0 } text ? text : null,
            Write = (u, v) => write(u, Parsing.TryAmount(v, out var n) ? n : null),
            Show = u => read(u) is { } n ? "Rp " + n.ToString("N0", CultureInfo.CurrentCulture) : null,
            Sheet = Access<decimal?>(name),
            Rules = [new((v, _) => Parsing.TryAmount(v, out var n) && n >= 0 && n < 1_000_000_000_000_000m, "{0} harus angka 0 atau lebih, misalnya 1.250.000.")],
        };
    }

    private static UnitField Coordinate(Func<IndustrialUnit, double?> read, Action<IndustrialUnit, double?> write, string label, string header,
        [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(read))] string readText = "")
    {
        var name = PropertyName(readText);
        return new UnitField
        {
            Name = name, Label = label, Header = header, Group = FieldGroup.Posisi, Input = FieldInput.Coordinate, Privacy = FieldPrivacy.Registry,
            Kind = FieldCell.Number, Width = "col-6 col-md-4", MaxLength = 20,
            Read = u => UnitPosition.Text(read(u)), Write = (u, v) => write(u, UnitPosition.TryNumber(v, out var n) ? n : null),
            Show = u => read(u)?.ToString("0.######", CultureInfo.CurrentCulture), Sheet = Access<double?>(name),
        };
    }

    private static UnitField Date(Func<IndustrialUnit, DateOnly?> read, Action<IndustrialUnit, DateOnly?> write, string label, string header, FieldGroup group,
        FieldPrivacy privacy, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(read))] string readText = "")
    {
        var name = PropertyName(readText);
        return new UnitField
        {
            Name = name, Label = label, Header = header, Group = group, Input = FieldInput.Date, Privacy = privacy, Kind = FieldCell.Date,
            Read = u => Parsing.Iso(read(u)), Write = (u, v) => write(u, Parsing.TryDate(v, out var d) ? d : null),
            Show = u => read(u)?.ToString("d MMMM yyyy", CultureInfo.CurrentCulture), Sheet = Access<DateOnly?>(name),
        };
    }

    private static UnitField Choice<T>(Func<IndustrialUnit, T?> read, Action<IndustrialUnit, T?> write, string label, string header,
        IReadOnlyList<(string Value, string Label)> choices, FieldGroup group, FieldPrivacy privacy, string message,
        [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(read))] string readText = "") where T : struct, Enum
    {
        var name = PropertyName(readText);
        return new UnitField
        {
            Name = name, Label = label, Header = header, Group = group, Input = FieldInput.Choice, Privacy = privacy, Choices = choices,
            EmptyChoice = "Belum diketahui", Width = "col-md-6",
            Read = u => read(u)?.ToString(), Write = (u, v) => write(u, ParseEnum<T>(v)),
            Show = u => read(u) is { } value ? choices.FirstOrDefault(c => c.Value == value.ToString()).Label : null, ShowTranslated = true,
            Sheet = Access<T?>(name),
            Rules = [new((v, _) => ParseEnum<T>(v) is not null, message)],
        };
    }

    /// <summary>A defined value of the enum, by name only: "99" is not a legal form, whatever Enum.TryParse thinks.</summary>
    public static T? ParseEnum<T>(string? text) where T : struct, Enum =>
        text is not null && !text.Any(char.IsAsciiDigit) && Enum.TryParse<T>(text, out var value) && Enum.IsDefined(value) ? value : null;

    /// <summary>"u => u.MainProducts" gives "MainProducts".</summary>
    private static string PropertyName(string lambda) => lambda[(lambda.LastIndexOf('.') + 1)..].Trim();

    /// <summary>u => (object?)u.Name, for the export's projection.</summary>
    private static Expression<Func<IndustrialUnit, object?>> Access<T>(string name)
    {
        var u = Expression.Parameter(typeof(IndustrialUnit), "u");
        return Expression.Lambda<Func<IndustrialUnit, object?>>(Expression.Convert(Expression.Property(u, name), typeof(object)), u);
    }
}
