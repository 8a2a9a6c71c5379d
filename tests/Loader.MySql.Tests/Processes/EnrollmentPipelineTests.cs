using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Loader.MySql.Tests.Support;

namespace Loader.MySql.Tests.Processes;

/// <summary>
/// The example enrollment pipeline (workflows/examples/enrollment/) run by the real <c>loader</c> on two days against
/// MariaDB: the second day recomputes only the overwrite window and the new day, and the table holds what the logs imply.
/// </summary>
[Collection(MariaDbCollection.Name)]
public sealed partial class EnrollmentPipelineTests(MariaDbServer server) : IDisposable
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(4);

    private readonly string _root = Path.Combine(Path.GetTempPath(), "loader-mysql-enrollment", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task The_next_day_recomputes_only_the_last_three_days_and_the_new_one_and_mysql_holds_the_counts_of_the_logs()
    {
        PrepareFolder();
        await server.ExecuteAsync("DROP DATABASE IF EXISTS reports");

        // Day 1: thirty days of logs, everything computed.
        await RunNodeAsync("workflows/examples/enrollment/generate-tracking-logs.mjs", "--from", "2026-01-01", "--to", "2026-01-31", "--out", "data/tracking");
        var first = await RunLoaderAsync("2026-01-31", "run", "Enrollments", "--interval-end", "2026-01-31");
        Assert.True(first.ExitCode == 0, first.Output);
        var firstDays = await EnrollmentEventDaysAsync(await NewestRunIdAsync());
        Assert.Equal(Days(new DateOnly(2026, 1, 1), new DateOnly(2026, 1, 30)), firstDays);

        // Day 2: the new day's log arrives; interval_end defaults to today.
        await RunNodeAsync("workflows/examples/enrollment/generate-tracking-logs.mjs", "--from", "2026-01-31", "--to", "2026-02-01", "--out", "data/tracking");
        var second = await RunLoaderAsync("2026-02-01", "run", "Enrollments");
        Assert.True(second.ExitCode == 0, second.Output);
        var secondRun = await NewestRunIdAsync();
        Assert.Equal(["2026-01-29", "2026-01-30", "2026-01-31"], await EnrollmentEventDaysAsync(secondRun));

        var expected = ExpectedCounts(Path.Combine(_root, "data", "tracking"), new DateOnly(2026, 1, 1), new DateOnly(2026, 1, 31));
        var actual = (await server.RowsAsync(
                "SELECT DATE_FORMAT(`date`, '%Y-%m-%d'), course_id, activations, deactivations FROM reports.course_enrollment_daily"))
            .Select(r => $"{r[0]}\t{r[1]}\t{r[2]}\t{r[3]}")
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.True(expected.Count > 0, "the generated logs imply no enrollment change at all");
        Assert.Equal(expected, actual);
        var markers = await server.RowsAsync("SELECT target_table FROM reports.table_updates");
        var marker = Assert.Single(markers);
        Assert.EndsWith("course_enrollment_daily", marker[0]);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>The days from <paramref name="first"/> to <paramref name="last"/>, both included, as yyyy-MM-dd.</summary>
    private static List<string> Days(DateOnly first, DateOnly last)
    {
        var days = new List<string>();
        for (var day = first; day <= last; day = day.AddDays(1))
        {
            days.Add(day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }
        return days;
    }

    /// <summary>What the logs imply, as <c>date \t course \t activations \t deactivations</c> lines in ordinal order.</summary>
    private static List<string> ExpectedCounts(string tracking, DateOnly first, DateOnly last)
    {
        var rows = new List<string>();
        foreach (var day in Days(first, last))
        {
            var counts = new SortedDictionary<string, (int On, int Off)>(StringComparer.Ordinal);
            var file = Path.Combine(tracking, $"tracking.log-{day.Replace("-", "", StringComparison.Ordinal)}");
            foreach (var line in File.ReadLines(file).Where(l => l.Trim().Length > 0))
            {
                using var document = JsonDocument.Parse(line);
                var root = document.RootElement;
                var type = root.GetProperty("event_type").GetString();
                if (type is not ("edx.course.enrollment.activated" or "edx.course.enrollment.deactivated")
                    || root.GetProperty("time").GetString() is not { } time || !time.StartsWith(day, StringComparison.Ordinal)
                    || !root.TryGetProperty("context", out var context) || !context.TryGetProperty("course_id", out var courseElement)
                    || courseElement.GetString() is not { Length: > 0 } course)
                {
                    continue;
                }
                var (on, off) = counts.GetValueOrDefault(course);
                counts[course] = type == "edx.course.enrollment.activated" ? (on + 1, off) : (on, off + 1);
            }
            rows.AddRange(counts.Select(c => string.Create(CultureInfo.InvariantCulture, $"{day}\t{c.Key}\t{c.Value.On}\t{c.Value.Off}")));
        }
        return rows.Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>The working folder: a copy of the example workflow at its repository path and of config/default.yml.</summary>
    private void PrepareFolder()
    {
        var repository = RepositoryRoot();
        var examples = Path.Combine(repository, "workflows", "examples", "enrollment");
        var copy = Path.Combine(_root, "workflows", "examples", "enrollment");
        Directory.CreateDirectory(copy);
        foreach (var file in Directory.EnumerateFiles(examples))
        {
            File.Copy(file, Path.Combine(copy, Path.GetFileName(file)));
        }
        Directory.CreateDirectory(Path.Combine(_root, "config"));
        File.Copy(Path.Combine(repository, "config", "default.yml"), Path.Combine(_root, "config", "default.yml"));
        Directory.CreateDirectory(Path.Combine(_root, "data"));
    }

    /// <summary>The folder with Loader.sln: up from the test assembly, else up from this source file.</summary>
    private static string RepositoryRoot([CallerFilePath] string source = "")
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Path.GetDirectoryName(source) })
        {
            for (var folder = start is null ? null : new DirectoryInfo(start); folder is not null; folder = folder.Parent)
            {
                if (File.Exists(Path.Combine(folder.FullName, "Loader.sln")))
                {
                    return folder.FullName;
                }
            }
        }
        throw new InvalidOperationException($"no folder with Loader.sln above {AppContext.BaseDirectory} or {source}");
    }

    /// <summary>The id of the newest run in the history, from <c>loader history --output json</c>.</summary>
    private async Task<long> NewestRunIdAsync()
    {
        var history = await RunLoaderAsync(null, "history", "--output", "json");
        Assert.True(history.ExitCode == 0, history.Output);
        using var document = JsonDocument.Parse(history.Output);
        return document.RootElement.EnumerateArray().Select(r => r.GetProperty("id").GetInt64()).Max();
    }

    /// <summary>The days of the EnrollmentEvents attempts of run <paramref name="run"/>, sorted, each once; fails unless each succeeded.</summary>
    private async Task<List<string>> EnrollmentEventDaysAsync(long run)
    {
        var shown = await RunLoaderAsync(null, "history", run.ToString(CultureInfo.InvariantCulture), "--output", "json");
        Assert.True(shown.ExitCode == 0, shown.Output);
        using var document = JsonDocument.Parse(shown.Output);
        var attempts = document.RootElement.GetProperty("attempts").EnumerateArray()
            .Where(a => a.GetProperty("family").GetString() == "EnrollmentEvents")
            .Select(a => (Task: a.GetProperty("task").GetString()!, Status: a.GetProperty("status").GetString()))
            .ToList();
        Assert.All(attempts, a => Assert.True(a.Status == "succeeded", $"{a.Task}: {a.Status}\n{shown.Output}"));
        return attempts
            .Select(a => DateParameter().Match(a.Task) is { Success: true } m ? m.Groups[1].Value : throw new InvalidOperationException($"no date in {a.Task}"))
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Runs the real <c>loader</c> in the working folder, with the test database's credentials and, when given, the day "today" is.</summary>
    private async Task<(int ExitCode, string Output)> RunLoaderAsync(string? today, params string[] arguments)
    {
        var environment = new Dictionary<string, string> { ["LOADER_mysql__warehouse__credentials"] = server.CredentialsPath };
        if (today is not null)
        {
            environment["LOADER_today"] = today;
        }
        return await RunAsync(DotnetHost, [LoaderProcess.LoaderDll, .. arguments], environment, separateErrors: true);
    }

    private async Task RunNodeAsync(params string[] arguments)
    {
        var (exit, output) = await RunAsync("node", arguments, new Dictionary<string, string>(), separateErrors: false);
        Assert.True(exit == 0, $"node {string.Join(' ', arguments)} exited with {exit}:\n{output}");
    }

    /// <summary>Runs <paramref name="program"/> in the working folder without this process's <c>LOADER_</c> variables; returns standard output, with standard error after it when the program fails or <paramref name="separateErrors"/> is false.</summary>
    private async Task<(int ExitCode, string Output)> RunAsync(string program, IEnumerable<string> arguments, Dictionary<string, string> environment, bool separateErrors)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = _root,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        foreach (var inherited in start.Environment.Keys.Where(k => k.StartsWith("LOADER_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(inherited);
        }
        start.Environment["CI"] = "true";
        start.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {program}");
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(CommandTimeout);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', arguments)} did not end within {CommandTimeout.TotalSeconds:0}s.\n{await output}\n{await error}");
        }
        var text = new StringBuilder(await output);
        var errors = await error;
        if (process.ExitCode != 0 || !separateErrors)
        {
            text.Append(errors);
        }
        return (process.ExitCode, text.ToString());
    }

    private static string DotnetHost =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host
        : Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet" ? Environment.ProcessPath!
        : "dotnet";

    [GeneratedRegex(@"\bdate=(\d{4}-\d{2}-\d{2})")]
    private static partial Regex DateParameter();
}
