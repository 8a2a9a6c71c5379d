using Loader.State;

namespace Loader.Running;

/// <summary>
/// Buffers attempt records and lease releases and writes them in batches, records first, so that another
/// runner never sees a released lease before the success that released it.
/// </summary>
internal sealed class AttemptJournal(IStateStore state, string owner)
{
    private readonly Lock _gate = new();
    private List<AttemptRecord> _records = [];
    private List<string> _released = [];

    public int Pending
    {
        get
        {
            lock (_gate)
            {
                return _records.Count + _released.Count;
            }
        }
    }

    public void Record(AttemptRecord record)
    {
        lock (_gate)
        {
            _records.Add(record);
        }
    }

    public void Release(string taskKey)
    {
        lock (_gate)
        {
            _released.Add(taskKey);
        }
    }

    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        List<AttemptRecord> records;
        List<string> released;
        lock (_gate)
        {
            (records, _records) = (_records, []);
            (released, _released) = (_released, []);
        }
        if (records.Count > 0)
        {
            // An attempt that started and ended since the last flush needs only its last record.
            var latest = records.Count == 1
                ? records
                : records.GroupBy(r => (r.TaskKey, r.Attempt)).Select(g => g.Last()).ToList();
            await state.RecordAttemptsAsync(latest, cancellationToken);
        }
        if (released.Count > 0)
        {
            await state.ReleaseLeasesAsync(owner, released, cancellationToken);
        }
    }
}
