using Loader.Configuration;
using Loader.Running;
using Loader.State;
using Loader.Workflows;

namespace Loader.Cli.Hosting;

/// <summary>Turns errors a user can cause into one clear message and its exit code; stack traces only with --verbose.</summary>
internal static class CommandGuard
{
    public static async Task<int> RunAsync(bool verbose, Func<Task<int>> action)
    {
        try
        {
            return await action();
        }
        catch (WorkflowException e)
        {
            foreach (var diagnostic in e.Diagnostics)
            {
                await Console.Error.WriteLineAsync($"error: {diagnostic}");
            }
            return ExitCodes.InvalidInput;
        }
        catch (Exception e) when (e is ConfigurationException or FormatException or ArgumentException)
        {
            await Console.Error.WriteLineAsync($"error: {e.Message}");
            return ExitCodes.InvalidInput;
        }
        catch (StateStoreException e)
        {
            await Console.Error.WriteLineAsync(verbose ? $"error: {e}" : $"error: {e.Message}");
            return e.ExitCode;
        }
        catch (OperationCanceledException)
        {
            await Console.Error.WriteLineAsync("cancelled");
            return ExitCodes.Cancelled;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or HttpRequestException or TimeoutException)
        {
            // A disk, a store or a service that cannot be reached: not a bug, so no "internal error" and no stack trace.
            await Console.Error.WriteLineAsync(verbose ? $"error: {e}" : $"error: {e.Message}");
            return ExitCodes.InternalError;
        }
        catch (Exception e)
        {
            await Console.Error.WriteLineAsync(verbose ? $"internal error: {e}" : $"internal error: {e.Message} (run with --verbose for details)");
            return ExitCodes.InternalError;
        }
    }
}
