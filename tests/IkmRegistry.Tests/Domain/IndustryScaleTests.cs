namespace IkmRegistry.Tests.Domain;

public class IndustryScaleTests
{
    [Theory]
    [InlineData(0, 0, IndustryScaleClass.Kecil)]
    [InlineData(5, 50_000_000, IndustryScaleClass.Kecil)]
    [InlineData(19, 999_999_999, IndustryScaleClass.Kecil)]
    [InlineData(19, 1_000_000_000, IndustryScaleClass.Menengah)]
    [InlineData(20, 100_000_000, IndustryScaleClass.Menengah)]
    [InlineData(20, 999_999_999, IndustryScaleClass.Menengah)]
    [InlineData(20, 15_000_000_000, IndustryScaleClass.Menengah)]
    [InlineData(20, 15_000_000_001, IndustryScaleClass.Besar)]
    [InlineData(19, 15_000_000_001, IndustryScaleClass.Menengah)]
    [InlineData(19, 20_000_000_000, IndustryScaleClass.Menengah)]
    public void Permenperin_64_2016_classifies_by_workers_and_investment_at_every_boundary(int workers, long investment, IndustryScaleClass expected) =>
        Assert.Equal(expected, IndustryScale.Classify(workers, investment));

    [Fact]
    public void Missing_figures_are_counted_as_unknown()
    {
        Assert.Equal(IndustryScaleClass.TidakDiketahui, IndustryScale.Classify(null, 5_000_000));
        Assert.Equal(IndustryScaleClass.TidakDiketahui, IndustryScale.Classify(3, null));
    }

    [Theory]
    [InlineData("Sentra IKM Pahandut Seberang", "sentra-ikm-pahandut-seberang")]
    [InlineData("  Kerajinan & Anyaman (Rotan)  ", "kerajinan-anyaman-rotan")]
    [InlineData("Kafé Dayak", "kafe-dayak")]
    public void Slugs_are_readable(string text, string expected) => Assert.Equal(expected, Slug.From(text));
}
