using System.Globalization;
using System.Threading.RateLimiting;

namespace IkmRegistry.Web.Infrastructure;

/// <summary>
/// Limits sign-in attempts per client address and per account (whether the account exists or not), on top of
/// Identity's lockout: guessing many passwords for one account, or one password for many accounts, is slowed
/// down. Limits come from RateLimiting:SignInPerClient and RateLimiting:SignInPerAccount.
/// </summary>
public sealed class SignInThrottle : IDisposable
{
    private readonly PartitionedRateLimiter<string> _perClient;
    private readonly PartitionedRateLimiter<string> _perAccount;

    public SignInThrottle(IConfiguration configuration)
    {
        _perClient = Limiter(configuration.GetSection("RateLimiting:SignInPerClient"), permitLimit: 20, windowSeconds: 300);
        _perAccount = Limiter(configuration.GetSection("RateLimiting:SignInPerAccount"), permitLimit: 10, windowSeconds: 900);
    }

    /// <summary>Counts one attempt; when either limit is passed, returns how long to wait.</summary>
    public TimeSpan? TryAttempt(HttpContext context, string email)
    {
        var client = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        using var byClient = _perClient.AttemptAcquire(client);
        if (!byClient.IsAcquired)
        {
            return RetryAfter(byClient);
        }

        using var byAccount = _perAccount.AttemptAcquire(email.Trim().ToUpperInvariant());
        return byAccount.IsAcquired ? null : RetryAfter(byAccount);
    }

    public static int Seconds(TimeSpan wait) => Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));

    public static string Header(TimeSpan wait) => Seconds(wait).ToString(CultureInfo.InvariantCulture);

    private static TimeSpan RetryAfter(RateLimitLease lease) =>
        lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);

    private static PartitionedRateLimiter<string> Limiter(IConfigurationSection section, int permitLimit, int windowSeconds)
    {
        var permits = section.GetValue("PermitLimit", permitLimit);
        var window = TimeSpan.FromSeconds(section.GetValue("WindowSeconds", windowSeconds));
        return PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits,
            Window = window,
            QueueLimit = 0,
        }));
    }

    public void Dispose()
    {
        _perClient.Dispose();
        _perAccount.Dispose();
    }
}
