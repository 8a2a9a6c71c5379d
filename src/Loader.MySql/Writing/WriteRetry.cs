using Loader.Steps;
using MySqlConnector;
using Polly;
using Polly.Retry;

namespace Loader.MySql.Writing;

/// <summary>
/// Runs a whole <see cref="MarkedWrite"/> again when InnoDB picked its transaction as a deadlock victim or a lock
/// wait timed out, as the server asks ("try restarting transaction"): the transaction was rolled back whole, so
/// the next try starts from the same table.
/// </summary>
internal static class WriteRetry
{
    /// <summary>Up to three tries of <paramref name="write"/>, each logged to <paramref name="log"/> when it is repeated.</summary>
    public static ValueTask<T> RunAsync<T>(TaskLog log, Func<CancellationToken, ValueTask<T>> write, CancellationToken cancellationToken) =>
        new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<MySqlException>(e => e.ErrorCode is MySqlErrorCode.LockDeadlock or MySqlErrorCode.LockWaitTimeout),
                MaxRetryAttempts = 2,
                Delay = TimeSpan.FromMilliseconds(200),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                OnRetry = retry =>
                {
                    log.Line($"{retry.Outcome.Exception?.Message}: the transaction was rolled back; trying again");
                    return ValueTask.CompletedTask;
                },
            })
            .Build()
            .ExecuteAsync(write, cancellationToken);
}
