namespace IkmRegistry.Tests.Infrastructure;

/// <summary>Base for tests on the shared app: the database is reset before each test.</summary>
[Collection(SharedRegistry.Name)]
public abstract class RegistryTest(RegistryApp app) : IAsyncLifetime
{
    protected RegistryApp App => app;

    public virtual Task InitializeAsync() => app.ResetAsync();

    public virtual Task DisposeAsync() => Task.CompletedTask;
}
