namespace IkmRegistry.Web.Domain;

/// <summary>
/// A sentra's status from a date on: the recorded history that coverage at any date is computed from. A status
/// change writes one (with the real date staff give, and the decree where there is one), so "coverage on
/// 31 December 2024" stays what it was when a sentra lapses later. Events are never edited.
/// </summary>
public class SentraEvent
{
    public int Id { get; set; }
    public int SentraId { get; set; }
    public Sentra Sentra { get; set; } = null!;
    public SentraStatus Status { get; set; }

    /// <summary>The day the status took effect (WIB), which may be long before it was recorded.</summary>
    public DateOnly OccurredOn { get; set; }
    public string? DecreeNumber { get; set; }
    public DateOnly? DecreeDate { get; set; }
    public string? Note { get; set; }
    public DateTime RecordedAt { get; set; }
    public string? RecordedBy { get; set; }
    public bool IsDemo { get; set; }

    /// <summary>
    /// The date of a sentra's first event when no one gave one: an active sentra from its decree (or founding)
    /// date, any other from its founding date, else today.
    /// </summary>
    public static DateOnly InitialDate(Sentra sentra, DateOnly today) => sentra.Status == SentraStatus.Aktif
        ? sentra.DecreeDate ?? sentra.FoundedOn ?? today
        : sentra.FoundedOn ?? today;
}
