namespace IkmRegistry.Tests.Infrastructure;

/// <summary>
/// Base for tests on the app. Each test class gets an app and a database of its own (a class fixture), so classes
/// run in parallel with each other; the database is reset before each test, and the tests of one class run one
/// after another. A new class needs nothing more than <c>public class XTests(RegistryApp app) : RegistryTest(app)</c>.
/// </summary>
public abstract class RegistryTest(RegistryApp app) : IClassFixture<RegistryApp>, IAsyncLifetime
{
    protected RegistryApp App => app;

    public virtual Task InitializeAsync() => app.ResetAsync();

    public virtual Task DisposeAsync() => Task.CompletedTask;
}
