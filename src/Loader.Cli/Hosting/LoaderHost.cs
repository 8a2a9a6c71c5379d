using System.CommandLine;
using Loader.Configuration;
using Loader.Configuration.Settings;
using Loader.MySql;
using Loader.Parameters;
using Loader.S3.Client;
using Loader.Scheduling;
using Loader.Scheduling.Schedules;
using Loader.S3.Targets;
using Loader.State;
using Loader.State.MySql;
using Loader.State.Sqlite;
using Loader.Steps;
using Loader.Studio.Hosting;
using Loader.Targets;
using Loader.Workflows;

namespace Loader.Cli.Hosting;

/// <summary>What a command works with, built from the global options: configuration, workflows, steps, targets and the state store.</summary>
internal sealed class LoaderHost
{
    private readonly ConfigLayers _layers;
    private readonly IReadOnlyList<RemoteLayer> _remote;

    private LoaderHost(ParseResult parse, GlobalOptions options, ConfigLayers layers, IReadOnlyList<RemoteLayer> remote, LoaderConfiguration configuration)
    {
        _layers = layers;
        _remote = remote;
        Options = options;
        Parse = parse;
        Configuration = configuration;
        Output = parse.GetValue(options.Output);
        Verbose = parse.GetValue(options.Verbose);
        WorkflowFolder = parse.GetValue(options.Workflows)!;
        var today = configuration["today"] is { Length: > 0 } fixedDay
            ? new ParameterParser(TimeProvider.System).ParseDate(fixedDay)
            : (DateOnly?)null;
        Parameters = new ParameterParser(Clock, today);
        Files = FileSources.Local().AddS3(configuration.Root);
        Steps = StepCatalog.Create(Files);
        Targets.Add(new MySqlTargetStore(new MySqlConnections(configuration.Root, configuration.Secrets, Files)));
        Targets.AddS3(configuration.Root);
        Settings = [.. RunnerSettings.All, .. ConfigurationSettings.All, .. Steps.Settings, .. ServiceSettings.All, .. StudioSettings.All, .. HistorySettings.All, ScheduleConfig.Setting];
        foreach (var setting in Settings)
        {
            setting.Check(configuration.Root);
        }
    }

    /// <summary>Every typed setting, checked when the host is built and whenever the configuration is re-read.</summary>
    public IReadOnlyList<Setting> Settings { get; }

    public GlobalOptions Options { get; }

    public ParseResult Parse { get; }

    public LoaderConfiguration Configuration { get; }

    public OutputFormat Output { get; }

    public bool Verbose { get; }

    public string WorkflowFolder { get; }

    public TimeProvider Clock { get; } = TimeProvider.System;

    public ParameterParser Parameters { get; }

    /// <summary>Where credentials files and load sources are read from: local paths and <c>s3://</c> URLs.</summary>
    public FileSources Files { get; }

    public StepRegistry Steps { get; }

    public TargetStores Targets { get; } = TargetStores.Local();

    /// <summary>Reads the configuration layers, fetching the remote ones; prints their warnings to standard error.</summary>
    public static LoaderHost Create(ParseResult parse, GlobalOptions options)
    {
        var layers = ConfigLayers.ForProcess(parse.GetValue(options.ConfigFolder)!, parse.GetValue(options.ConfigFiles) ?? []);
        // Commands build their host before their first await; a fetch is bounded by the client's timeout.
        var remote = RemoteLayers.FetchAsync(layers, CancellationToken.None).GetAwaiter().GetResult();
        var configuration = LoaderConfiguration.Load(layers, remote);
        foreach (var warning in configuration.Warnings)
        {
            Console.Error.WriteLine($"warning: {warning}");
        }
        return new LoaderHost(parse, options, layers, remote, configuration);
    }

