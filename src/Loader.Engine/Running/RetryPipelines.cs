using Loader.Parameters;
using Loader.Steps;
using Loader.Workflows;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Loader.Running;

/// <summary>Builds and caches one Polly pipeline per task definition: retries with <see cref="RetryBackoff"/>, then a per-attempt timeout.</summary>
internal sealed class RetryPipelines(TimeProvider clock, CancellationToken runCancelled)
{
    private readonly Dictionary<(TaskDefinition, TimeSpan?), ResiliencePipeline> _pipelines = [];
    private readonly Lock _gate = new();

    public ResiliencePipeline For(TaskDefinition task, TimeSpan? timeout)
    {
        lock (_gate)
        {
            if (!_pipelines.TryGetValue((task, timeout), out var pipeline))
            {
                pipeline = Build(task.Retry, timeout);
                _pipelines[(task, timeout)] = pipeline;
            }
            return pipeline;
        }
    }

    private ResiliencePipeline Build(RetrySettings retry, TimeSpan? timeout)
    {
        var builder = new ResiliencePipelineBuilder { TimeProvider = clock };
        if (retry.Attempts > 1)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = retry.Attempts - 1,
                DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(RetryBackoff.Before(retry, args.AttemptNumber, Random.Shared.NextDouble())),
                ShouldHandle = new PredicateBuilder().Handle<Exception>(IsRetryable),
            });
        }
        if (timeout is { } limit && limit > TimeSpan.Zero)
        {
            builder.AddTimeout(new TimeoutStrategyOptions
            {
                Timeout = limit,
                OnTimeout = _ => ValueTask.CompletedTask,
            });
        }
        return builder.Build();
    }

    /// <summary>Whether another attempt may help: not when the run is cancelled or the input is bad.</summary>
    public bool IsRetryable(Exception e) => e switch
    {
        OperationCanceledException when runCancelled.IsCancellationRequested => false,
        StepFailedException step => step.Retryable,
        _ => true,
    };

    /// <summary>The timeout of <paramref name="text"/>, parsed.</summary>
    public static TimeSpan? ParseTimeout(string? text) => string.IsNullOrWhiteSpace(text) ? null : Durations.Parse(text);
}
