namespace Loader.Events;

/// <summary>Consumes run events. Emit must be quick and must not throw; slow work belongs on a queue.</summary>
public interface IRunEventSink
{
    /// <summary>Handles one event.</summary>
    void Emit(RunEvent runEvent);
}
