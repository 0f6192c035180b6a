namespace IkmRegistry.Web.Domain;

/// <summary>Palangka Raya keeps Western Indonesia Time (UTC+7, no daylight saving). Instants are stored in UTC.</summary>
public static class Wib
{
    private static readonly TimeSpan _offset = TimeSpan.FromHours(7);

    public static DateTimeOffset From(DateTime utc) => new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)).ToOffset(_offset);

    public static DateTimeOffset Now(TimeProvider clock) => clock.GetUtcNow().ToOffset(_offset);

    public static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().ToOffset(_offset).DateTime);
}
