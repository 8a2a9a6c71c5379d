using System.Net;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Loader.Students.Art;

/// <summary>
/// The resilience pipeline of every ART request: a per-attempt timeout inside retries with exponential backoff and jitter for
/// 5xx, 408, 429 (honouring Retry-After), timeouts and refused or dropped connections.
/// </summary>
internal static class ArtRetry
{
    /// <summary>What the request is about ("token", "lines 2–10,001..."), for the retry log lines.</summary>
    public static readonly ResiliencePropertyKey<string> What = new("art.what");

    private static readonly TimeSpan MaxDelay = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan MaxRetryAfter = TimeSpan.FromMinutes(10);

    /// <summary>Builds the pipeline; <paramref name="log"/> gets one line per retry.</summary>
    public static ResiliencePipeline<HttpResponseMessage> Create(ArtConnection art, TimeProvider clock, Action<string> log) =>
        new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = clock }
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                ShouldHandle = new PredicateBuilder<HttpResponseMessage>()
                    .Handle<HttpRequestException>()
                    .Handle<TimeoutRejectedException>()
                    .HandleResult(response => IsTransient(response.StatusCode)),
                MaxRetryAttempts = art.Retries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = art.RetryDelay,
                MaxDelay = MaxDelay,
                DelayGenerator = args => ValueTask.FromResult(RetryAfter(args.Outcome.Result, clock)),
                OnRetry = args =>
                {
                    var what = args.Context.Properties.GetValue(What, "request");
                    var cause = args.Outcome.Result is { } response
                        ? $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}"
                        : args.Outcome.Exception?.Message ?? "failure";
                    log($"ART: {cause} for {what}; retry {args.AttemptNumber + 1} of {art.Retries} in {args.RetryDelay.TotalSeconds:0.#} s");
                    args.Outcome.Result?.Dispose();
                    return ValueTask.CompletedTask;
                },
            })
            .AddTimeout(art.RequestTimeout)
            .Build();

    /// <summary>Whether another attempt may get another answer.</summary>
    public static bool IsTransient(HttpStatusCode status) =>
        (int)status >= 500 || status is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout;

    private static TimeSpan? RetryAfter(HttpResponseMessage? response, TimeProvider clock)
    {
        var header = response?.Headers.RetryAfter;
        var delay = header?.Delta ?? (header?.Date is { } date ? date - clock.GetUtcNow() : null);
        return delay is { } wait ? TimeSpan.FromTicks(Math.Clamp(wait.Ticks, 0, MaxRetryAfter.Ticks)) : null;
    }
}
