namespace IkmRegistry.Web.Domain;

public enum ImportStatus
{
    /// <summary>Uploaded and checked, waiting for the background reader.</summary>
    Queued,
    Reading,
    /// <summary>The workbook holds a table in several sheets: the user chooses which to read.</summary>
    ChoosingSheets,
    /// <summary>Read and checked: the preview is ready and waits for the user's confirmation.</summary>
    Ready,
    Committing,
    Committed,
    Failed,
    Cancelled,
}

/// <summary>How a file row that matches a registered unit (by ID Unit or NIB) is applied.</summary>
public enum ImportUpdateMode
{
    /// <summary>Values in the file replace the registry's; empty cells never erase anything.</summary>
    Overwrite,
    /// <summary>The registry's values stay; the file only fills fields that are still empty.</summary>
    Keep,
}

/// <summary>
/// One uploaded spreadsheet of units: who, when, which file (name and SHA-256), what it held and what was written.
/// The file and its staged rows are deleted when the batch closes (committed or cancelled); this record stays.
/// </summary>
public class ImportBatch : ICreatedAt
{
    public int Id { get; set; }
    public required string FileName { get; set; }
    public required string Sha256 { get; set; }
    /// <summary>The file's generated name in the import folder (outside the web root); null once deleted.</summary>
    public string? StoredName { get; set; }
    public required string Format { get; set; }
    public long SizeBytes { get; set; }
    public ImportStatus Status { get; set; }
    /// <summary>The uploader's language: row messages are written in it.</summary>
    public string Culture { get; set; } = "id-ID";
    public string[] Columns { get; set; } = [];
    /// <summary>The workbook's sheets read, in order (rows of the second and later are numbered per <c>ImportReader.SheetRowSpan</c>); empty for a CSV.</summary>
    public string[] Sheets { get; set; } = [];
    public string? Message { get; set; }

    public int TotalRows { get; set; }
    public int ProcessedRows { get; set; }
    public int NewCount { get; set; }
    public int UpdateCount { get; set; }
    public int UnchangedCount { get; set; }
    public int DuplicateCount { get; set; }
    public int ErrorCount { get; set; }
    public int CorrectionCount { get; set; }

    public ImportUpdateMode? UpdateMode { get; set; }
    public bool IncludeDuplicates { get; set; }
    public int InsertedCount { get; set; }
    public int UpdatedCount { get; set; }
    public int MembershipCount { get; set; }
    /// <summary>New sentra memberships the file asks for (preview).</summary>
    public int NewMembershipCount { get; set; }

    public string? CreatedById { get; set; }
    public string? CreatedByName { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? ReadAt { get; set; }
    public string? CommittedById { get; set; }
    public string? CommittedByName { get; set; }
    public DateTime? CommittedAt { get; set; }
}

public enum ImportRowKind
{
    New,
    Update,
    Unchanged,
    Duplicate,
    Error,
}

/// <summary>One file row, read and normalised, staged in PostgreSQL until the batch is committed or cancelled.</summary>
public class ImportRow : SourcedRecord
{
    public int BatchId { get; set; }
    public int RowNumber { get; set; }
    public ImportRowKind Kind { get; set; }
    /// <summary>The "ID Unit" the file gave, if any.</summary>
    public int? GivenId { get; set; }
    /// <summary>The registered unit this row updates (by ID Unit or NIB).</summary>
    public int? UnitId { get; set; }
    /// <summary>A registered unit with a similar name in the same kelurahan, for a row without NIB.</summary>
    public int? SimilarUnitId { get; set; }
    /// <summary>An earlier row of the same file with the same name in the same kelurahan, for a row without NIB.</summary>
    public int? SimilarRow { get; set; }

    public string? BusinessName { get; set; }
    public string? OwnerName { get; set; }
    public string? Nik { get; set; }
    public string? Nib { get; set; }
    public string? KbliCode { get; set; }
    public KbliEdition? KbliEdition { get; set; }
    public int? CategoryId { get; set; }
    public string? MainProducts { get; set; }
    public int? KelurahanId { get; set; }
    public string? Address { get; set; }
    public string? Phone { get; set; }
    public int? WorkersMale { get; set; }
    public int? WorkersFemale { get; set; }
    public decimal? InvestmentValue { get; set; }
    public decimal? ProductionValuePerYear { get; set; }
    public decimal? ProductionCapacity { get; set; }
    public string? ProductionCapacityUnit { get; set; }
    public int? YearStarted { get; set; }
    public LegalForm? LegalForm { get; set; }
    public string? ResponsiblePersonName { get; set; }
    public string? ResponsiblePersonRole { get; set; }
    public OwnerSex? OwnerSex { get; set; }
    public decimal? AnnualSales { get; set; }
    public int? WorkersUnsplit { get; set; }
    public decimal? RawMaterialValue { get; set; }
    public string? Notes { get; set; }
    public UnitStatus? Status { get; set; }
    public DateOnly? ClosedOn { get; set; }
    public bool? PublicConsent { get; set; }
    public DateOnly? PublicConsentOn { get; set; }
    public bool? PublicContactConsent { get; set; }
    public DateOnly? PublicContactConsentOn { get; set; }
    public DateOnly? RegisteredOn { get; set; }
    public int? SentraId { get; set; }
}

public enum ImportIssueKind
{
    Error,
    /// <summary>A value read with a correction whose meaning is clear (a misspelt kelurahan, a NIB Excel turned into a number).</summary>
    Correction,
    /// <summary>About the file as a whole, such as a column the importer does not know.</summary>
    Notice,
}

/// <summary>What is wrong with (or was corrected in) one cell of one row.</summary>
public class ImportIssue
{
    public int BatchId { get; set; }
    public int Seq { get; set; }
    public int RowNumber { get; set; }
    public ImportIssueKind Kind { get; set; }
    public string? Column { get; set; }
    public string? Value { get; set; }
    public required string Message { get; set; }
}
