using Amazon.Runtime;
using Loader.S3.Steps;
using Loader.Steps;

namespace Loader.Emr;

/// <summary>
/// <c>emr.step</c>: adds a step to an EMR cluster (by id, or the alive cluster with that name), waits for it with
/// backoff, reports its state changes, fails with the tail of its stderr from the cluster's log URI, cancels it when
/// the attempt is cancelled.
/// </summary>
public sealed class EmrStep : IStep
{
    /// <inheritdoc />
    public StepDescriptor Descriptor { get; } = new(
        "emr.step",
        "Runs a step (command-runner args such as spark-submit ...) on the run's EMR cluster and waits for it.",
        [
            new StepInput("cluster", "string", false, null, "Another cluster than the run's (emr.cluster): its id (j-...) or the name of an alive cluster."),
            new StepInput("name", "string", false, null, "The step's name (default: the task id)."),
            new StepInput("args", "list", true, null, "The command-runner.jar arguments; {output:NAME} becomes where the step writes output NAME (for an S3 output, a work prefix copied into place on success)."),
            new StepInput("jar", "string", false, "command-runner.jar", "The JAR the step runs."),
            new StepInput("action_on_failure", "string", false, "CONTINUE", "CONTINUE, CANCEL_AND_WAIT or TERMINATE_CLUSTER."),
            new StepInput("stderr_lines", "int", false, "20", "How many lines of the step's stderr a failure shows."),
        ],
        RunsOn: "emr");

