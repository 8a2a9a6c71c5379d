using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Loader.Cli.Tests.Infrastructure;

/// <summary>
/// Every channel a secret could leak through once a test has driven <c>loader</c> in a <see cref="WorkFolder"/>: the
/// standard output and error of every command run through the search (runs, plans and history, as text and as JSON),
/// and every file the runs left in the folder (attempt logs, the SQLite state store's bytes, markers, outputs), apart
/// from the configuration, the workflows and the files the test wrote itself.
/// </summary>
internal sealed class LeakSearch(WorkFolder folder)
{
    private readonly List<LoaderResult> _results = [];

    /// <summary>Runs <c>loader ARGUMENTS</c> and keeps what it printed for the search.</summary>
    public async Task<LoaderResult> RunAsync(params string[] arguments)
    {
        var result = await folder.RunAsync(arguments);
        _results.Add(result);
        return result;
    }

    /// <summary>
    /// Runs <paramref name="workflow"/> as a person and a script see it (plain, <c>--verbose</c>, <c>--output json</c>),
    /// plans it (text and JSON), then reads the history (every run, and the first run's attempts, text and JSON).
    /// Every run must exit with <paramref name="exitCode"/>. Returns the first run's id.
    /// </summary>
    public async Task<long> RunEverywhereAsync(string workflow, int exitCode)
    {
        var run = (await RunAsync("run", workflow)).ExitsWith(exitCode).RunId();
        (await RunAsync("--verbose", "run", workflow)).ExitsWith(exitCode);
        (await RunAsync("run", workflow, "--output", "json")).ExitsWith(exitCode);
        (await RunAsync("run", workflow, "--plan")).ExitsWith(0);
        (await RunAsync("run", workflow, "--plan", "--output", "json")).ExitsWith(0);
        var id = run.ToString(CultureInfo.InvariantCulture);
        (await RunAsync("history")).ExitsWith(0);
        (await RunAsync("history", "--output", "json")).ExitsWith(0);
        (await RunAsync("history", id)).ExitsWith(0);
        (await RunAsync("history", id, "--output", "json")).ExitsWith(0);
        return run;
    }

    /// <summary>Every attempt log the runs wrote, with its text.</summary>
    public IReadOnlyList<(string Path, string Text)> Logs() =>
        Directory.Exists(folder.Path(".loader/logs"))
            ? Directory.EnumerateFiles(folder.Path(".loader/logs"), "*", SearchOption.AllDirectories).Select(f => (f, File.ReadAllText(f))).ToList()
            : [];

    /// <summary>
    /// Fails, naming the channel, when <paramref name="secret"/> is in any command's output or any file the runs left,
    /// as it is or escaped as JSON writes it (<c>+</c> as <c>\u002B</c>); <paramref name="writtenByTest"/> are files
    /// (relative to the folder) that hold the secret on purpose.
    /// </summary>
    public void AssertNowhere(string secret, params string[] writtenByTest)
    {
        Assert.NotEmpty(_results);
        Assert.True(File.Exists(folder.Path(".loader/state.db")), "no state store was written, so it was not searched");
        string[] forms = [secret, JsonEncodedText.Encode(secret).ToString()];
        foreach (var (result, form) in _results.SelectMany(r => forms.Select(f => (r, f))))
        {
            Assert.False(result.Output.Contains(form, StringComparison.Ordinal), $"'{form}' leaked to the console:\n{result}");
        }
        var excluded = writtenByTest.Select(folder.Path).Select(Path.GetFullPath).ToHashSet(StringComparer.Ordinal);
        var encoded = forms.Select(Encoding.UTF8.GetBytes).ToList();
        foreach (var file in Directory.EnumerateFiles(folder.Root, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(folder.Root, file);
            if (relative.StartsWith("config" + Path.DirectorySeparatorChar, StringComparison.Ordinal)
                || relative.StartsWith("workflows" + Path.DirectorySeparatorChar, StringComparison.Ordinal)
                || excluded.Contains(Path.GetFullPath(file)))
            {
                continue;
            }
            var bytes = File.ReadAllBytes(file);
            Assert.False(encoded.Any(form => bytes.AsSpan().IndexOf(form) >= 0), $"'{secret}' is stored in {relative}");
        }
    }
}
