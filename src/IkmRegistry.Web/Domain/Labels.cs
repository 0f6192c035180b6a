namespace IkmRegistry.Web.Domain;

public static class ScaleLabels
{
    public static string Of(IndustryScaleClass scale) => scale switch
    {
        IndustryScaleClass.Kecil => "Industri kecil",
        IndustryScaleClass.Menengah => "Industri menengah",
        IndustryScaleClass.Besar => "Industri besar",
        _ => "Belum dapat ditentukan (angka belum lengkap)",
    };
}

public static class BoardRoles
{
    public static string Label(BoardRole role) => role switch
    {
        BoardRole.Ketua => "Ketua",
        BoardRole.Sekretaris => "Sekretaris",
        BoardRole.Bendahara => "Bendahara",
        _ => "Anggota",
    };
}

public static class SentraStatuses
{
    public static string Label(SentraStatus status) => status switch
    {
        SentraStatus.Aktif => "Aktif",
        SentraStatus.TidakAktif => "Tidak aktif",
        _ => "Dalam pembentukan",
    };
}

public static class RoleLabels
{
    public static string Of(string role) => role switch
    {
        Roles.Admin => "Admin",
        Roles.Staff => "Petugas",
        Roles.Official => "Pimpinan",
        _ => role,
    };
}
