using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace Loader.Bench.Profiling;

/// <summary>Counts calls per method, their total and worst time, and the items they carried; safe from several threads.</summary>
internal sealed class CallTimes
{
    /// <summary>Calls at least this long count as slow: the runner stops leasing ahead when tasks average 50 ms.</summary>
    public const int SlowMs = 50;

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    public async Task<T> TimeAsync<T>(string method, int items, Func<Task<T>> call)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            return await call();
        }
        finally
        {
            Add(method, items, Stopwatch.GetElapsedTime(started));
        }
    }

    public async Task TimeAsync(string method, int items, Func<Task> call) =>
        await TimeAsync(method, items, async () =>
        {
            await call();
            return true;
        });

    public IEnumerable<string> Lines() => _entries
        .OrderByDescending(e => e.Value.Total)
        .Select(e => string.Create(CultureInfo.InvariantCulture,
            $"{e.Key}: {e.Value.Calls:N0} calls, {e.Value.Items:N0} items, {e.Value.Total.TotalMilliseconds:0} ms in all, worst {e.Value.Worst.TotalMilliseconds:0.0} ms, {e.Value.Slow:N0} over {SlowMs} ms"));

    private void Add(string method, int items, TimeSpan took)
    {
        var slow = took.TotalMilliseconds >= SlowMs ? 1 : 0;
        _entries.AddOrUpdate(method, _ => new Entry(1, items, took, took, slow),
            (_, e) => new Entry(e.Calls + 1, e.Items + items, e.Total + took, took > e.Worst ? took : e.Worst, e.Slow + slow));
    }

    private sealed record Entry(int Calls, long Items, TimeSpan Total, TimeSpan Worst, int Slow);
}
