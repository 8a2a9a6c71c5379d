namespace Loader.Steps;

/// <summary>Replaces every known secret value with <c>***</c> before text reaches a log, the history or the UI.</summary>
public sealed class SecretMasker
{
    private readonly List<string> _secrets = [];

    /// <summary>A masker that knows no secret yet.</summary>
    public static SecretMasker None => new();

    /// <summary>Adds a value to mask; values shorter than 3 characters are ignored, as masking them would garble text.</summary>
    public void Add(string? secret)
    {
        if (secret is { Length: >= 3 } && !_secrets.Contains(secret))
        {
            _secrets.Add(secret);
            _secrets.Sort((a, b) => b.Length.CompareTo(a.Length));
        }
    }

    /// <summary>The text with every secret replaced.</summary>
    public string Mask(string text)
    {
        foreach (var secret in _secrets)
        {
            if (text.Contains(secret, StringComparison.Ordinal))
            {
                text = text.Replace(secret, "***", StringComparison.Ordinal);
            }
        }
        return text;
    }
}