    /// <summary>
    /// The configuration re-read while a long-running command runs, starting from <see cref="Configuration"/>, checked
    /// as at start; warnings and refusals go to standard error.
    /// </summary>
    public LiveConfiguration Watch()
    {
        var live = new LiveConfiguration(Configuration, _remote, _layers, RemoteLayers, Settings, Clock, warning => Console.Error.WriteLine($"warning: {warning}"));
        live.Start();
        return live;
    }

    /// <summary>What the Studio serves, listening on <paramref name="urls"/>, over the live configuration <paramref name="configuration"/>.</summary>
    public StudioOptions StudioOptions(string urls, LiveConfiguration configuration) => new()
    {
        Urls = urls,
        Token = StudioSettings.Token.Read(Configuration.Root),
        OpenAccess = StudioSettings.Access.Read(Configuration.Root) == "open",
        MetricsToken = StudioSettings.MetricsToken.Read(Configuration.Root),
        WorkflowFolder = WorkflowFolder,
        Configuration = () => configuration.Current,
        Steps = Steps,
        Targets = Targets,
        Clock = Clock,
        Parameters = Parameters,
        OpenState = OpenStateAsync,
        Workers = Workers,
        LogFolder = LogFolder,
        LeaseTtl = LeaseTtl,
    };

    /// <summary>Fetches remote configuration layers: <c>https://</c> and loopback <c>http://</c>, and <c>s3://</c> with the local layers' <c>s3</c> settings.</summary>
    public static RemoteLayerFetcher RemoteLayers { get; } =
        new(local => FileSources.Local().AddS3(local), new HttpClient { Timeout = TimeSpan.FromSeconds(30) });

    /// <summary>Every workflow under the workflow folder, checked; throws when any has a problem.</summary>
    public WorkflowCatalog LoadWorkflows()
    {
        var catalog = WorkflowCatalog.Load([WorkflowFolder], Steps);
        NoteSkipped(catalog);
        catalog.ThrowIfInvalid();
        return catalog;
    }

    /// <summary>With <c>--verbose</c>, says on standard error which files in the workflow folder were not read and why.</summary>
    public void NoteSkipped(WorkflowCatalog catalog)
    {
        if (!Verbose)
        {
            return;
        }
        foreach (var skipped in catalog.Skipped)
        {
            Console.Error.WriteLine($"skipped {skipped}");
        }
    }

    /// <summary>
    /// The state store named in config: MySQL when <c>state.mysql</c> names a credentials file, a path or an <c>s3://</c> URL (database
    /// <c>state.database</c>, default <c>loader</c>), else SQLite at <c>state.sqlite</c> (default <c>.loader/state.db</c>).
    /// </summary>
    public async Task<IStateStore> OpenStateAsync(CancellationToken cancellationToken)
    {
        if (Configuration["state:mysql"] is { Length: > 0 } credentials)
        {
            var shared = await MySqlStateStore.FromCredentialsAsync(credentials, Configuration["state:database"], Configuration.Secrets, Clock, Files, cancellationToken);
            await shared.InitializeAsync(cancellationToken);
            return shared;
        }
        var path = Configuration["state:sqlite"] is { Length: > 0 } configured ? configured : Path.Combine(".loader", "state.db");
        var store = new SqliteStateStore(path, Clock, RunnerSettings.LockWait.Read(Configuration.Root), message => Console.Error.WriteLine($"warning: {message}"));
        await store.InitializeAsync(cancellationToken);
        return store;
    }

    /// <summary>How many tasks run at once by default, from <c>runner.workers</c> (default: the number of cores).</summary>
    public int Workers => RunnerSettings.Workers.Read(Configuration.Root);

    /// <summary>Where attempt logs go, from <c>runner.logs</c>.</summary>
    public string LogFolder => Configuration["runner:logs"] is { Length: > 0 } folder ? folder : Path.Combine(".loader", "logs");

    /// <summary>How long leases last, from <c>state.lease_ttl</c>.</summary>
    public TimeSpan LeaseTtl => RunnerSettings.LeaseTtl.Read(Configuration.Root);
}
