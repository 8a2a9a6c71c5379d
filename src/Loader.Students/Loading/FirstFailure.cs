using System.Runtime.ExceptionServices;

namespace Loader.Students.Loading;

/// <summary>Runs the reader and the senders so that the first failure stops them all and is the one reported.</summary>
internal static class FirstFailure
{
    /// <summary>Runs <paramref name="work"/> on the thread pool; a failure cancels <paramref name="stop"/>.</summary>
    public static async Task Guard(Func<Task> work, CancellationTokenSource stop)
    {
        try
        {
            await Task.Run(work);
        }
        catch
        {
            await stop.CancelAsync();
            throw;
        }
    }

    /// <summary>Waits for every task; rethrows the first real failure rather than the cancellations it caused.</summary>
    public static async Task WhenAllAsync(IReadOnlyList<Task> work, CancellationToken cancellationToken)
    {
        try
        {
            await Task.WhenAll(work);
        }
        catch
        {
            cancellationToken.ThrowIfCancellationRequested();
            var failure = work.Where(t => t.IsFaulted).SelectMany(t => t.Exception!.InnerExceptions)
                .FirstOrDefault(e => e is not OperationCanceledException);
            if (failure is not null)
            {
                ExceptionDispatchInfo.Throw(failure);
            }
            throw;
        }
    }
}
