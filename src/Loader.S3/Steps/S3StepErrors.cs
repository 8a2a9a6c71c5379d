using Loader.Configuration;
using Loader.S3.Client;
using Loader.Steps;

namespace Loader.S3.Steps;

/// <summary>Runs a step's body, turning S3 and local file errors into step failures: retryable only where retrying can help.</summary>
internal static class S3StepErrors
{
    /// <summary>Runs <paramref name="body"/> for the step named <paramref name="step"/>.</summary>
    public static async Task Guard(string step, Func<Task> body)
    {
        try
        {
            await body();
        }
        catch (Exception e) when (e is ConfigurationException or S3ObjectMissingException or FormatException or UnauthorizedAccessException or DirectoryNotFoundException or FileNotFoundException)
        {
            throw new StepInputException($"{step}: {e.Message}", e);
        }
        catch (IOException e)
        {
            throw new StepFailedException($"{step}: {e.Message}", e);
        }
    }
}
