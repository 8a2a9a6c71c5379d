using System.Runtime.InteropServices;

namespace Loader.Cli.Hosting;

/// <summary>
/// Cancels on Ctrl-C, SIGTERM, SIGHUP (a closed terminal or dropped SSH session) or SIGQUIT, so a run can stop its
/// steps and record its cancelled tasks; a second signal stops at once.
/// </summary>
internal sealed class Cancellation : IDisposable
{
    private static readonly PosixSignal[] Stopping = [PosixSignal.SIGINT, PosixSignal.SIGTERM, PosixSignal.SIGHUP, PosixSignal.SIGQUIT];

    private readonly CancellationTokenSource _source = new();
    private readonly PosixSignalRegistration[] _registrations;

    public Cancellation() => _registrations = Stopping.Select(signal => PosixSignalRegistration.Create(signal, Handle)).ToArray();

    public CancellationToken Token => _source.Token;

    private void Handle(PosixSignalContext context)
    {
        if (_source.IsCancellationRequested)
        {
            return;
        }
        context.Cancel = true;
        try
        {
            Console.Error.WriteLine($"cancelling on {Name(context.Signal)}: stopping running tasks (press Ctrl-C again to quit at once)");
        }
        catch (IOException)
        {
            // The terminal is gone (a hang-up): cancel all the same.
        }
        if (context.Signal == PosixSignal.SIGHUP)
        {
            HungUpTerminal.Detach();
        }
        _source.Cancel();
    }

    private static string Name(PosixSignal signal) => signal switch
    {
        PosixSignal.SIGINT => "Ctrl-C",
        PosixSignal.SIGTERM => "SIGTERM",
        PosixSignal.SIGHUP => "SIGHUP (the terminal closed)",
        _ => "SIGQUIT",
    };

    public void Dispose()
    {
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }
        _source.Dispose();
    }
}
