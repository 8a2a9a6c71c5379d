using Loader.Expressions;
using Loader.Running;
using Loader.Steps;
using Loader.Workflows;
using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;
using Polly.Timeout;

namespace Loader.Engine.Tests.Running;

public sealed class RetryPipelinesTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    private readonly RetryPipelines _pipelines = new(TimeProvider.System, None);

    private static TaskDefinition Task(RetrySettings retry) =>
        new("Load", "W", null, "noop", TemplateMap.Empty, [], [], null, null, retry, null, "local", SourceSpan.None);

    private static readonly RetrySettings ThreeQuickAttempts = new(3, TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(5));

    [Fact]
    public async Task A_failing_attempt_is_retried_up_to_the_attempts_of_the_task()
    {
        var calls = 0;

        await _pipelines.For(Task(ThreeQuickAttempts), null).ExecuteAsync(_ =>
        {
            if (++calls < 3)
            {
                throw new StepFailedException("flaky");
            }
            return ValueTask.CompletedTask;
        }, None);

        Assert.Equal(3, calls);
    }

    [Fact]
    public async Task The_last_failure_is_thrown_when_every_attempt_fails()
    {
        var calls = 0;

        var error = await Assert.ThrowsAsync<StepFailedException>(async () =>
            await _pipelines.For(Task(ThreeQuickAttempts), null).ExecuteAsync(_ => throw new StepFailedException($"failure {++calls}"), None));

        Assert.Equal("failure 3", error.Message);
    }

    [Fact]
    public async Task A_bad_input_is_not_retried()
    {
        var calls = 0;

        await Assert.ThrowsAsync<StepInputException>(async () =>
            await _pipelines.For(Task(ThreeQuickAttempts), null).ExecuteAsync(_ => { calls++; throw new StepInputException("input 'command' is required"); }, None));

        Assert.Equal(1, calls);
    }

    [Fact]
    public async Task One_attempt_means_no_retry()
    {
        var calls = 0;

        await Assert.ThrowsAsync<StepFailedException>(async () =>
            await _pipelines.For(Task(RetrySettings.None), null).ExecuteAsync(_ => { calls++; throw new StepFailedException("no"); }, None));

        Assert.Equal(1, calls);
    }

    [Fact]
    public async Task An_attempt_longer_than_the_timeout_is_rejected()
    {
        await Assert.ThrowsAsync<TimeoutRejectedException>(async () =>
            await _pipelines.For(Task(RetrySettings.None), TimeSpan.FromMilliseconds(50)).ExecuteAsync(
                async token => await System.Threading.Tasks.Task.Delay(TimeSpan.FromSeconds(10), token), None));
    }

    [Fact]
    public async Task Instances_of_one_task_with_different_timeouts_keep_their_own()
    {
        var task = Task(RetrySettings.None);
        var strict = _pipelines.For(task, TimeSpan.FromMilliseconds(50));
        var patient = _pipelines.For(task, TimeSpan.FromSeconds(10));

        await patient.ExecuteAsync(async token => await System.Threading.Tasks.Task.Delay(TimeSpan.FromMilliseconds(100), token), None);
        await Assert.ThrowsAsync<TimeoutRejectedException>(async () =>
            await strict.ExecuteAsync(async token => await System.Threading.Tasks.Task.Delay(TimeSpan.FromSeconds(10), token), None));
        Assert.Same(strict, _pipelines.For(task, TimeSpan.FromMilliseconds(50)));
    }

    [Fact]
    public async Task Each_retry_waits_at_least_the_delay_and_no_less_than_the_retry_before()
    {
        var settings = new RetrySettings(9, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1));
        for (var round = 0; round < 20; round++)
        {
            var clock = new DelayWatchingClock();
            var starts = new List<DateTimeOffset>();
            var run = new RetryPipelines(clock, None).For(Task(settings), null)
                .ExecuteAsync(_ => { starts.Add(clock.GetUtcNow()); throw new StepFailedException("flaky"); }, None).AsTask();

            while (await System.Threading.Tasks.Task.WhenAny(run, clock.Delays.WaitToReadAsync().AsTask()) != run)
            {
                clock.Advance(await clock.Delays.ReadAsync());
            }

            await Assert.ThrowsAsync<StepFailedException>(() => run);
            var waits = starts.Zip(starts.Skip(1), (before, after) => after - before).ToList();
            Assert.Equal(8, waits.Count);
            Assert.InRange(waits[0], TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1.25));
            Assert.All(waits.Zip(waits.Skip(1)), pair => Assert.True(pair.Second >= pair.First, $"a retry waited {pair.Second} after one that waited {pair.First}"));
            Assert.All(waits, wait => Assert.InRange(wait, settings.Delay, settings.MaxDelay));
            Assert.Equal(settings.MaxDelay, waits[^1]);
        }
    }

    [Theory]
    [InlineData(0, 0.0, 1_000)]
    [InlineData(0, 0.999, 1_249.75)]
    [InlineData(1, 0.0, 2_000)]
    [InlineData(3, 0.5, 9_000)]
    [InlineData(5, 0.0, 32_000)]
    [InlineData(5, 0.9, 39_200)]
    [InlineData(6, 0.0, 60_000)]
    [InlineData(99, 0.5, 60_000)]
    public void The_wait_doubles_from_the_delay_with_at_most_a_quarter_more_up_to_max_delay(int retry, double jitter, double milliseconds)
    {
        var settings = new RetrySettings(100, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1));

        Assert.Equal(milliseconds, RetryBackoff.Before(settings, retry, jitter).TotalMilliseconds, precision: 2);
    }

    [Fact]
    public void A_cancelled_run_is_not_retried()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        var pipelines = new RetryPipelines(TimeProvider.System, cancelled.Token);

        Assert.False(pipelines.IsRetryable(new OperationCanceledException()));
        Assert.True(_pipelines.IsRetryable(new OperationCanceledException()));
        Assert.True(_pipelines.IsRetryable(new IOException("connection reset")));
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("", null)]
    [InlineData("90s", 90_000)]
    [InlineData("250ms", 250)]
    public void ParseTimeout_reads_a_duration_or_nothing(string? text, int? milliseconds)
    {
        Assert.Equal(milliseconds is { } ms ? TimeSpan.FromMilliseconds(ms) : null, RetryPipelines.ParseTimeout(text));
    }

    /// <summary>A fake clock that says when a delay starts and how long it is, so a test advances it exactly that far.</summary>
    private sealed class DelayWatchingClock : FakeTimeProvider
    {
        private readonly Channel<TimeSpan> _delays = Channel.CreateUnbounded<TimeSpan>();

        public ChannelReader<TimeSpan> Delays => _delays.Reader;

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var timer = base.CreateTimer(callback, state, dueTime, period);
            _delays.Writer.TryWrite(dueTime);
            return timer;
        }
    }
}
