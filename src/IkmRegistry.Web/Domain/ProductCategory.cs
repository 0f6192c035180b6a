namespace IkmRegistry.Web.Domain;

/// <summary>One of the agency's product groups (kategori jenis produk unggulan).</summary>
public class ProductCategory
{
    public int Id { get; set; }

    /// <summary>Stable key used by seeds, imports and URLs (e.g. "pangan").</summary>
    public required string Code { get; set; }
    public required string NameId { get; set; }
    public required string NameEn { get; set; }

    /// <summary>KBLI 2020 golongan pokok (two-digit divisions) whose default category this is; a division belongs to one category.</summary>
    public int[] KbliDivisions { get; set; } = [];

    /// <summary>KBLI groups, classes or sub-classes (3 to 5 digits) that belong here although their division belongs elsewhere.</summary>
    public string[] KbliExceptions { get; set; } = [];

    public int SortOrder { get; set; }
    public uint Version { get; set; }

    public string Name(bool english) => english ? NameEn : NameId;
}
