using System.Globalization;
using IkmRegistry.Web.Benchmarking;
using IkmRegistry.Web.Data;
using Microsoft.AspNetCore.OutputCaching;

namespace IkmRegistry.Web.Infrastructure;

/// <summary>
/// Output caching of the public directory pages for anonymous visitors. An answer is stored under the registry
/// version (<see cref="RegistryVersion"/>), the language and the whole query string, so any write to the registry
/// (also raw SQL or COPY outside EF) makes the next request render the page again. Never cached: signed-in users,
/// requests with an Authorization header, anything but GET/HEAD, answers other than 200 and answers that set a
/// cookie. <c>OutputCache:PublicPages</c> (default true) turns it off. With <c>Benchmark:Baselines</c> on (benchmark
/// runs only) a request with the header <c>X-Benchmark-No-Output-Cache</c> bypasses it, so that scripts/bench.sh
/// measures the pages with and without it in the same run.
/// </summary>
public static class PublicPageCache
{
    public const string Policy = "PublicPages";
    public const string Setting = "OutputCache:PublicPages";
    public const string BenchmarkBypassHeader = "X-Benchmark-No-Output-Cache";

    public static WebApplicationBuilder AddRegistryOutputCache(this WebApplicationBuilder builder)
    {
        var enabled = builder.Configuration.GetValue(Setting, true);
        var bypassable = builder.Configuration.GetValue(Baselines.Setting, false);
        builder.Services.AddOutputCache(options => options.AddPolicy(Policy, new RegistryVersionPolicy(enabled, bypassable)));
        return builder;
    }

    private sealed class RegistryVersionPolicy(bool enabled, bool bypassable) : IOutputCachePolicy
    {
        public async ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
        {
            var http = context.HttpContext;
            var attempt = enabled
                && (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method))
                && http.User.Identity?.IsAuthenticated != true
                && !http.Request.Headers.ContainsKey("Authorization")
                && !(bypassable && http.Request.Headers.ContainsKey(BenchmarkBypassHeader));
            var version = attempt ? await http.RequestServices.GetRequiredService<RegistryVersion>().ReadAsync(cancellation) : null;

            context.EnableOutputCaching = true;
            context.AllowCacheLookup = context.AllowCacheStorage = version is not null;
            context.AllowLocking = true;
            context.CacheVaryByRules.QueryKeys = "*";
            context.CacheVaryByRules.VaryByValues["registry-version"] = version?.ToString(CultureInfo.InvariantCulture) ?? "";
            context.CacheVaryByRules.VaryByValues["culture"] = CultureInfo.CurrentUICulture.Name;
            context.ResponseExpirationTimeSpan = TimeSpan.FromMinutes(10);
        }

        public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

        public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation)
        {
            var response = context.HttpContext.Response;
            if (response.StatusCode != StatusCodes.Status200OK || response.Headers.SetCookie.Count > 0)
            {
                context.AllowCacheStorage = false;
            }

            return ValueTask.CompletedTask;
        }
    }
}
