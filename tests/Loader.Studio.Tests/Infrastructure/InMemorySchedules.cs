using Loader.Scheduling;

namespace Loader.Studio.Tests.Infrastructure;

/// <summary>
/// Schedules held in memory, for the Studio's schedule routes and metrics without a scheduler process: pause and resume
/// flip the flag, run-now starts the schedule's workflow through the Studio's launcher.
/// </summary>
public sealed class InMemorySchedules(params ScheduleView[] views) : ISchedules
{
    private readonly Dictionary<string, ScheduleView> _views = views.ToDictionary(v => v.Name);

    /// <summary>The launcher run-now starts runs with, once the Studio exists.</summary>
    public IRunLauncher? Launcher { get; set; }

    public bool Turning { get; set; } = true;

    public Task<IReadOnlyList<ScheduleView>> ListAsync(CancellationToken cancellationToken)
    {
        lock (_views)
        {
            return Task.FromResult<IReadOnlyList<ScheduleView>>([.. _views.Values]);
        }
    }

    public Task PauseAsync(string name, CancellationToken cancellationToken) => Set(name, paused: true);

    public Task ResumeAsync(string name, CancellationToken cancellationToken) => Set(name, paused: false);

    public async Task<long> RunNowAsync(string name, CancellationToken cancellationToken)
    {
        var view = Find(name);
        var launcher = Launcher ?? throw new InvalidOperationException("the run did not start: no launcher");
        return (await launcher.StartAsync(view.Workflow, new Dictionary<string, string>(), cancellationToken)).RunId;
    }

    /// <summary>Takes <paramref name="name"/> out, as when it leaves configuration.</summary>
    public void Remove(string name)
    {
        lock (_views)
        {
            _views.Remove(name);
        }
    }

    private Task Set(string name, bool paused)
    {
        lock (_views)
        {
            _views[name] = Find(name) with { Paused = paused };
        }
        return Task.CompletedTask;
    }

    private ScheduleView Find(string name)
    {
        lock (_views)
        {
            return _views.TryGetValue(name, out var view) ? view : throw new ArgumentException($"no schedule named {name}");
        }
    }
}
