namespace IkmRegistry.Web.Domain;

/// <summary>
/// Where a unit's record came from: the data source, the pendataan submission and the position taken in the field.
/// One home for the fields a registered unit and the import's staged row (<see cref="ImportRow"/>) both hold: EF maps
/// them as columns of each table (same names, each table's own lengths), and the import stages them by name.
/// </summary>
public abstract class SourcedRecord
{
    public string? DataSource { get; set; }

    /// <summary>The workshop's position (WGS 84): private, for staff and officials' maps only, never public.</summary>
    public double? Latitude { get; set; }
    public double? Longitude { get; set; }

    /// <summary>The position's accuracy in metres, as the device reported it.</summary>
    public double? PositionAccuracy { get; set; }

    /// <summary>When the position was taken (UTC).</summary>
    public DateTime? PositionTakenAt { get; set; }

    public PositionSource? PositionSource { get; set; }

    /// <summary>
    /// The position against the kelurahan's boundary: computed on every save of a unit (PositionCheckInterceptor, and
    /// the import's commit), and when a staged row is read (the preview's data status counts it).
    /// </summary>
    public PositionCheck? PositionCheck { get; set; }

    /// <summary>The pendataan submission the unit came from or was last updated by (ODK/Kobo instanceID, unique).</summary>
    public string? SubmissionUuid { get; set; }

    /// <summary>The pendataan form's version that submission was made with.</summary>
    public string? FormVersion { get; set; }

    /// <summary>The officer who collected the submission (the form's petugas, else the submitting account).</summary>
    public string? SubmittedBy { get; set; }

    public DateTime? SubmittedAt { get; set; }
}
