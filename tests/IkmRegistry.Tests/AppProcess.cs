using System.Diagnostics;

namespace IkmRegistry.Tests;

/// <summary>The built web app started as its own process (dotnet IkmRegistry.Web.dll), for what happens before the host runs.</summary>
internal static class AppProcess
{
    /// <summary>Starts the app with <paramref name="args"/> and <paramref name="environment"/>, waits up to a minute for it to exit, and returns what it wrote.</summary>
    public static async Task<(int ExitCode, string Error, string Output)> RunAsync(IEnumerable<string> args, IReadOnlyDictionary<string, string> environment)
    {
        var web = Path.Combine(AppContext.BaseDirectory, "IkmRegistry.Web.dll");
        var start = new ProcessStartInfo("dotnet", [web, .. args]) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await error, await output);
    }
}
