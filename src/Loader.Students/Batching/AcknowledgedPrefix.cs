namespace Loader.Students.Batching;

/// <summary>
/// Tracks, as batches are acknowledged out of order, the byte offset up to which every batch is acknowledged, and saves it
/// (the resume point) after each advance. A batch may only be sent while it is fewer than <c>window</c> batches past the saved
/// point, so a crash re-sends at most <c>window</c> batches.
/// </summary>
internal sealed class AcknowledgedPrefix
{
    private readonly int _window;
    private readonly Func<long, long, CancellationToken, Task> _save;
    private readonly Lock _gate = new();
    private readonly SortedDictionary<long, (long End, int Students)> _ahead = [];
    private readonly SemaphoreSlim _saving = new(1, 1);
    private TaskCompletionSource _advanced = NewSignal();
    private long _next;
    private long _savedNext;
    private long _savedOffset;

    /// <param name="startOffset">Where this run starts reading.</param>
    /// <param name="startStudents">Students acknowledged before this run (resumed from a checkpoint).</param>
    /// <param name="window">How many batches may be sent past the saved point.</param>
    /// <param name="save">Saves (offset, students) as the resume point.</param>
    public AcknowledgedPrefix(long startOffset, long startStudents, int window, Func<long, long, CancellationToken, Task> save)
    {
        Offset = startOffset;
        Students = startStudents;
        _savedOffset = startOffset;
        _window = window;
        _save = save;
    }

    /// <summary>The offset up to which every batch is acknowledged.</summary>
    public long Offset { get; private set; }

    /// <summary>Students acknowledged up to <see cref="Offset"/>, this run and the ones it resumed.</summary>
    public long Students { get; private set; }

    /// <summary>The offset last saved as the resume point.</summary>
    public long SavedOffset => Volatile.Read(ref _savedOffset);

    /// <summary>Waits until batch <paramref name="sequence"/> is within the window.</summary>
    public async Task WaitForTurnAsync(long sequence, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task signal;
            lock (_gate)
            {
                if (sequence < _savedNext + _window)
                {
                    return;
                }
                signal = _advanced.Task;
            }
            await signal.WaitAsync(cancellationToken);
        }
    }

    /// <summary>Records batch <paramref name="sequence"/> as acknowledged; saves the new resume point when the prefix grew.</summary>
    public async Task AcknowledgeAsync(long sequence, long endOffset, int students, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _ahead[sequence] = (endOffset, students);
            while (_ahead.Remove(_next, out var done))
            {
                Offset = done.End;
                Students += done.Students;
                _next++;
            }
        }
        await _saving.WaitAsync(cancellationToken);
        try
        {
            long next, offset, total;
            lock (_gate)
            {
                (next, offset, total) = (_next, Offset, Students);
            }
            if (next > _savedNext)
            {
                await _save(offset, total, cancellationToken);
                Volatile.Write(ref _savedOffset, offset);
                lock (_gate)
                {
                    _savedNext = next;
                    var signal = _advanced;
                    _advanced = NewSignal();
                    signal.SetResult();
                }
            }
        }
        finally
        {
            _saving.Release();
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
