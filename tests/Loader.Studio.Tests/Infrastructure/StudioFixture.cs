using Loader.Configuration;
using Loader.Parameters;
using Loader.Scheduling;
using Loader.State;
using Loader.State.Sqlite;
using Loader.Steps;
using Loader.Studio.Hosting;

namespace Loader.Studio.Tests.Infrastructure;

/// <summary>A real Studio (Kestrel on 127.0.0.1, port 0) over a <see cref="StudioFolder"/>, and a client that records every answer.</summary>
public sealed class StudioFixture : IAsyncLifetime
{
    private StudioServer? _server;

    public StudioFolder Folder { get; } = new();

    public StudioServer Server => _server ?? throw new InvalidOperationException("not started");

    public RecordingClient Client { get; private set; } = null!;

    /// <summary>The token to require (<c>studio.token</c>); null to have the Studio make one, as it does by default.</summary>
    public string? Token { get; init; }

    public async Task InitializeAsync()
    {
        _server = Start(Folder, Token);
        await _server.StartAsync(CancellationToken.None);
        Client = new RecordingClient(_server.Address, _server.Token);
    }

    public static StudioServer Start(
        StudioFolder folder, string? token, ISchedules? schedules = null, Func<CancellationToken, Task<IStateStore>>? openState = null,
        string urls = "http://127.0.0.1:0", bool open = false, string? metricsToken = null)
    {
        var configuration = LoaderConfiguration.Load(new ConfigLayers(Path.Combine(folder.Root, "config"), [], new Dictionary<string, string?>()));
        return StudioServer.Create(new StudioOptions
        {
            Urls = urls,
            Token = token,
            OpenAccess = open,
            MetricsToken = metricsToken,
            WorkflowFolder = Path.Combine(folder.Root, "workflows"),
            Configuration = () => configuration,
            Steps = StepRegistry.WithBuiltIns().Add(new SignInStep()),
            Parameters = new ParameterParser(TimeProvider.System, new DateOnly(2026, 2, 1)),
            OpenState = openState ?? (async cancellationToken =>
            {
                var store = new SqliteStateStore(configuration["state:sqlite"]!);
                await store.InitializeAsync(cancellationToken);
                return store;
            }),
            Workers = 2,
            LogFolder = folder.LogFolder,
            LeaseTtl = TimeSpan.FromSeconds(30),
            Schedules = schedules,
        });
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
        Folder.Dispose();
    }
}
