namespace IkmRegistry.Web.Domain;

public enum BoardRole
{
    Anggota,
    Ketua,
    Sekretaris,
    Bendahara,
}

/// <summary>Why a membership ended: the unit left, or it moved to another sentra (a unit is active in one sentra at a time).</summary>
public enum MembershipEnd
{
    Keluar,
    Pindah,
}

/// <summary>
/// A unit's membership of a sentra. Ending it sets <see cref="LeftOn"/>; the row is kept as history. A unit is an
/// active member of at most one sentra, and a sentra has at most one active Ketua (partial unique indexes).
/// </summary>
public class Membership
{
    public int Id { get; set; }
    public int SentraId { get; set; }
    public Sentra Sentra { get; set; } = null!;
    public int UnitId { get; set; }
    public IndustrialUnit Unit { get; set; } = null!;
    public DateOnly JoinedOn { get; set; }
    public DateOnly? LeftOn { get; set; }

    /// <summary>Set with <see cref="LeftOn"/>: <see cref="MembershipEnd.Pindah"/> when the unit moved to another sentra.</summary>
    public MembershipEnd? EndReason { get; set; }
    public BoardRole Role { get; set; } = BoardRole.Anggota;
    public bool IsDemo { get; set; }
    public uint Version { get; set; }

    public bool IsActive => LeftOn is null;
}
