using System.Text.Json;
using System.Threading.Channels;
using Loader.Events;
using Loader.Studio.Security;

namespace Loader.Studio.Runs;

/// <summary>
/// A run started from the Studio, while it lives: the events so far (masked JSON), a way to cancel it, and listeners that
/// receive each new event. It is the run's event sink, so Emit stays quick: it serialises and hands over.
/// </summary>
internal sealed class LiveRun(StudioSecrets secrets) : IRunEventSink
{
    private readonly Lock _lock = new();
    private readonly List<string> _events = [];
    private readonly List<Channel<string>> _listeners = [];

    /// <summary>Completes with the run's id once the runner has recorded the run.</summary>
    public TaskCompletionSource<long> Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Cancels the run.</summary>
    public CancellationTokenSource Cancellation { get; } = new();

    /// <summary>Whether the run has ended.</summary>
    public bool Finished { get; private set; }

    public void Emit(RunEvent runEvent)
    {
        var json = secrets.Mask(JsonSerializer.Serialize(RunEventView.Of(runEvent), StudioSecrets.Json));
        lock (_lock)
        {
            _events.Add(json);
            foreach (var listener in _listeners)
            {
                listener.Writer.TryWrite(json);
            }
            if (runEvent is RunFinished)
            {
                End();
            }
        }
        if (runEvent is RunStarted started)
        {
            Started.TrySetResult(started.RunId);
        }
    }

    /// <summary>Every event so far, then each new one until the run ends.</summary>
    public ChannelReader<string> Listen()
    {
        var channel = Channel.CreateUnbounded<string>();
        lock (_lock)
        {
            foreach (var json in _events)
            {
                channel.Writer.TryWrite(json);
            }
            if (Finished)
            {
                channel.Writer.TryComplete();
            }
            else
            {
                _listeners.Add(channel);
            }
        }
        return channel.Reader;
    }

    /// <summary>Marks the run ended (also when the runner threw) and closes every listener.</summary>
    public void Close(Exception? error = null)
    {
        lock (_lock)
        {
            End();
        }
        if (error is not null)
        {
            Started.TrySetException(error);
        }
    }

    private void End()
    {
        Finished = true;
        foreach (var listener in _listeners)
        {
            listener.Writer.TryComplete();
        }
        _listeners.Clear();
    }
}
