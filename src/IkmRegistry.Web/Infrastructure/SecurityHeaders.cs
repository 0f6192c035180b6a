namespace IkmRegistry.Web.Infrastructure;

/// <summary>
/// Headers that every answer carries (pages, static files, errors, the API): a Content-Security-Policy that
/// allows this site only, with no inline script or style, and the usual hardening headers. HSTS is added
/// outside Development and Testing, where the app is reached over HTTPS.
/// </summary>
public static class SecurityHeaders
{
    /// <summary>Configuration keys whose URL template names a map tile server that images may come from.</summary>
    public static readonly string[] TileUrlKeys = ["Directory:Map:TileUrl", "Dashboard:Map:TileUrl"];

    public const string PermissionsPolicy =
        "accelerometer=(), autoplay=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), magnetometer=(), " +
        "microphone=(), midi=(), payment=(), publickey-credentials-get=(), screen-wake-lock=(), usb=(), xr-spatial-tracking=()";

    /// <summary>
    /// The unit form (create and edit, staff only) may ask the browser for this site's own use of the device's position:
    /// its "take the position" button (issue 16). Every other answer keeps geolocation=().
    /// </summary>
    public static readonly string UnitFormPermissionsPolicy = PermissionsPolicy.Replace("geolocation=()", "geolocation=(self)", StringComparison.Ordinal);

    private static bool IsUnitForm(PathString path) =>
        path.StartsWithSegments("/Registry/Units/Create", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/Registry/Units/Edit", StringComparison.OrdinalIgnoreCase);

    public static string ContentSecurityPolicy(IConfiguration configuration)
    {
        var tileSources = TileUrlKeys
            .Select(key => TileSource(configuration[key]))
            .OfType<string>()
            .Distinct(StringComparer.OrdinalIgnoreCase);
        var images = string.Join(' ', tileSources.Prepend("data:").Prepend("'self'"));
        return "default-src 'self'; script-src 'self'; style-src 'self'; img-src " + images + "; font-src 'self'; " +
            "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
    }

    /// <summary>
    /// The scheme and host of a tile URL template such as https://{s}.tile.example.org/{z}/{x}/{y}.png; a
    /// placeholder in the host becomes a wildcard. Null when no valid URL is configured.
    /// </summary>
    public static string? TileSource(string? template)
    {
        if (string.IsNullOrWhiteSpace(template))
        {
            return null;
        }

        var withoutPlaceholder = template.Trim().Replace("{s}.", "tiles-subdomain.", StringComparison.Ordinal);
        if (!Uri.TryCreate(withoutPlaceholder, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http"))
        {
            return null;
        }

        var host = uri.Host.StartsWith("tiles-subdomain.", StringComparison.Ordinal) ? "*" + uri.Host["tiles-subdomain".Length..] : uri.Host;
        return uri.IsDefaultPort ? $"{uri.Scheme}://{host}" : $"{uri.Scheme}://{host}:{uri.Port}";
    }

    public static WebApplicationBuilder AddRegistrySecurityHeaders(this WebApplicationBuilder builder)
    {
        builder.Services.AddHsts(options =>
        {
            options.MaxAge = TimeSpan.FromDays(365);
            options.IncludeSubDomains = true;
        });
        return builder;
    }

    public static WebApplication UseRegistrySecurityHeaders(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment() && !app.Environment.IsEnvironment("Testing"))
        {
            app.UseHsts();
        }

        var policy = ContentSecurityPolicy(app.Configuration);
        app.Use((context, next) =>
        {
            // Set when the answer starts, so that the error handler (which clears headers) cannot drop them.
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.ContentSecurityPolicy = policy;
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
                headers["Permissions-Policy"] = IsUnitForm(context.Request.Path) ? UnitFormPermissionsPolicy : PermissionsPolicy;
                headers.XFrameOptions = "DENY";
                headers["Cross-Origin-Opener-Policy"] = "same-origin";
                return Task.CompletedTask;
            });
            return next(context);
        });
        return app;
    }
}
