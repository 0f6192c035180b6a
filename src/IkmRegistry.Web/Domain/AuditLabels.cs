namespace IkmRegistry.Web.Domain;

/// <summary>Indonesian labels (and translation keys) of audit actions and record types.</summary>
public static class AuditLabels
{
    public static string Action(AuditAction action) => action switch
    {
        AuditAction.Create => "Dibuat",
        AuditAction.Update => "Diubah",
        AuditAction.Delete => "Dihapus",
        AuditAction.StatusChange => "Status diubah",
        AuditAction.View => "Data pribadi dibuka",
        AuditAction.Export => "Diekspor",
        _ => "Diimpor",
    };

    public static string Entity(string type) => type switch
    {
        nameof(IndustrialUnit) => "data unit usaha",
        nameof(Sentra) => "data sentra",
        nameof(Membership) => "data keanggotaan",
        nameof(Kelurahan) => "data kelurahan",
        nameof(Kecamatan) => "data kecamatan",
        nameof(ProductCategory) => "data kategori",
        "UnitExport" => "daftar unit usaha",
        "SentraExport" => "daftar sentra dan anggota",
        "MembershipExport" => "riwayat keanggotaan sentra",
        "DashboardTable" => "tabel dasbor",
        _ => type,
    };
}
