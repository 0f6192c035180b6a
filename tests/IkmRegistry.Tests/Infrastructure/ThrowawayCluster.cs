using System.Diagnostics;
using System.Net.Sockets;

namespace IkmRegistry.Tests.Infrastructure;

/// <summary>
/// A PostgreSQL cluster of the test's own, started and stopped with scripts/lib.sh (initdb as the postgres user
/// when running as root), for tests that take the database away from a running app.
/// </summary>
public sealed class ThrowawayCluster : IAsyncDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "ikm-throwaway-" + Guid.NewGuid().ToString("N")[..8]);

    public int Port { get; } = FreePort();

    public string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database};Timeout=3;Command Timeout=10";

    public static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "scripts", "lib.sh")))
            {
                return folder.FullName;
            }
        }

        throw new DirectoryNotFoundException("scripts/lib.sh not found above " + AppContext.BaseDirectory);
    }

    public Task StartAsync() => LibAsync($"IKM_PG_NOSYNC=1 pg_start '{_folder}' {Port} '-c fsync=off'");

    public Task StopAsync() => LibAsync($"pg_stop '{_folder}'");

    /// <summary>Runs a command with scripts/lib.sh loaded; returns its output, failing on a non-zero exit.</summary>
    public static async Task<string> BashAsync(string command, IDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo("bash", ["-c", command])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepositoryRoot(),
        };
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"`{command}` exited with {process.ExitCode}: {await error}{await output}");
        }

        return await output;
    }

    private static Task<string> LibAsync(string command) => BashAsync("source scripts/lib.sh; " + command);

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        Directory.Delete(_folder, recursive: true);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
