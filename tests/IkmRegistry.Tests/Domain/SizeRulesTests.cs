namespace IkmRegistry.Tests.Domain;

public class SizeRulesTests
{
    [Theory]
    [InlineData(0, BusinessSizeClass.Mikro)]
    [InlineData(1_000_000_000, BusinessSizeClass.Mikro)]
    [InlineData(1_000_000_001, BusinessSizeClass.Kecil)]
    [InlineData(5_000_000_000, BusinessSizeClass.Kecil)]
    [InlineData(5_000_000_001, BusinessSizeClass.Menengah)]
    [InlineData(10_000_000_000, BusinessSizeClass.Menengah)]
    [InlineData(10_000_000_001, BusinessSizeClass.Besar)]
    public void PP_7_2021_sizes_by_capital_at_every_boundary(long capital, BusinessSizeClass expected) =>
        Assert.Equal(expected, BusinessSize.Classify(capital, null));

    [Theory]
    [InlineData(0, BusinessSizeClass.Mikro)]
    [InlineData(2_000_000_000, BusinessSizeClass.Mikro)]
    [InlineData(2_000_000_001, BusinessSizeClass.Kecil)]
    [InlineData(15_000_000_000, BusinessSizeClass.Kecil)]
    [InlineData(15_000_000_001, BusinessSizeClass.Menengah)]
    [InlineData(50_000_000_000, BusinessSizeClass.Menengah)]
    [InlineData(50_000_000_001, BusinessSizeClass.Besar)]
    public void PP_7_2021_sizes_by_annual_sales_when_capital_is_unknown(long sales, BusinessSizeClass expected) =>
        Assert.Equal(expected, BusinessSize.Classify(null, sales));

    [Fact]
    public void Capital_decides_over_sales_when_both_are_known_and_nothing_known_is_undetermined()
    {
        Assert.Equal(BusinessSizeClass.Mikro, BusinessSize.Classify(500_000_000, 40_000_000_000));
        Assert.Equal(BusinessSizeClass.Besar, BusinessSize.Classify(20_000_000_000, 1_000_000));
        Assert.Equal(BusinessSizeClass.TidakDiketahui, BusinessSize.Classify(null, null));
    }

    [Fact]
    public void A_unit_counts_men_and_women_for_the_industry_scale()
    {
        var unit = new IndustrialUnit { BusinessName = "x", OwnerName = "y", WorkersMale = 10, WorkersFemale = 10, InvestmentValue = 2_000_000_000 };
        Assert.Equal(IndustryScaleClass.Menengah, IndustryScale.Of(unit));
        unit.WorkersFemale = 9;
        Assert.Equal(IndustryScaleClass.Menengah, IndustryScale.Of(unit));
        unit.InvestmentValue = 999_999_999;
        Assert.Equal(IndustryScaleClass.Kecil, IndustryScale.Of(unit));
    }
}
