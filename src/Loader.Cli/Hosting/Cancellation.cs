using System.Runtime.InteropServices;

namespace Loader.Cli.Hosting;

/// <summary>Cancels on Ctrl-C or SIGTERM so a run can record its cancelled tasks; a second Ctrl-C stops at once.</summary>
internal sealed class Cancellation : IDisposable
{
    private readonly CancellationTokenSource _source = new();
    private readonly PosixSignalRegistration _interrupt;
    private readonly PosixSignalRegistration _terminate;

    public Cancellation()
    {
        _interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Handle);
        _terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Handle);
    }

    public CancellationToken Token => _source.Token;

    private void Handle(PosixSignalContext context)
    {
        if (_source.IsCancellationRequested)
        {
            return;
        }
        context.Cancel = true;
        Console.Error.WriteLine("cancelling: stopping running tasks (press Ctrl-C again to quit at once)");
        _source.Cancel();
    }

    public void Dispose()
    {
        _interrupt.Dispose();
        _terminate.Dispose();
        _source.Dispose();
    }
}
