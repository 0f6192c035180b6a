namespace IkmRegistry.Tests.Domain;

public class KelurahanBoundariesTests
{
    [Fact]
    public void Every_kelurahan_of_the_reference_data_has_a_boundary_and_no_other_code_does()
    {
        Assert.Equal(
            ReferenceData.KelurahanRows.Select(k => k.Code).Order(),
            KelurahanBoundaries.ByCode.Keys.Order());
    }

    [Fact]
    public void Each_kelurahan_centroid_lies_in_its_own_boundary_and_in_no_other()
    {
        foreach (var k in ReferenceData.KelurahanRows)
            Assert.Equal(k.Code, KelurahanBoundaries.KelurahanAt(k.Latitude, k.Longitude));
    }

    [Fact]
    public void A_point_outside_the_city_lies_in_no_kelurahan()
    {
        // Banjarmasin, South Kalimantan.
        Assert.Null(KelurahanBoundaries.KelurahanAt(-3.3194, 114.5908));
        Assert.False(KelurahanBoundaries.Contains("62.71.01.1001", 0, 0));
    }

    [Fact]
    public void The_licence_attribution_travels_with_the_data()
    {
        Assert.Contains("cahyadsn/wilayah_boundaries", KelurahanBoundaries.Attribution);
        Assert.Contains("MIT", KelurahanBoundaries.Attribution);
    }
}
