using System.Linq.Expressions;

namespace IkmRegistry.Web.Domain;

/// <summary>Lengkap: nothing missing; Perlu verifikasi: saved with reasons; Terverifikasi: a staff member checked it.</summary>
public enum DataStatus
{
    Lengkap,
    PerluVerifikasi,
    Terverifikasi,
}

/// <summary>Why a unit needs verification. A unit with any of these is saved, never refused.</summary>
public enum DataIssue
{
    NikMissing,
    ResponsiblePersonMissing,
    NibMissing,
    KbliCategoryMismatch,
    PhoneDoubtful,

    /// <summary>The position lies in another kelurahan than the unit's (the check is stored on save: <see cref="IndustrialUnit.PositionCheck"/>).</summary>
    PositionOutsideKelurahan,

    /// <summary>The position lies outside Kota Palangka Raya.</summary>
    PositionOutsideCity,
}

/// <summary>
/// The completeness rules, written once as expressions over the unit. PostgreSQL evaluates them for the work
/// queue, the filters and the dashboard (so a unit written by the import needs no extra step), and the unit's page
/// asks the database the same questions. The KBLI check uses the database function kbli_category (the admin-edited mapping).
/// </summary>
public static class DataQuality
{
    public static readonly IReadOnlyList<DataIssue> Issues = Enum.GetValues<DataIssue>();

    /// <summary>Only these stop a unit from being marked verified: NIK for a sole proprietor, the responsible person for a legal entity.</summary>
    public static bool BlocksVerification(DataIssue issue) => issue is DataIssue.NikMissing or DataIssue.ResponsiblePersonMissing;

    public static Expression<Func<IndustrialUnit, bool>> Has(DataIssue issue) => issue switch
    {
        DataIssue.NikMissing => u => u.Nik == null
            && (u.LegalForm == null || u.LegalForm == LegalForm.Perorangan || u.LegalForm == LegalForm.UsahaDagang),
        DataIssue.ResponsiblePersonMissing => u => u.ResponsiblePersonName == null
            && u.LegalForm != null && u.LegalForm != LegalForm.Perorangan && u.LegalForm != LegalForm.UsahaDagang,
        DataIssue.NibMissing => u => u.Nib == null,
        // A number that could be normalised is stored as +62...; anything else was kept as typed.
        DataIssue.PhoneDoubtful => u => u.Phone != null && !u.Phone.StartsWith("+62"),
        DataIssue.PositionOutsideKelurahan => u => u.PositionCheck == PositionCheck.LuarKelurahan,
        DataIssue.PositionOutsideCity => u => u.PositionCheck == PositionCheck.LuarKota,
        _ => u => u.KbliCode != null && u.KbliEdition == KbliEdition.Kbli2020 && KbliCategory(u.KbliCode) != u.CategoryId,
    };

    /// <summary>Any reason at all (before verification).</summary>
    public static readonly Expression<Func<IndustrialUnit, bool>> AnyIssue = Issues.Select(Has).Aggregate(Or);

    public static readonly Expression<Func<IndustrialUnit, bool>> NeedsVerification =
        And(u => u.VerifiedAt == null, AnyIssue);

    /// <summary>The unit's data status as one value (the export's column), from the same rules.</summary>
    public static readonly Expression<Func<IndustrialUnit, object?>> StatusOf = StatusExpression();

    private static Expression<Func<IndustrialUnit, object?>> StatusExpression()
    {
        var u = AnyIssue.Parameters[0];
        Expression<Func<IndustrialUnit, bool>> verified = x => x.VerifiedAt != null;
        var body = Expression.Condition(new Rebind(verified.Parameters[0], u).Visit(verified.Body),
            Expression.Constant(DataStatus.Terverifikasi),
            Expression.Condition(AnyIssue.Body, Expression.Constant(DataStatus.PerluVerifikasi), Expression.Constant(DataStatus.Lengkap)));
        return Expression.Lambda<Func<IndustrialUnit, object?>>(Expression.Convert(body, typeof(object)), u);
    }

    public static Expression<Func<IndustrialUnit, bool>> InStatus(DataStatus status) => status switch
    {
        DataStatus.Terverifikasi => u => u.VerifiedAt != null,
        DataStatus.PerluVerifikasi => NeedsVerification,
        _ => And(u => u.VerifiedAt == null, Not(AnyIssue)),
    };

    /// <summary>
    /// The category the mapping gives a KBLI code: an exception (the longest matching prefix) first, then the
    /// division's default category, else "Lainnya". Runs in PostgreSQL only (function kbli_category, see the
    /// migration KbliReferenceAndDataStatus).
    /// </summary>
    public static int? KbliCategory(string code) =>
        throw new InvalidOperationException("kbli_category is evaluated by PostgreSQL inside a query.");

    public static string Label(DataStatus status) => status switch
    {
        DataStatus.Lengkap => "Lengkap",
        DataStatus.PerluVerifikasi => "Perlu verifikasi",
        _ => "Terverifikasi",
    };

    public static string Label(DataIssue issue) => issue switch
    {
        DataIssue.NikMissing => "NIK pemilik perorangan belum ada",
        DataIssue.ResponsiblePersonMissing => "Penanggung jawab badan usaha belum ada",
        DataIssue.NibMissing => "NIB belum ada",
        DataIssue.PhoneDoubtful => "Nomor telepon meragukan",
        DataIssue.PositionOutsideKelurahan => "Posisi di luar batas kelurahannya",
        DataIssue.PositionOutsideCity => "Posisi di luar Kota Palangka Raya",
        _ => "Kategori tidak sesuai dengan KBLI",
    };

    /// <summary>The reason's key in URLs and exports.</summary>
    public static string Key(DataIssue issue) => issue switch
    {
        DataIssue.NikMissing => "tanpa-nik",
        DataIssue.ResponsiblePersonMissing => "tanpa-penanggung-jawab",
        DataIssue.NibMissing => "tanpa-nib",
        DataIssue.PhoneDoubtful => "telepon-meragukan",
        DataIssue.PositionOutsideKelurahan => "posisi-luar-kelurahan",
        DataIssue.PositionOutsideCity => "posisi-luar-kota",
        _ => "kbli-tidak-sesuai",
    };

    public static DataIssue? FromKey(string? key) => Issues.Cast<DataIssue?>().FirstOrDefault(i => Key(i!.Value) == key);

    private static Expression<Func<IndustrialUnit, bool>> Or(Expression<Func<IndustrialUnit, bool>> a, Expression<Func<IndustrialUnit, bool>> b) =>
        Combine(a, b, Expression.OrElse);

    private static Expression<Func<IndustrialUnit, bool>> And(Expression<Func<IndustrialUnit, bool>> a, Expression<Func<IndustrialUnit, bool>> b) =>
        Combine(a, b, Expression.AndAlso);

    private static Expression<Func<IndustrialUnit, bool>> Not(Expression<Func<IndustrialUnit, bool>> a) =>
        Expression.Lambda<Func<IndustrialUnit, bool>>(Expression.Not(a.Body), a.Parameters);

    private static Expression<Func<IndustrialUnit, bool>> Combine(Expression<Func<IndustrialUnit, bool>> a, Expression<Func<IndustrialUnit, bool>> b,
        Func<Expression, Expression, BinaryExpression> join)
    {
        var parameter = a.Parameters[0];
        var right = new Rebind(b.Parameters[0], parameter).Visit(b.Body);
        return Expression.Lambda<Func<IndustrialUnit, bool>>(join(a.Body, right), parameter);
    }

    private sealed class Rebind(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : node;
    }
}
