using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace IkmRegistry.Tests.Infrastructure;

/// <summary>
/// A test-only address, /test/throw, that fails with an exception, placed behind the app's whole pipeline
/// so that the app's own error handling answers it.
/// </summary>
public sealed class ThrowingEndpoint : IStartupFilter
{
    public const string Path = "/test/throw";
    public const string Message = "Kegagalan buatan untuk uji";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        next(app);
        app.Use((context, inner) => context.Request.Path == Path
            ? throw new InvalidOperationException(Message)
            : inner(context));
    };

    public static IWebHostBuilder AddTo(IWebHostBuilder builder) =>
        builder.ConfigureTestServices(services => services.AddSingleton<IStartupFilter, ThrowingEndpoint>());
}
