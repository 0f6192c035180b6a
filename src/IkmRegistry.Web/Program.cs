using IkmRegistry.Web.Benchmarking;
using IkmRegistry.Web.Import;

// The container's health probe: the runtime image has no curl.
if (args is ["--health-check", var probeUrl])
{
    return await Health.ProbeAsync(probeUrl);
}

var builder = WebApplication.CreateBuilder(args);
if (ProductionGuard.Refusal(builder.Environment, builder.Configuration, args) is { } refusal)
{
    await Console.Error.WriteLineAsync(refusal);
    return 2;
}

builder.AddRegistryLogging();
builder.AddRegistryReverseProxy();
builder.AddRegistryDatabase();
builder.AddRegistryIdentity();
builder.AddRegistryTwoFactor();
builder.AddRegistrySessions();
builder.AddRegistryLocalization();
builder.AddRegistryValidation();
builder.AddRegistryPages();
builder.AddRegistryPublicAccess();
builder.AddRegistryOutputCache();
builder.Services.AddScoped<IkmRegistry.Web.Data.RegistryVersion>();
builder.Services.AddSingleton<IkmRegistry.Web.Data.RegistryCache>();
builder.Services.AddScoped<IkmRegistry.Web.Data.Queries.CoverageQuery>();
builder.Services.AddScoped<IkmRegistry.Web.Pages.Directory.PublicOptionsQuery>();
builder.AddRegistrySecurityHeaders();
builder.AddRegistryOutageForms();
builder.AddRegistryImports();
IkmRegistry.Web.Photos.PhotoSetup.AddRegistryPhotos(builder);

var app = builder.Build();

if (await CommandLine.Parse(args).RunAsync(app) is { } exitCode)
{
    return exitCode;
}

app.UseRegistryReverseProxy();
app.UseRegistrySecurityHeaders();
app.UseRegistryRequestLogging();
app.UseRegistryErrorPages();
app.UseStaticFiles();
app.UseCookiePolicy();
app.UseRequestLocalization();
app.UseRouting();
app.UseCors();
app.UseAuthentication();
app.UseAuthorization();
app.UseRateLimiter();
app.UseOutputCache();
app.MapRegistryHealthChecks();
app.MapRazorPages();
app.MapRegistryPublicAccess();
IkmRegistry.Web.Photos.PhotoSetup.MapRegistryPhotos(app);
app.MapBenchmarkBaselines();

await app.RunAsync();
return 0;

public partial class Program;
