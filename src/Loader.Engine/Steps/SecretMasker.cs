namespace Loader.Steps;

/// <summary>
/// Replaces every known secret value with <c>***</c> before text reaches a log, the history or the UI. Safe to use
/// from many threads: adding a secret publishes a new list, so masking never sees one half-changed.
/// </summary>
public sealed class SecretMasker
{
    private readonly Lock _gate = new();
    private string[] _secrets = [];

    /// <summary>A masker that knows no secret yet.</summary>
    public static SecretMasker None => new();

    /// <summary>Adds a value to mask; values shorter than 3 characters are ignored, as masking them would garble text.</summary>
    public void Add(string? secret)
    {
        if (secret is not { Length: >= 3 })
        {
            return;
        }
        lock (_gate)
        {
            if (!_secrets.Contains(secret))
            {
                // Longest first, so a secret that contains another is masked whole.
                Volatile.Write(ref _secrets, [.. _secrets.Append(secret).OrderByDescending(s => s.Length)]);
            }
        }
    }

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
