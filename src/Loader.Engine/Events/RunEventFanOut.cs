namespace Loader.Events;

/// <summary>Sends each event to several sinks in order.</summary>
public sealed class RunEventFanOut(params IReadOnlyList<IRunEventSink> sinks) : IRunEventSink
{
    /// <inheritdoc />
    public void Emit(RunEvent runEvent)
    {
        foreach (var sink in sinks)
        {
            sink.Emit(runEvent);
        }
    }
}
