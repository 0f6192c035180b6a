using System.Net.Sockets;
using AngleSharp;

namespace IkmRegistry.Tests.Reliability;

public class TwoInstancesTests(RegistryApp app) : RegistryTest(app)
{
    /// <summary>Another instance of the app on a real port, on the shared test database.</summary>
    private sealed class Instance : WebApplicationFactory<Program>
    {
        private readonly string _connectionString;

        public Instance(string connectionString)
        {
            _connectionString = connectionString;
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            Port = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            UseKestrel(options => options.Listen(IPAddress.Loopback, Port));
        }

        public int Port { get; }

        public string Url(string path) => $"http://127.0.0.1:{Port}{path}";

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Testing");
            builder.UseSetting("Startup:PrepareDatabase", "false");
            builder.UseSetting("ConnectionStrings:Registry", _connectionString);
            builder.UseSetting("Serilog:MinimumLevel:Default", "Fatal");
        }
    }

    private static async Task<string> TokenAsync(HttpClient client, string url)
    {
        var html = await client.GetStringAsync(url);
        var document = await BrowsingContext.New(Configuration.Default).OpenAsync(r => r.Content(html));
        return document.QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value;
    }

    [Fact]
    public async Task A_session_started_on_one_instance_works_on_another_sharing_the_database()
    {
        var email = await App.CreateUserAsync(Roles.Official);
        await using var first = new Instance(App.ConnectionString);
        await using var second = new Instance(App.ConnectionString);
        first.StartServer();
        second.StartServer();

        // One browser (one cookie jar; cookies do not depend on the port) talking to both instances.
        using var handler = new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false };
        using var client = new HttpClient(handler);

        var token = await TokenAsync(client, first.Url("/Account/Login"));
        using var signIn = await client.PostAsync(first.Url("/Account/Login"), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = RegistryApp.TestPassword,
            ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);

        using var onSecond = await client.GetAsync(second.Url("/Registry/Units"));
        Assert.Equal(HttpStatusCode.OK, onSecond.StatusCode);
        Assert.Contains(email, await onSecond.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // A form served by the second instance is accepted by the first (antiforgery keys are shared too).
        var secondToken = await TokenAsync(client, second.Url("/Account/ChangePassword"));
        using var signOut = await client.PostAsync(first.Url("/Account/Logout"), new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = secondToken }));
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        using var afterSignOut = await client.GetAsync(second.Url("/Registry/Units"));
        Assert.Equal(HttpStatusCode.Redirect, afterSignOut.StatusCode);
        Assert.Contains("/Account/Login", afterSignOut.Headers.Location!.ToString(), StringComparison.Ordinal);
    }
}
