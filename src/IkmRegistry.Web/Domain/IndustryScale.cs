using System.Linq.Expressions;

namespace IkmRegistry.Web.Domain;

public enum IndustryScaleClass
{
    Kecil,
    Menengah,
    Besar,
    TidakDiketahui,
}

/// <summary>
/// Industry scale by Permenperin 64/M-IND/PER/7/2016, from workers and investment (land and buildings excluded).
/// Written once as an expression: PostgreSQL evaluates it for the dashboards, C# compiles it for one unit.
/// </summary>
public static class IndustryScale
{
    public const decimal OneBillion = 1_000_000_000m;
    public const decimal FifteenBillion = 15_000_000_000m;
    public const int SmallWorkforce = 19;

    public static readonly Expression<Func<IndustrialUnit, IndustryScaleClass>> OfUnit = u =>
        (u.WorkersMale == null && u.WorkersFemale == null && u.WorkersUnsplit == null) || u.InvestmentValue == null ? IndustryScaleClass.TidakDiketahui
        : (u.WorkersMale ?? 0) + (u.WorkersFemale ?? 0) + (u.WorkersUnsplit ?? 0) <= SmallWorkforce
            ? (u.InvestmentValue < OneBillion ? IndustryScaleClass.Kecil : IndustryScaleClass.Menengah)
            : (u.InvestmentValue <= FifteenBillion ? IndustryScaleClass.Menengah : IndustryScaleClass.Besar);

    private static readonly Func<IndustrialUnit, IndustryScaleClass> _compiled = OfUnit.Compile();

    /// <summary>Units of one scale, for a filter that PostgreSQL evaluates.</summary>
    public static Expression<Func<IndustrialUnit, bool>> Is(IndustryScaleClass scale) =>
        Expression.Lambda<Func<IndustrialUnit, bool>>(
            Expression.Equal(Expression.Convert(OfUnit.Body, typeof(int)), Expression.Constant((int)scale)), OfUnit.Parameters);

    public static IndustryScaleClass Of(IndustrialUnit unit) => _compiled(unit);

    public static IndustryScaleClass Classify(int? workers, decimal? investment) =>
        _compiled(new IndustrialUnit { BusinessName = "", OwnerName = "", WorkersMale = workers, InvestmentValue = investment });
}
