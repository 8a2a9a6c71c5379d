using Loader.Configuration;
using Loader.Parameters;
using Loader.Scheduling;
using Loader.State;
using Loader.Steps;
using Loader.Targets;

namespace Loader.Studio.Hosting;

/// <summary>What the Studio serves: where it listens, the workflows, and the engine's services it works with.</summary>
public sealed record StudioOptions
{
    /// <summary>The address to listen on; loopback by default.</summary>
    public string Urls { get; init; } = "http://127.0.0.1:5080";

    /// <summary>The access token every request needs (<c>studio.token</c>); when null, a random one is made at start.</summary>
    public string? Token { get; init; }

    /// <summary>No token at all (<c>studio.access: open</c>), for a machine with one user; refused beyond loopback.</summary>
    public bool OpenAccess { get; init; }

    /// <summary>A token that reaches only <c>/metrics</c> and <c>/healthz</c> (<c>studio.metrics_token</c>), or null.</summary>
    public string? MetricsToken { get; init; }

    /// <summary>The folder with the workflow files.</summary>
    public required string WorkflowFolder { get; init; }

    /// <summary>
    /// The layered configuration as it is now, asked afresh for each request and each run (see <see cref="LiveConfiguration.Current"/>),
    /// so that a re-read configuration, such as a password rotated in secret.yml, is used without a restart; the secrets of
    /// every configuration it gave are masked in every response.
    /// </summary>
    public required Func<LoaderConfiguration> Configuration { get; init; }

    /// <summary>The step types tasks can use.</summary>
    public required StepRegistry Steps { get; init; }

    /// <summary>Where outputs are checked.</summary>
    public TargetStores Targets { get; init; } = TargetStores.Local();

    /// <summary>The clock, injected so tests are deterministic.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>Reads parameter text, with the date "today" means.</summary>
    public required ParameterParser Parameters { get; init; }

    /// <summary>Opens the state store (runs, attempts, leases); the Studio disposes what it opens.</summary>
    public required Func<CancellationToken, Task<IStateStore>> OpenState { get; init; }

    /// <summary>How many tasks a run started from the Studio runs at once.</summary>
    public int Workers { get; init; } = 2;

    /// <summary>Where attempt logs go; log requests are refused outside it.</summary>
    public string LogFolder { get; init; } = Path.Combine(".loader", "logs");

    /// <summary>How long runners' leases last.</summary>
    public TimeSpan LeaseTtl { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The schedules of the service this Studio is part of (<c>loader serve</c>); null under <c>loader studio</c>.</summary>
    public ISchedules? Schedules { get; init; }
}
