namespace IkmRegistry.Tests.Domain;

public class KbliTests
{
    [Theory]
    [InlineData("10750", true)]
    [InlineData("13134", true)]
    [InlineData("16291", true)]
    [InlineData("23951", true)]
    [InlineData("10000", false)]
    [InlineData("16290", false)]
    [InlineData("47111", false)]
    [InlineData("1075", false)]
    [InlineData("1075a", false)]
    public void A_KBLI_2020_code_is_checked_against_the_reference_not_a_range(string code, bool valid) =>
        Assert.Equal(valid, Kbli.IsValid(code));

    [Fact]
    public void The_reference_holds_divisions_10_to_33_each_with_groups_and_titles()
    {
        Assert.Equal(Enumerable.Range(10, 24), Kbli.Divisions.Select(d => int.Parse(d.Code)));
        Assert.All(Kbli.Divisions, d => Assert.Contains(Kbli.Groups, g => g.Code.StartsWith(d.Code, StringComparison.Ordinal)));
        Assert.Equal("Industri Batik", Kbli.Title("13134"));
        Assert.Equal("Industri Makanan Lainnya", Kbli.Title("10792"));
        Assert.Equal(6, Kbli.SubClasses.Count(s => s.Code.StartsWith("1629", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("6271014508850003", OwnerSex.Perempuan)]
    [InlineData("6271010508850003", OwnerSex.LakiLaki)]
    [InlineData("6271017108850003", OwnerSex.Perempuan)]
    public void The_owner_sex_is_read_from_a_valid_NIK(string nik, OwnerSex expected) =>
        Assert.Equal(expected, Identifiers.SexFromNik(nik));

    [Theory]
    [InlineData(null)]
    [InlineData("6271013508850003")]
    [InlineData("627101450885")]
    public void No_sex_is_read_from_a_missing_or_implausible_NIK(string? nik) =>
        Assert.Null(Identifiers.SexFromNik(nik));
}
