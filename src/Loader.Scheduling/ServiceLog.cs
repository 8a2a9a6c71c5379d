using System.Globalization;
using System.Text.Json;
using Loader.Steps;

namespace Loader.Scheduling;

/// <summary>
/// The service's own lines on standard output: one per event (a fire, a run's end, a notification, a reload), plain text by
/// default or one JSON object per line on request, every text masked.
/// </summary>
public sealed class ServiceLog(TextWriter output, bool json, TimeProvider clock, Func<SecretMasker> masker)
{
    private readonly Lock _gate = new();

    /// <summary>Writes one event: <paramref name="kind"/> names it (fire, run-ended, notified, reload...), fields add detail.</summary>
    public void Write(string level, string kind, string message, params (string Name, object? Value)[] fields)
    {
        var mask = masker();
        var at = clock.GetUtcNow();
        string line;
        if (json)
        {
            var entry = new Dictionary<string, object?> { ["time"] = at, ["level"] = level, ["event"] = kind, ["message"] = mask.Mask(message) };
            foreach (var (name, value) in fields)
            {
                entry[name] = value is string text ? mask.Mask(text) : value;
            }
            line = JsonSerializer.Serialize(entry);
        }
        else
        {
            var details = string.Concat(fields.Where(f => f.Value is not null).Select(f => $" {f.Name}={Text(f.Value)}"));
            line = mask.Mask($"{at.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)} {level,-5} {kind}: {message}{details}");
        }
        lock (_gate)
        {
            output.WriteLine(line);
            output.Flush();
        }
    }

    /// <summary>An event as it goes.</summary>
    public void Info(string kind, string message, params (string Name, object? Value)[] fields) => Write("info", kind, message, fields);

    /// <summary>Something an operator should look at.</summary>
    public void Warn(string kind, string message, params (string Name, object? Value)[] fields) => Write("warn", kind, message, fields);

    private static string Text(object? value) => value switch
    {
        DateTimeOffset time => time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value?.ToString() is { } text && text.Contains(' ') ? $"\"{text}\"" : value?.ToString() ?? "",
    };
}
