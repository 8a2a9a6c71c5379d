using System.Text.Json;
using Loader.Events;
using Loader.Planning;
using Loader.State;
using Loader.Steps;
using Loader.Targets;
using Loader.Tasks;

namespace Loader.Running;

/// <summary>
/// Executes one task instance: runs attempts with retries and a timeout, each writing its outputs apart, and commits
/// them atomically, replacing an overwritten task's previous outputs only then.
/// </summary>
internal sealed class TaskExecutor(
    RunnerServices services,
    RunOptions options,
    long runId,
    AttemptJournal journal,
    RetryPipelines pipelines,
    SecretMasker masker,
    PlacementSessions placements,
    CancellationToken runCancelled)
{
    public async Task<(TaskOutcome Outcome, string Reason)> ExecuteAsync(PlanEntry entry)
    {
        var task = entry.Task;
        var step = services.Steps.Find(task.Definition.Uses)!;
        var attempt = 0;
        var commit = new CommitProgress();
        TimeSpan? timeout = null;
        try
        {
            timeout = RetryPipelines.ParseTimeout(task.Definition.Timeout?.Render(Scope(task, null)));
            await pipelines.For(task.Definition, timeout).ExecuteAsync(
                async token => await AttemptAsync(task, step, ++attempt, commit, token),
                runCancelled);
            return (TaskOutcome.Succeeded, attempt == 1 ? "ran" : $"ran, succeeded on attempt {attempt}");
        }
        catch (OperationCanceledException) when (runCancelled.IsCancellationRequested)
        {
            return (TaskOutcome.Cancelled, Previous(entry, commit, "cancelled while running"));
        }
        catch (DataNotReadyException e)
        {
            return (TaskOutcome.MissingExternalData, masker.Mask(e.Message));
        }
        catch (Polly.Timeout.TimeoutRejectedException)
        {
            return (TaskOutcome.Failed, Previous(entry, commit, $"timed out after {Parameters.Durations.Format(timeout ?? TimeSpan.Zero)} (attempt {attempt})"));
        }
        catch (Exception e)
        {
            return (TaskOutcome.Failed, Previous(entry, commit, masker.Mask(e.Message)));
        }
        finally
        {
            // Written after the attempt's record, so another runner sees the outcome before the lease is gone.
            journal.Release(task.Id.Key);
        }
    }

    /// <summary>What became of an overwritten task's previous outputs, said after why the overwrite failed.</summary>
    private static string Previous(PlanEntry entry, CommitProgress commit, string reason) =>
        entry.Decision != PlanDecision.Overwrite ? reason
        : commit.Started ? $"{reason}; its previous outputs may be partly replaced: run it again to finish the overwrite"
        : $"{reason}; its previous outputs were kept";

    private async Task AttemptAsync(TaskInstance task, IStep step, int attempt, CommitProgress commit, CancellationToken token)
    {
        var started = services.Clock.GetUtcNow();
        var logPath = Path.Combine(options.LogFolder, runId.ToString(System.Globalization.CultureInfo.InvariantCulture), $"{task.Id.Key}.{attempt}.log");
        await using var log = new TaskLog(logPath, masker);
        journal.Record(Record(task, attempt, AttemptStatus.Running, started, null, null, logPath));
        services.Events.Emit(new TaskStarted(runId, started, task, attempt, logPath));

        var writtenAt = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            for (var i = 0; i < task.Outputs.Count; i++)
            {
                var output = task.Outputs[i];
                writtenAt[task.Definition.Outputs[i].Name] = await services.Targets.For(output).PrepareAsync(output, token);
            }
            var placement = await placements.ForAsync(task.Definition.RunsOn, token);
            var inputs = (IReadOnlyDictionary<string, object>)task.Definition.With.Render(Scope(task, writtenAt));
            foreach (var secret in step.Descriptor.Inputs.Where(i => i.Type == "secret"))
            {
                // A password written in the task's 'with', or read from a key not named like a secret, is masked too.
                masker.Add(inputs.GetValueOrDefault(secret.Name) as string);
            }
            var context = new StepContext
            {
                Placement = placement,
                Secrets = masker,
                Task = task,
                Attempt = attempt,
                RunId = runId,
                Inputs = inputs,
                Outputs = writtenAt,
                Log = log,
                Configuration = services.Configuration.Root,
                State = services.State,
                Clock = services.Clock,
                Progress = message => services.Events.Emit(new TaskProgress(runId, services.Clock.GetUtcNow(), task, masker.Mask(message))),
                Step = step.Descriptor,
            };
            await step.RunAsync(context, token);
            commit.Started = true;
            await CommitAsync(task, writtenAt, context.Counts, token);
            await AfterCommitAsync(context, log);
        }
        catch (Exception e)
        {
            await DiscardAsync(task, writtenAt);
            var finished = services.Clock.GetUtcNow();
            var logged = log.HasContent ? logPath : null;
            if (e is OperationCanceledException && runCancelled.IsCancellationRequested)
            {
                journal.Record(Record(task, attempt, AttemptStatus.Cancelled, started, finished, "cancelled", logged));
                services.Events.Emit(new TaskCancelled(runId, finished, task, attempt, started, logged));
                throw;
            }
            var error = masker.Mask(e is OperationCanceledException ? "timed out" : e.Message);
            var willRetry = attempt < task.Definition.Retry.Attempts && pipelines.IsRetryable(e);
            journal.Record(Record(task, attempt, AttemptStatus.Failed, started, finished, error, logged));
            services.Events.Emit(new TaskFailed(runId, finished, task, attempt, started, error, willRetry, logged, e is DataNotReadyException));
            throw;
        }
        var done = services.Clock.GetUtcNow();
        var written = log.HasContent ? logPath : null;
        journal.Record(Record(task, attempt, AttemptStatus.Succeeded, started, done, null, written));
        services.Events.Emit(new TaskSucceeded(runId, done, task, attempt, started, written));
    }

    /// <summary>The step's clean-up once its outputs are in place; a failure there is logged, as the task is done.</summary>
    private async Task AfterCommitAsync(StepContext context, TaskLog log)
    {
        foreach (var action in context.AfterCommit)
        {
            try
            {
                await action(runCancelled);
            }
            catch (Exception e)
            {
                // The outputs are in place: the task succeeded whatever happens here, cancellation included.
                log.Line($"after the outputs were committed: {masker.Mask(e.Message)}");
            }
        }
    }

    private async Task CommitAsync(TaskInstance task, Dictionary<string, string> writtenAt, Dictionary<string, object> counts, CancellationToken token)
    {
        var marker = JsonSerializer.Serialize(new
        {
            task = task.Id.Text,
            key = task.Id.Key,
            run = runId,
            finished = services.Clock.GetUtcNow(),
            counts,
        });
        // Data first, then flag folders, markers last, so that nothing looks complete before it is (a marker may sit
        // in a flag folder, which its commit swaps whole).
        var ordered = task.Outputs.Select((target, i) => (target, name: task.Definition.Outputs[i].Name))
            .OrderBy(o => o.target.Kind switch { TargetKind.Flag => 1, TargetKind.Marker => 2, _ => 0 });
        foreach (var (target, name) in ordered)
        {
            await services.Targets.For(target).CommitAsync(target, writtenAt[name], marker, token);
        }
    }

    private async Task DiscardAsync(TaskInstance task, Dictionary<string, string> writtenAt)
    {
        for (var i = 0; i < task.Outputs.Count; i++)
        {
            if (writtenAt.TryGetValue(task.Definition.Outputs[i].Name, out var path))
            {
                await services.Targets.For(task.Outputs[i]).DiscardAsync(task.Outputs[i], path, CancellationToken.None);
            }
        }
    }

    /// <summary>Whether an attempt got as far as committing, and so may have replaced some previous outputs.</summary>
    private sealed class CommitProgress
    {
        public bool Started { get; set; }
    }

    private InstanceScope Scope(TaskInstance task, IReadOnlyDictionary<string, string>? outputs) =>
        new(task.Parameters, task.Date, options.Today.GetValueOrDefault(), services.Configuration) { Hour = task.Hour, Instance = task, Outputs = outputs, RunId = runId };

    private AttemptRecord Record(TaskInstance task, int attempt, AttemptStatus status, DateTimeOffset started, DateTimeOffset? finished, string? error, string? log) =>
        new(runId, task.Id.Key, task.Id.Text, task.Family, attempt, status, started, finished, error, log);
}
