namespace IkmRegistry.Web.Domain;

/// <summary>One of the agency's product groups (kategori jenis produk unggulan).</summary>
public class ProductCategory
{
    public int Id { get; set; }

    /// <summary>Stable key used by seeds, imports and URLs (e.g. "pangan").</summary>
    public required string Code { get; set; }
    public required string NameId { get; set; }
    public required string NameEn { get; set; }

    /// <summary>KBLI 2020 golongan pokok (two-digit divisions) that usually fall in this category.</summary>
    public int[] KbliDivisions { get; set; } = [];

    public int SortOrder { get; set; }
    public uint Version { get; set; }

    public string Name(bool english) => english ? NameEn : NameId;
}
