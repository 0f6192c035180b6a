using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace IkmRegistry.Web.Infrastructure;

/// <summary>
/// Production runs behind a TLS proxy (deploy/nginx). The proxy's X-Forwarded-For and X-Forwarded-Proto are
/// believed only from the addresses in <c>ReverseProxy:KnownProxies</c> / <c>KnownNetworks</c> (loopback when none
/// are set), so every rate limit counts the real client and HSTS and Secure cookies see https, while a client
/// cannot choose its own address by sending the header itself (ASVS 14.5, 12.1). Absolute links (sitemap.xml,
/// the open API) are built from <c>ReverseProxy:PublicBaseUrl</c>, never from the request's Host header; and
/// <c>AllowedHosts</c> answers 400 to any other Host.
/// </summary>
public static class ReverseProxy
{
    public sealed class Options
    {
        public const string Section = "ReverseProxy";

        /// <summary>Addresses of the proxies whose forwarded headers are believed.</summary>
        public string[] KnownProxies { get; set; } = [];

        /// <summary>Networks (CIDR, e.g. 172.20.0.0/16 for a Docker network) whose forwarded headers are believed.</summary>
        public string[] KnownNetworks { get; set; } = [];

        /// <summary>How the public reaches the site, e.g. https://ikm.palangkaraya.go.id; empty: the request's own.</summary>
        public string? PublicBaseUrl { get; set; }
    }

    public static WebApplicationBuilder AddRegistryReverseProxy(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(Options.Section).Get<Options>() ?? new Options();
        builder.Services.Configure<Options>(builder.Configuration.GetSection(Options.Section));
        if (options.PublicBaseUrl is { Length: > 0 } url && !(Uri.TryCreate(url, UriKind.Absolute, out var parsed) && parsed.Scheme is "https" or "http"))
        {
            throw new InvalidOperationException($"ReverseProxy:PublicBaseUrl must be an absolute http(s) URL, not '{url}'.");
        }

        builder.Services.Configure<ForwardedHeadersOptions>(forwarded =>
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // One proxy: only the address it appended is taken, never what a client put in front of it.
            forwarded.ForwardLimit = 1;
            if (options.KnownProxies.Length > 0 || options.KnownNetworks.Length > 0)
            {
                forwarded.KnownProxies.Clear();
                forwarded.KnownIPNetworks.Clear();
                foreach (var proxy in options.KnownProxies)
                {
                    forwarded.KnownProxies.Add(IPAddress.Parse(proxy));
                }

                foreach (var network in options.KnownNetworks)
                {
                    forwarded.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
                }
            }
        });
        return builder;
    }

    /// <summary>First in the pipeline: everything after it sees the client's address and scheme.</summary>
    public static WebApplication UseRegistryReverseProxy(this WebApplication app)
    {
        app.UseForwardedHeaders();
        return app;
    }

    /// <summary>An absolute link to a page, on the public base URL when one is configured.</summary>
    public static string? PublicPageUri(this LinkGenerator links, HttpContext http, string page, object? values = null)
    {
        var options = http.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<Options>>().Value;
        if (options.PublicBaseUrl is not { Length: > 0 } url)
        {
            return links.GetUriByPage(http, page, handler: null, values: values);
        }

        var site = new Uri(url);
        return links.GetUriByPage(http, page, handler: null, values: values, scheme: site.Scheme, host: site.IsDefaultPort ? new HostString(site.Host) : new HostString(site.Host, site.Port), pathBase: new PathString(site.AbsolutePath.TrimEnd('/')));
    }
}
