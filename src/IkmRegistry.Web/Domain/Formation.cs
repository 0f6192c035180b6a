namespace IkmRegistry.Web.Domain;

/// <summary>The agency's stages of forming a sentra (shared/DOMAIN.md, "Forming a sentra"), in order.</summary>
public enum FormationStage
{
    IdentifikasiPotensi = 1,
    Sosialisasi = 2,
    PembentukanPengurus = 3,
    PenetapanSk = 4,
    Peresmian = 5,
}

/// <summary>
/// The work of forming a sentra in one kelurahan: each stage with the date it was reached, a target date, the officer
/// responsible and notes. Reaching <see cref="FormationStage.Peresmian"/> links (or creates) the sentra and makes it
/// Aktif with its SK; the formation is then complete (<see cref="CompletedOn"/>). A kelurahan has at most one open formation.
/// </summary>
public class Formation
{
    public int Id { get; set; }
    public int KelurahanId { get; set; }
    public Kelurahan Kelurahan { get; set; } = null!;
    public int? SentraId { get; set; }
    public Sentra? Sentra { get; set; }
    public string? DecreeNumber { get; set; }
    public DateOnly? DecreeDate { get; set; }
    public string? Notes { get; set; }
    public DateOnly? CompletedOn { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public uint Version { get; set; }

    public List<FormationStep> Steps { get; set; } = [];
}

/// <summary>One stage of a formation: reached (with its date) or still ahead (with its target date).</summary>
public class FormationStep
{
    public int Id { get; set; }
    public int FormationId { get; set; }
    public Formation Formation { get; set; } = null!;
    public FormationStage Stage { get; set; }
    public DateOnly? ReachedOn { get; set; }
    public DateOnly? TargetOn { get; set; }
    public string? Officer { get; set; }
    public string? Notes { get; set; }

    /// <summary>Late: not reached and its target date has passed, or reached after its target date.</summary>
    public bool IsLate(DateOnly today) => TargetOn is { } target && (ReachedOn is { } reached ? reached > target : today > target);
}

public static class FormationStages
{
    public static readonly FormationStage[] All = Enum.GetValues<FormationStage>();

    public static string Label(FormationStage stage) => stage switch
    {
        FormationStage.IdentifikasiPotensi => "Identifikasi potensi",
        FormationStage.Sosialisasi => "Sosialisasi",
        FormationStage.PembentukanPengurus => "Pembentukan pengurus",
        FormationStage.PenetapanSk => "Penetapan SK",
        _ => "Peresmian (Aktif)",
    };
}
