using Loader.Events;

namespace Loader.Bench;

/// <summary>A run-event sink that only counts successes, so the benchmark can check every task ran.</summary>
internal sealed class CountingSink : IRunEventSink
{
    private int _succeeded;

    public int Succeeded => Volatile.Read(ref _succeeded);

    public void Emit(RunEvent runEvent)
    {
        if (runEvent is TaskSucceeded)
        {
            Interlocked.Increment(ref _succeeded);
        }
    }
}
