using System.Net;
using System.Net.Sockets;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Serilog.Core;

namespace IkmRegistry.BrowserTests.Infrastructure;

/// <summary>
/// The real app on a real loopback port, and Debian's Chromium driven by Playwright. The app logs every request
/// (and the sign-in events) into <see cref="Logs"/>, so that a failing step can say what the server answered.
/// </summary>
public sealed class BrowserApp : RegistryApp
{
    private IPlaywright? _playwright;

    public BrowserApp() : base("ikm_test_browser")
    {
    }

    public IBrowser Chromium { get; private set; } = null!;

    public string BaseUrl { get; private set; } = "";

    public CapturedLogs Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Serilog:MinimumLevel:Override:Serilog.AspNetCore.RequestLoggingMiddleware", "Information");
        builder.UseSetting("Serilog:MinimumLevel:Override:IkmRegistry", "Information");
        builder.ConfigureTestServices(services => services.AddSingleton<ILogEventSink>(Logs));
    }

    /// <summary>
    /// Signs in through the form in a new page, answering the second step with the code the account's authenticator
    /// app would show (a step not used before, <see cref="Totp.NextCode"/>). When the form's POST does not
    /// redirect, or the redirect does not leave the sign-in pages, fails with what the POST answered and what the
    /// app logged meanwhile.
    /// </summary>
    public async Task<IPage> SignInAsync(string email, int width = 1280, int height = 900)
    {
        var page = await NewPageAsync(width, height);
        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Kata sandi").FillAsync(RegistryApp.TestPassword);
        var logged = Logs.Events.Count;
        // Password hashing on a busy 2-core machine: wait generously before calling it a failure.
        var answer = await page.RunAndWaitForResponseAsync(
            () => page.Locator("main").GetByRole(AriaRole.Button, new() { Name = "Masuk" }).ClickAsync(),
            r => r.Request.Method == "POST" && r.Url.Contains("/Account/Login", StringComparison.Ordinal),
            new() { Timeout = 90_000 });
        try
        {
            Assert.Equal(302, answer.Status);
            await UntilUrlAsync(page, url => !url.Contains("/Account/Login?", StringComparison.Ordinal) && !url.EndsWith("/Account/Login", StringComparison.Ordinal));
            if (page.Url.Contains("/Account/LoginTwoFactor", StringComparison.Ordinal))
            {
                await page.GetByLabel("Kode dari aplikasi autentikator").FillAsync(await AuthenticatorCodeAsync(this, email));
                answer = await page.RunAndWaitForResponseAsync(
                    () => page.Locator("main form").First.GetByRole(AriaRole.Button, new() { Name = "Masuk", Exact = true }).ClickAsync(),
                    r => r.Request.Method == "POST" && r.Url.Contains("/Account/LoginTwoFactor", StringComparison.Ordinal),
                    new() { Timeout = 90_000 });
                Assert.Equal(302, answer.Status);
                await UntilUrlAsync(page, url => !url.Contains("/Account/Login", StringComparison.Ordinal));
            }
        }
        catch (Exception e) when (e is Xunit.Sdk.XunitException or TimeoutException)
        {
            var body = answer.Status == 302 ? "" : await answer.TextAsync();
            var alerts = await page.Locator(".alert, .validation-summary-errors, .text-danger").AllInnerTextsAsync();
            Assert.Fail($"Sign-in of {email} did not leave the sign-in page (now {page.Url}). The POST answered {answer.Status} {answer.StatusText}, "
                + $"Location: {await answer.HeaderValueAsync("location") ?? "none"}; messages on the page: [{string.Join(" | ", alerts)}]; "
                + $"body starts: {body[..Math.Min(body.Length, 400)]}\nThe app logged meanwhile:\n{string.Join("\n", Logs.AsWritten().Skip(logged))}\n({e.Message})");
        }

        return page;
    }

    /// <summary>
    /// Waits until the page's address satisfies <paramref name="done"/>, looking at it every 50 ms for up to 90 s.
    /// Playwright's WaitForURLAsync waits for a navigation event when the address does not match yet, and it once
    /// missed one that committed between its look and its wait: in a clean-clone run the sign-in had succeeded, the
    /// page stood at "/" and the wait still timed out after 90 s. Looking again cannot miss it.
    /// </summary>
    public static async Task UntilUrlAsync(IPage page, Func<string, bool> done)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!done(page.Url))
        {
            if (waited.Elapsed > TimeSpan.FromSeconds(90))
            {
                throw new TimeoutException($"The address stayed {page.Url} for 90 s.");
            }

            await Task.Delay(50);
        }
    }

    public override async Task InitializeAsync()
    {
        var port = FreePort();
        BaseUrl = $"http://127.0.0.1:{port}";
        UseKestrel(options => options.Listen(IPAddress.Loopback, port));
        await base.InitializeAsync();
        StartServer();

        _playwright = await Playwright.CreateAsync();
        Chromium = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("IKM_CHROMIUM") ?? "/usr/bin/chromium",
            Headless = true,
            // Chromium must not try to reach hosts this closed network cannot reach.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    public async Task<IPage> NewPageAsync(int width = 1280, int height = 900)
    {
        var context = await Chromium.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl,
            ViewportSize = new ViewportSize { Width = width, Height = height },
        });
        return await context.NewPageAsync();
    }

    public override async ValueTask DisposeAsync()
    {
        if (Chromium is not null)
        {
            await Chromium.DisposeAsync();
        }

        _playwright?.Dispose();
        await base.DisposeAsync();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

public static class Accessibility
{
    /// <summary>Runs axe-core in the page and fails on any serious or critical violation, naming each.</summary>
    public static async Task AssertNoSeriousViolationsAsync(this IPage page)
    {
        // IKM_SCREENSHOTS=/some/dir keeps a screenshot of every page checked, to look at as a user would.
        if (Environment.GetEnvironmentVariable("IKM_SCREENSHOTS") is { Length: > 0 } folder)
        {
            System.IO.Directory.CreateDirectory(folder);
            var name = new string(new Uri(page.Url).PathAndQuery.Select(c => char.IsLetterOrDigit(c) ? c : '_').ToArray());
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, $"{name}-{page.ViewportSize?.Width}.png"), FullPage = false });
        }

        var result = await page.RunAxe();
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, $"axe-core on {page.Url}: " + string.Join("; ", serious.Select(Describe)));
    }

    private static string Describe(AxeResultItem violation) =>
        $"{violation.Id} ({violation.Impact}): {violation.Help} at {string.Join(", ", violation.Nodes.Select(n => n.Target?.ToString()))}";
}

/// <summary>
/// Base for browser tests. Each test class gets a <see cref="BrowserApp"/> of its own (a class fixture: its app, its
/// database, its port and its Chromium), so classes run in parallel with each other
/// (tests/IkmRegistry.BrowserTests/xunit.runner.json); the tests of one class run one after another, each on a
/// database reset before it (and the demo data loaded into it for a class that asks for them).
/// </summary>
public abstract class BrowserTest(BrowserApp app, bool withDemoData = false) : IClassFixture<BrowserApp>, IAsyncLifetime
{
    protected BrowserApp App => app;

    public virtual async Task InitializeAsync()
    {
        await app.ResetAsync();
        if (withDemoData)
        {
            await app.LoadDemoDataAsync();
        }
    }

    public virtual Task DisposeAsync() => Task.CompletedTask;
}