    /// <inheritdoc />
    public async Task RunAsync(StepContext context, CancellationToken cancellationToken)
    {
        var session = context.Placement as EmrSession
            ?? throw new StepInputException("emr.step runs on EMR: give the task 'runs_on: emr'");
        var client = session.Client;
        var outputs = WorkOutputs.For(context);
        var args = context.List("args").Select(a => Substitute(a, outputs.Locations)).ToList();
        if (args.Count == 0)
        {
            throw new StepInputException("input 'args' is required: the command-runner arguments, such as [spark-submit, s3://bucket/job.py]");
        }
        var action = (context.Text("action_on_failure") ?? "CONTINUE").ToUpperInvariant();
        if (action is not ("CONTINUE" or "CANCEL_AND_WAIT" or "TERMINATE_CLUSTER"))
        {
            throw new StepInputException($"input 'action_on_failure' must be CONTINUE, CANCEL_AND_WAIT or TERMINATE_CLUSTER, not '{action}'");
        }
        string cluster;
        try
        {
            cluster = context.Text("cluster") is { Length: > 0 } named
                ? await EmrClusters.ResolveAsync(client, named, cancellationToken)
                : await session.ClusterAsync(cancellationToken);
        }
        catch (Exception e) when (e is EmrException or EmrClusterException)
        {
            throw new StepFailedException(e.Message, e);
        }
        var stepConfig = new StepConfig
        {
            Name = context.Text("name") ?? context.Task.Id.Text,
            ActionOnFailure = action,
            HadoopJarStep = new HadoopJarStepConfig { Jar = context.Text("jar") ?? "command-runner.jar", Args = args },
        };
        string stepId;
        try
        {
            stepId = (await client.AddJobFlowStepsAsync(new AddJobFlowStepsRequest { JobFlowId = cluster, Steps = [stepConfig] }, cancellationToken)).StepIds.Single();
        }
        catch (EmrException e) when (e.Transient && !e.Throttled)
        {
            throw new StepFailedException($"{e.Message}; the step may have been added all the same: look at 'loader emr status {cluster}' before running again", e);
        }
        catch (EmrException e)
        {
            throw new StepFailedException(e.Message, e);
        }
        context.Log.Line($"added step {stepId} to cluster {cluster}: {string.Join(' ', args)}");
        context.Progress($"{stepId} on {cluster}: PENDING");
        var delay = client.Settings.Poll;
        string? last = "PENDING";
        try
        {
            while (true)
            {
                await Task.Delay(delay, context.Clock, cancellationToken);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, client.Settings.MaxPoll.Ticks));
                var step = (await client.DescribeStepAsync(cluster, stepId, cancellationToken)).Step;
                var state = step.Status.State;
                if (state != last)
                {
                    context.Log.Line($"step {stepId}: {state}");
                    context.Progress($"{stepId} on {cluster}: {state}");
                    last = state;
                    delay = client.Settings.Poll;
                }
                switch (state)
                {
                    case "COMPLETED":
                        outputs.Commit();
                        context.Counts["emr_step"] = stepId;
                        context.Counts["emr_cluster"] = cluster;
                        return;
                    case "FAILED":
                        throw new StepFailedException(await FailureAsync(client, context, cluster, step));
                    case "CANCELLED" or "INTERRUPTED":
                        throw new StepFailedException($"EMR step {stepId} on {cluster} was {state.ToLowerInvariant()}{Reason(step)}{await ClusterEndedAsync(client, cluster)}");
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
                await client.CancelStepsAsync(new CancelStepsRequest { ClusterId = cluster, StepIds = [stepId], StepCancellationOption = "TERMINATE_PROCESS" }, timeout.Token);
                context.Log.Line($"cancelled step {stepId}");
            }
            catch (Exception e) when (e is EmrException or HttpRequestException or OperationCanceledException)
            {
                context.Log.Line($"could not cancel step {stepId}: {e.Message}");
            }
            throw;
        }
        catch (EmrException e)
        {
            throw new StepFailedException(e.Message, e);
        }
    }

    /// <summary>Why a step was cut short when its cluster ended under it; empty when the cluster is still alive.</summary>
    private static async Task<string> ClusterEndedAsync(EmrClient client, string cluster)
    {
        try
        {
            var status = (await client.DescribeClusterAsync(cluster, CancellationToken.None)).Cluster.Status;
            return EmrClusters.AliveStates.Contains(status.State)
                ? ""
                : $": cluster {cluster} is {status.State}{(status.StateChangeReason?.Message is { Length: > 0 } why ? $" ({why})" : "")}";
        }
        catch (EmrException)
        {
            return "";
        }
    }
    private static string Substitute(string arg, IReadOnlyDictionary<string, string> outputs)
    {
        foreach (var (name, path) in outputs)
        {
            arg = arg.Replace("{output:" + name + "}", path, StringComparison.Ordinal);
        }
        return arg;
    }

    private static string Reason(Step step) =>
        (step.Status.FailureDetails?.Message ?? step.Status.StateChangeReason?.Message) is { Length: > 0 } m ? ": " + m : "";

    private static async Task<string> FailureAsync(EmrClient client, StepContext context, string cluster, Step step)
    {
        var message = $"EMR step {step.Id} on {cluster} failed{Reason(step)}";
        var lines = (int)(context.Number("stderr_lines") ?? 20);
        try
        {
            var logUri = (await client.DescribeClusterAsync(cluster, CancellationToken.None)).Cluster.LogUri;
            if (logUri is not { Length: > 0 } || !logUri.StartsWith("s3", StringComparison.Ordinal))
            {
                return message;
            }
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
            var tail = await StepStderr.TailAsync(context.Configuration, logUri, cluster, step.Id, lines, timeout.Token);
            foreach (var line in tail)
            {
                context.Log.Line("stderr: " + line);
            }
            return tail.Count == 0 ? message : $"{message}; stderr (last {tail.Count} lines):\n{string.Join('\n', tail)}";
        }
        catch (Exception e) when (e is AmazonServiceException or AmazonClientException or EmrException or IOException or HttpRequestException
            or InvalidDataException or Loader.Configuration.ConfigurationException or OperationCanceledException)
        {
            context.Log.Line($"could not read the step's stderr: {e.Message}");
            return message;
        }
    }
}

/// <summary>Adds the EMR steps to a registry.</summary>
public static class EmrStepRegistration
{
    /// <summary>Adds <c>emr.step</c>, the <c>emr</c> placement it runs on, and marks the <c>emr:</c> configuration section as read.</summary>
    public static StepRegistry AddEmrSteps(this StepRegistry steps, Func<EmrSettings, EmrClient>? clients = null)
    {
        steps.Add(new EmrStep()).Add(new EmrPlacement(clients));
        steps.ConfigSections.Add(EmrSettings.Section);
        steps.Settings.AddRange(EmrConfig.All);
        return steps;
    }
}
