namespace IkmRegistry.Web.Domain;

public enum IndustryScaleClass
{
    Kecil,
    Menengah,
    Besar,
    TidakDiketahui,
}

/// <summary>Industry scale by Permenperin 64/M-IND/PER/7/2016, from workers and investment (land and buildings excluded).</summary>
public static class IndustryScale
{
    public const decimal OneBillion = 1_000_000_000m;
    public const decimal FifteenBillion = 15_000_000_000m;

    public static IndustryScaleClass Classify(int? workers, decimal? investment)
    {
        if (workers is null || investment is null)
        {
            return IndustryScaleClass.TidakDiketahui;
        }

        if (workers <= 19)
        {
            return investment < OneBillion ? IndustryScaleClass.Kecil : IndustryScaleClass.Menengah;
        }

        return investment <= FifteenBillion ? IndustryScaleClass.Menengah : IndustryScaleClass.Besar;
    }
}
