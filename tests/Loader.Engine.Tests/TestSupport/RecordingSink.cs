using System.Collections.Concurrent;
using Loader.Events;

namespace Loader.Engine.Tests.TestSupport;

/// <summary>Keeps every run event, and lets a test act when one arrives (cancel on start, say).</summary>
public sealed class RecordingSink(Action<RunEvent>? onEvent = null) : IRunEventSink
{
    private readonly ConcurrentQueue<RunEvent> _events = new();

    /// <summary>The events so far, in the order they were emitted.</summary>
    public IReadOnlyList<RunEvent> Events => [.. _events];

    /// <inheritdoc />
    public void Emit(RunEvent runEvent)
    {
        _events.Enqueue(runEvent);
        onEvent?.Invoke(runEvent);
    }

    /// <summary>The events of one type.</summary>
    public IReadOnlyList<T> Of<T>()
        where T : RunEvent => [.. _events.OfType<T>()];
}
