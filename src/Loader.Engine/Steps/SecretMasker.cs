namespace Loader.Steps;

/// <summary>
/// Replaces every known secret value with <c>***</c> before text reaches a log, the history or the UI. A secret of
/// several lines (a PEM private key) is also masked line by line, as output reaches a log one line at a time and a
/// tail of it may start or end inside the secret. Safe to use from many threads: adding a secret publishes a new
/// list, so masking never sees one half-changed.
/// </summary>
public sealed class SecretMasker
{
    private const int ShortestMasked = 3;
    private static readonly char[] LineBreaks = ['\r', '\n'];
    private readonly Lock _gate = new();
    private string[] _secrets = [];

    /// <summary>A masker that knows no secret yet.</summary>
    public static SecretMasker None => new();

    /// <summary>
    /// Adds a value to mask, and each line of a value of several lines; values (and lines) shorter than 3 characters
    /// are ignored, as masking them would garble text.
    /// </summary>
    public void Add(string? secret)
    {
        if (secret is not { Length: >= ShortestMasked })
        {
            return;
        }
        IEnumerable<string> added = secret.IndexOfAny(LineBreaks) < 0
            ? [secret]
            : secret.Split(LineBreaks, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Prepend(secret);
        lock (_gate)
        {
            var fresh = added.Where(s => s.Length >= ShortestMasked && !_secrets.Contains(s)).ToList();
            if (fresh.Count > 0)
            {
                // Longest first, so a secret that contains another is masked whole.
                Volatile.Write(ref _secrets, [.. _secrets.Concat(fresh).Distinct().OrderByDescending(s => s.Length)]);
            }
        }
    }

    /// <summary>Whether <paramref name="text"/> holds any known secret.</summary>
    public bool Finds(string text) =>
        Volatile.Read(ref _secrets).Any(secret => text.Contains(secret, StringComparison.Ordinal));

    /// <summary>The text with every secret replaced.</summary>
    public string Mask(string text)
    {
        foreach (var secret in Volatile.Read(ref _secrets))
        {
            if (text.Contains(secret, StringComparison.Ordinal))
            {
                text = text.Replace(secret, "***", StringComparison.Ordinal);
            }
        }
        return text;
    }
}
