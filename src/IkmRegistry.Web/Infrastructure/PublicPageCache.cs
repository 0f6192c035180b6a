using System.Collections.Concurrent;
using System.Globalization;
using IkmRegistry.Web.Benchmarking;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Primitives;

namespace IkmRegistry.Web.Infrastructure;

/// <summary>
/// Output caching of the public directory pages for anonymous visitors. An answer is stored under the registry
/// version (<see cref="RegistryVersion"/>), the language and the query parameters the page binds (others are ignored), so any write to the registry
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

    // A visitor with a message waiting (after signing out, for instance) gets the page rendered for them.
    private const string TempDataCookie = ".AspNetCore.Mvc.CookieTempDataProvider";

    public static WebApplicationBuilder AddRegistryOutputCache(this WebApplicationBuilder builder)
    {
        var enabled = builder.Configuration.GetValue(Setting, true);
        var bypassable = builder.Configuration.GetValue(Baselines.Setting, false);
        builder.Services.AddOutputCache(options => options.AddPolicy(Policy, new RegistryVersionPolicy(enabled, bypassable)));
        // Pages that show TempData messages (the home page) would expire the TempData cookie on every answer, even for a
        // visitor who has none, and an answer that sets a cookie is never cached.
        builder.Services.Replace(ServiceDescriptor.Singleton<ITempDataProvider>(services =>
            new QuietTempDataProvider(ActivatorUtilities.CreateInstance<CookieTempDataProvider>(services))));
        return builder;
    }

    /// <summary>The cookie TempData provider, without the expired cookie it writes when there was nothing to remove.</summary>
    private sealed class QuietTempDataProvider(CookieTempDataProvider inner) : ITempDataProvider
    {
        public IDictionary<string, object> LoadTempData(HttpContext context) => inner.LoadTempData(context);

        public void SaveTempData(HttpContext context, IDictionary<string, object> values)
        {
            if (values.Count > 0 || context.Request.Cookies.ContainsKey(TempDataCookie))
            {
                inner.SaveTempData(context, values);
            }
        }
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
                && !http.Request.Cookies.ContainsKey(TempDataCookie)
                && !(bypassable && http.Request.Headers.ContainsKey(BenchmarkBypassHeader));
            var version = attempt ? await http.RequestServices.GetRequiredService<RegistryVersion>().ReadOnceAsync(cancellation) : null;

            context.EnableOutputCaching = true;
            context.AllowCacheLookup = context.AllowCacheStorage = version is not null;
            context.AllowLocking = true;
            // Only the parameters the page binds: any other ?x=N is the same page, so it cannot fill the cache.
            context.CacheVaryByRules.QueryKeys = KnownQueryKeys(http);
            context.CacheVaryByRules.VaryByValues["registry-version"] = version?.ToString(CultureInfo.InvariantCulture) ?? "";
            context.CacheVaryByRules.VaryByValues["culture"] = CultureInfo.CurrentUICulture.Name;
            context.ResponseExpirationTimeSpan = TimeSpan.FromMinutes(10);
        }

        private static readonly ConcurrentDictionary<CompiledPageActionDescriptor, string[]> _queryKeys = new();

        // The names of the page's bound properties (e.g. q, kecamatan, halaman); the whole query string for anything else.
        private static StringValues KnownQueryKeys(HttpContext http) =>
            http.GetEndpoint()?.Metadata.GetMetadata<CompiledPageActionDescriptor>() is { } page
                ? _queryKeys.GetOrAdd(page, p => [.. p.BoundProperties.Select(b => b.BindingInfo?.BinderModelName ?? b.Name).Order(StringComparer.OrdinalIgnoreCase)])
                : "*";

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
