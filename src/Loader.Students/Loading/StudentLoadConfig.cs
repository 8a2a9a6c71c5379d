using Loader.Configuration.Settings;
using Loader.Students.Csv;

namespace Loader.Students.Loading;

/// <summary>The typed keys of the <c>art:</c> and <c>students:</c> configuration sections, with their allowed ranges; a task's <c>with</c> follows the same rules.</summary>
public static class StudentLoadConfig
{
    /// <summary><c>art.auth_endpoint</c>: where tokens are asked for.</summary>
    public static UrlSetting AuthEndpoint { get; } = new("art:auth_endpoint");

    /// <summary><c>art.endpoint</c>: where batches are posted.</summary>
    public static UrlSetting Endpoint { get; } = new("art:endpoint");

    /// <summary><c>art.chunk_size</c>: students per batch.</summary>
    public static WholeSetting ChunkSize { get; } = new("art:chunk_size", 1, 1_000_000, 10_000);

    /// <summary><c>art.concurrency</c>: batches in flight at once.</summary>
    public static WholeSetting Concurrency { get; } = new("art:concurrency", 1, 64, 4);

    /// <summary><c>art.request_timeout</c>: how long one request may take.</summary>
    public static DurationSetting RequestTimeout { get; } = new("art:request_timeout", TimeSpan.FromMilliseconds(100), TimeSpan.FromHours(1), TimeSpan.FromMinutes(2));

    /// <summary><c>art.retries</c>: retries of a failed request.</summary>
    public static WholeSetting Retries { get; } = new("art:retries", 0, 100, 8);

    /// <summary><c>art.retry_delay</c>: the first wait before a retry, doubling.</summary>
    public static DurationSetting RetryDelay { get; } = new("art:retry_delay", TimeSpan.FromMilliseconds(10), TimeSpan.FromHours(1), TimeSpan.FromSeconds(1));

    /// <summary><c>art.verify_timeout</c>: how long batch statuses are waited for.</summary>
    public static DurationSetting VerifyTimeout { get; } = new("art:verify_timeout", TimeSpan.FromSeconds(1), TimeSpan.FromDays(1), TimeSpan.FromMinutes(10));

    /// <summary><c>art.verify_poll</c>: the wait between two status polls.</summary>
    public static DurationSetting VerifyPoll { get; } = new("art:verify_poll", TimeSpan.FromMilliseconds(10), TimeSpan.FromHours(1), TimeSpan.FromSeconds(2));

    /// <summary><c>students.delimiter</c>: the CSV field delimiter.</summary>
    public static TextSetting Delimiter { get; } = new("students:delimiter",
        "one ASCII character other than a double quote or a line break (such as ^, | or tab)", IsDelimiter, "^");

    /// <summary><c>students.encoding</c>: the CSV file's encoding.</summary>
    public static TextSetting Encoding { get; } = new("students:encoding",
        $"one of {string.Join(", ", StudentCsvFormat.Encodings)}", StudentCsvFormat.IsEncoding, "latin1");

    /// <summary>Every typed key of both sections, checked when a command starts.</summary>
    public static IReadOnlyList<Setting> All { get; } =
        [AuthEndpoint, Endpoint, ChunkSize, Concurrency, RequestTimeout, Retries, RetryDelay, VerifyTimeout, VerifyPoll, Delimiter, Encoding];

    private static bool IsDelimiter(string text)
    {
        try
        {
            StudentCsvFormat.ParseDelimiter(text);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
