using System.Globalization;
using Microsoft.AspNetCore.Localization;

namespace IkmRegistry.Web.Infrastructure;

/// <summary>Bahasa Indonesia by default; English as the second language, chosen with a cookie.</summary>
public static class Localization
{
    public const string Indonesian = "id-ID";
    public const string English = "en-GB";

    public static readonly CultureInfo[] Cultures = [new(Indonesian), new(English)];

    public static WebApplicationBuilder AddRegistryLocalization(this WebApplicationBuilder builder)
    {
        builder.Services.AddLocalization(options => options.ResourcesPath = "Resources");
        builder.Services.Configure<RequestLocalizationOptions>(options =>
        {
            options.DefaultRequestCulture = new RequestCulture(Indonesian);
            options.SupportedCultures = Cultures;
            options.SupportedUICultures = Cultures;
            // Only the user's explicit choice counts, not the browser's Accept-Language: the default is Indonesian.
            options.RequestCultureProviders = [new CookieRequestCultureProvider()];
        });
        return builder;
    }

    public static bool IsEnglish => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";
}
