namespace Loader.Configuration;

/// <summary>A re-read configuration that was not taken: the previous one stays in use.</summary>
/// <param name="problems">What is wrong, one message each, naming the file or URL, the key and what to do.</param>
public sealed class ConfigurationRefusal(IReadOnlyList<string> problems) : EventArgs
{
    /// <summary>What is wrong, one message each, naming the file or URL, the key and what to do.</summary>
    public IReadOnlyList<string> Problems { get; } = problems;

    /// <inheritdoc />
    public override string ToString() =>
        $"configuration not reloaded, the previous one stays in use: {string.Join("; ", Problems)}";
}
