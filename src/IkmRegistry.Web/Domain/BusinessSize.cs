using System.Linq.Expressions;

namespace IkmRegistry.Web.Domain;

public enum BusinessSizeClass
{
    Mikro,
    Kecil,
    Menengah,
    Besar,
    TidakDiketahui,
}

/// <summary>
/// Business size by PP 7/2021 Pasal 35 (what OSS uses): from capital without land and buildings (the registry's
/// investment value) when it is known (ayat 5), else from annual sales. Written once as an expression: PostgreSQL
/// evaluates it for lists and dashboards, C# compiles it for one unit.
/// </summary>
public static class BusinessSize
{
    public const decimal CapitalMikro = 1_000_000_000m;
    public const decimal CapitalKecil = 5_000_000_000m;
    public const decimal CapitalMenengah = 10_000_000_000m;
    public const decimal SalesMikro = 2_000_000_000m;
    public const decimal SalesKecil = 15_000_000_000m;
    public const decimal SalesMenengah = 50_000_000_000m;

    public static readonly Expression<Func<IndustrialUnit, BusinessSizeClass>> OfUnit = u =>
        u.InvestmentValue != null
            ? (u.InvestmentValue <= CapitalMikro ? BusinessSizeClass.Mikro
                : u.InvestmentValue <= CapitalKecil ? BusinessSizeClass.Kecil
                : u.InvestmentValue <= CapitalMenengah ? BusinessSizeClass.Menengah
                : BusinessSizeClass.Besar)
            : u.AnnualSales != null
                ? (u.AnnualSales <= SalesMikro ? BusinessSizeClass.Mikro
                    : u.AnnualSales <= SalesKecil ? BusinessSizeClass.Kecil
                    : u.AnnualSales <= SalesMenengah ? BusinessSizeClass.Menengah
                    : BusinessSizeClass.Besar)
                : BusinessSizeClass.TidakDiketahui;

    private static readonly Func<IndustrialUnit, BusinessSizeClass> _compiled = OfUnit.Compile();

    /// <summary>Units of one size, for a filter that PostgreSQL evaluates.</summary>
    public static Expression<Func<IndustrialUnit, bool>> Is(BusinessSizeClass size) =>
        Expression.Lambda<Func<IndustrialUnit, bool>>(
            Expression.Equal(Expression.Convert(OfUnit.Body, typeof(int)), Expression.Constant((int)size)), OfUnit.Parameters);

    public static BusinessSizeClass Of(IndustrialUnit unit) => _compiled(unit);

    public static BusinessSizeClass Classify(decimal? capital, decimal? annualSales) =>
        _compiled(new IndustrialUnit { BusinessName = "", OwnerName = "", InvestmentValue = capital, AnnualSales = annualSales });

    public static string Label(BusinessSizeClass size) => size switch
    {
        BusinessSizeClass.Mikro => "Usaha mikro",
        BusinessSizeClass.Kecil => "Usaha kecil",
        BusinessSizeClass.Menengah => "Usaha menengah",
        BusinessSizeClass.Besar => "Usaha besar",
        _ => "Belum dapat ditentukan (modal dan penjualan belum diisi)",
    };
}
