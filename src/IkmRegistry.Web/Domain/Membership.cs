namespace IkmRegistry.Web.Domain;

public enum BoardRole
{
    Anggota,
    Ketua,
    Sekretaris,
    Bendahara,
}

/// <summary>A unit's membership of a sentra. Ending it sets <see cref="LeftOn"/>; the row is kept as history.</summary>
public class Membership
{
    public int Id { get; set; }
    public int SentraId { get; set; }
    public Sentra Sentra { get; set; } = null!;
    public int UnitId { get; set; }
    public IndustrialUnit Unit { get; set; } = null!;
    public DateOnly JoinedOn { get; set; }
    public DateOnly? LeftOn { get; set; }
    public BoardRole Role { get; set; } = BoardRole.Anggota;
    public bool IsDemo { get; set; }
    public uint Version { get; set; }

    public bool IsActive => LeftOn is null;
}
