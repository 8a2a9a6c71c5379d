using Microsoft.Extensions.Configuration;

namespace Loader.Steps;

/// <summary>
/// Somewhere other than this process that a task's step does its work (the task's <c>runs_on</c>), such as an EMR
/// cluster. A run readies it once, before the first task that runs there, and releases it when the run ends,
/// whether the run succeeded, failed or was cancelled.
/// </summary>
public interface IPlacement
{
    /// <summary>The name <c>runs_on</c> gives.</summary>
    string Name { get; }

    /// <summary>Readies the placement for one run; what it has to say goes to <see cref="PlacementContext.Notice"/>.</summary>
    Task<IPlacementSession> OpenAsync(PlacementContext context, CancellationToken cancellationToken);
}

/// <summary>A placement readied for one run; the steps that run there read it from <see cref="StepContext.Placement"/>, the run disposes it at its end.</summary>
public interface IPlacementSession : IAsyncDisposable;

/// <summary>What a placement sees when a run readies it.</summary>
/// <param name="RunId">The run.</param>
/// <param name="Configuration">The layered configuration.</param>
/// <param name="Clock">The clock.</param>
/// <param name="Notice">Reports a line to the run's events (cluster state changes, teardown).</param>
public sealed record PlacementContext(long RunId, IConfiguration Configuration, TimeProvider Clock, Action<string> Notice);
