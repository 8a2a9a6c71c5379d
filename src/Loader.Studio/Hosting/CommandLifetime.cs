using Microsoft.Extensions.Hosting;

namespace Loader.Studio.Hosting;

/// <summary>
/// The host's lifetime when a command hosts the Studio: the command handles SIGTERM and Ctrl-C itself and stops the server
/// when it is done. The default console lifetime would stop the application on the same signal at once, cancelling the
/// runs that <c>loader serve</c> gives a grace period to finish.
/// </summary>
internal sealed class CommandLifetime : IHostLifetime
{
    /// <inheritdoc />
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
