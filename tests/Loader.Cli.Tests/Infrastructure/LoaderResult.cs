using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Loader.Cli.Tests.Infrastructure;

/// <summary>How one <c>loader</c> process ended: its exit code and everything it printed.</summary>
internal sealed record LoaderResult(IReadOnlyList<string> Arguments, int ExitCode, string Stdout, string Stderr, TimeSpan Took)
{
    /// <summary>Standard output and standard error together.</summary>
    public string Output => Stdout + Stderr;

    /// <summary>Fails, showing the whole output, unless the process exited with <paramref name="expected"/>.</summary>
    public LoaderResult ExitsWith(int expected)
    {
        if (ExitCode != expected)
        {
            Assert.Fail($"expected exit code {expected}, got {ExitCode}.\n{this}");
        }
        return this;
    }

    /// <summary>Fails, showing the whole output, unless standard error contains <paramref name="text"/>.</summary>
    public LoaderResult Says(string text)
    {
        if (!Stderr.Contains(text, StringComparison.Ordinal))
        {
            Assert.Fail($"expected standard error to contain \"{text}\".\n{this}");
        }
        return this;
    }

    /// <summary>Fails, showing the whole output, unless standard output contains <paramref name="text"/>.</summary>
    public LoaderResult Prints(string text)
    {
        if (!Stdout.Contains(text, StringComparison.Ordinal))
        {
            Assert.Fail($"expected standard output to contain \"{text}\".\n{this}");
        }
        return this;
    }

    /// <summary>Standard output parsed as one JSON document; fails, showing the output, when it is not one.</summary>
    public JsonElement Json()
    {
        try
        {
            using var document = JsonDocument.Parse(Stdout);
            return document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            Assert.Fail($"standard output is not one JSON document ({e.Message}).\n{this}");
            throw;
        }
    }

    /// <summary>The id of the run a <c>loader run</c> made: from its JSON document, or its "run N of W" line.</summary>
    public long RunId()
    {
        if (Stdout.TrimStart().StartsWith('{'))
        {
            return Json().GetProperty("run").GetInt64();
        }
        var line = Regex.Match(Stdout, @"\] run (\d+) of ");
        if (!line.Success)
        {
            Assert.Fail($"no run id in the output.\n{this}");
        }
        return long.Parse(line.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"loader {string.Join(' ', Arguments)} (exit {ExitCode}, {Took.TotalSeconds:0.0}s)\n--- stdout ---\n{Stdout}--- stderr ---\n{Stderr}";
}
