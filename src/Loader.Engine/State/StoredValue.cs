namespace Loader.State;

/// <summary>How every state store writes times and statuses to columns and reads them back, so stores agree on them.</summary>
public static class StoredValue
{
    /// <summary>A time as unix milliseconds, UTC.</summary>
    public static long Time(DateTimeOffset time) => time.ToUnixTimeMilliseconds();

    /// <summary>An optional time as unix milliseconds, or <see cref="DBNull"/>.</summary>
    public static object Time(DateTimeOffset? time) => time is { } value ? Time(value) : DBNull.Value;

    /// <summary>Unix milliseconds back to a UTC time.</summary>
    public static DateTimeOffset ReadTime(long milliseconds) => DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);

    /// <summary>Text that may be missing, or <see cref="DBNull"/>.</summary>
    public static object Text(string? text) => text ?? (object)DBNull.Value;

    /// <summary>A status as lowercase text.</summary>
    public static string Status<TStatus>(TStatus status)
        where TStatus : struct, Enum => status.ToString().ToLowerInvariant();

    /// <summary>Lowercase status text back to its value.</summary>
    public static TStatus ReadStatus<TStatus>(string text)
        where TStatus : struct, Enum =>
        Enum.TryParse<TStatus>(text, ignoreCase: true, out var status) && Enum.IsDefined(status)
            ? status
            : throw new InvalidDataException($"the state store holds an unknown {typeof(TStatus).Name} '{text}'");
}
