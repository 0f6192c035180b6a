using System.Globalization;
using System.Threading.RateLimiting;
using IkmRegistry.Web.Api;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.OpenApi;

namespace IkmRegistry.Web.Infrastructure;

/// <summary>
/// Wiring for what anyone may read without signing in: the open data API (/api/v1, described at
/// /openapi/v1.json), its CORS policy, and per-client rate limits on the API and on directory search.
/// </summary>
public static class PublicAccess
{
    public const string OpenDataCors = "OpenData";
    public const string OpenDataRateLimit = "OpenData";
    public const string DirectorySearchRateLimit = "DirectorySearch";
    public const string AnonymousRateLimit = "AnonymousPerClient";

    /// <summary>Limits per client IP and window, from configuration (RateLimiting:OpenData, RateLimiting:DirectorySearch).</summary>
    public sealed class RateLimitSettings
    {
        public int PermitLimit { get; set; }
        public int WindowSeconds { get; set; }
    }

    public static WebApplicationBuilder AddRegistryPublicAccess(this WebApplicationBuilder builder)
    {
        builder.Services.AddCors(options => options.AddPolicy(OpenDataCors, policy => policy
            .AllowAnyOrigin()
            .WithMethods(HttpMethods.Get)
            .WithHeaders("If-None-Match")
            .WithExposedHeaders("ETag", "Retry-After")));

        var limits = builder.Configuration.GetSection("RateLimiting");
        var openData = Settings(limits.GetSection(OpenDataRateLimit), permitLimit: 120);
        var directorySearch = Settings(limits.GetSection(DirectorySearchRateLimit), permitLimit: 60);
        var anonymous = Settings(limits.GetSection(AnonymousRateLimit), permitLimit: 600);
        builder.Services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            // Every request of a client that is not signed in, on top of the per-endpoint limits: no page (cached or not)
            // can be used to keep the server busy. Static files are served before the limiter; health probes are exempt.
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                context.User.Identity?.IsAuthenticated == true || context.Request.Path.StartsWithSegments("/health")
                    ? RateLimitPartition.GetNoLimiter("")
                    : PerClient(context, AnonymousRateLimit, anonymous));
            options.AddPolicy(OpenDataRateLimit, context => PerClient(context, OpenDataRateLimit, openData));
            options.AddPolicy(DirectorySearchRateLimit, context => PerClient(context, DirectorySearchRateLimit, directorySearch));
            options.OnRejected = async (rejected, cancellationToken) =>
            {
                var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(Math.Max(anonymous.WindowSeconds, Math.Max(openData.WindowSeconds, directorySearch.WindowSeconds)));
                var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
                var response = rejected.HttpContext.Response;
                response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                // A body of its own, so that the status-code page does not replace this answer.
                var text = rejected.HttpContext.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
                var message = text["Terlalu banyak permintaan. Coba lagi dalam {0} detik.", seconds].Value;
                if (rejected.HttpContext.Request.Path.StartsWithSegments(OpenDataEndpoints.Prefix))
                {
                    await Results.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: message).ExecuteAsync(rejected.HttpContext);
                }
                else
                {
                    response.ContentType = "text/plain; charset=utf-8";
                    await response.WriteAsync(message, cancellationToken);
                }
            };
        });

        builder.Services.AddOpenApi(options => options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info = new OpenApiInfo
            {
                Title = "Registri IKM Kota Palangka Raya: data terbuka",
                Version = "v1",
                Description = "Open aggregate data of the IKM (small and medium industry) registry of Kota Palangka Raya: " +
                    "the active sentra IKM terpadu and counts of active units by area and product category. Areas carry their " +
                    "Kemendagri codes. No personal data and no figures of single units are published. Field names are " +
                    "snake_case and stable within v1. Every answer has an ETag (send If-None-Match for a 304) and " +
                    "Cache-Control; CORS allows GET from any origin; each client IP has a request limit (429 with Retry-After).",
            };
            return Task.CompletedTask;
        }));
        return builder;
    }

    public static WebApplication MapRegistryPublicAccess(this WebApplication app)
    {
        app.MapOpenApi().RequireCors(OpenDataCors).RequireRateLimiting(OpenDataRateLimit).AllowAnonymous();
        app.MapOpenDataEndpoints();
        app.MapSitemap();
        return app;
    }

    private static RateLimitSettings Settings(IConfigurationSection section, int permitLimit)
    {
        var settings = section.Get<RateLimitSettings>() ?? new RateLimitSettings();
        if (settings.PermitLimit <= 0)
        {
            settings.PermitLimit = permitLimit;
        }

        if (settings.WindowSeconds <= 0)
        {
            settings.WindowSeconds = 60;
        }

        return settings;
    }

    // One bucket per policy and client IP; behind a reverse proxy, configure ForwardedHeaders so that this is the visitor's IP.
    private static RateLimitPartition<string> PerClient(HttpContext context, string policy, RateLimitSettings settings) =>
        RateLimitPartition.GetFixedWindowLimiter(
            $"{policy}:{context.Connection.RemoteIpAddress}",
            _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = settings.PermitLimit,
                Window = TimeSpan.FromSeconds(settings.WindowSeconds),
                QueueLimit = 0,
            });
}
