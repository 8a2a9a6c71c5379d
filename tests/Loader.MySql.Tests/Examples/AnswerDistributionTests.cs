using System.IO.Compression;
using Loader.MySql.Tests.Support;

namespace Loader.MySql.Tests.Examples;

/// <summary>
/// edX's <c>AnswerDistributionWorkflow</c> with its JSON-list options, as docs/mysql.md's table writes it, run by the
/// real <c>loader</c> with the shipped example (workflows/examples/answer-distribution/) on generated tracking logs,
/// some gzipped in a subfolder, against MariaDB.
/// </summary>
[Collection(MariaDbCollection.Name)]
public sealed class AnswerDistributionTests(MariaDbServer server) : IDisposable
{
    /// <summary><c>AnswerDistributionWorkflow --src ["..."] --include ["*tracking.log*.gz"] --name ...</c>.</summary>
    internal const string AnswerDistribution =
        """loader run AnswerDistribution --src '["data/tracking"]' --include '["*tracking.log*"]' --name pt_1449177792""";

    private readonly ExampleSite _site = new(server);

    [Fact]
    public async Task The_json_lists_select_the_logs_and_mysql_holds_each_learners_last_answer_counted_and_a_rerun_does_nothing()
    {
        await server.ExecuteAsync("DROP DATABASE IF EXISTS reports");
        await _site.GenerateTrackingLogsAsync("2026-01-01", "2026-01-08");
        Archive("tracking.log-20260101", "tracking.log-20260102", "tracking.log-20260103");
        var expected = TrackingLogs.AnswerCounts(_site.PathOf("data/tracking"));
        File.WriteAllText(_site.PathOf("data/tracking/README.txt"), "not a log: --include leaves it out\n");

        await _site.RunAsync(AnswerDistribution, today: "2026-01-08");

        Assert.Equal(
            ["AnswerDistributionPerCourse(include=*tracking.log*, name=pt_1449177792, src=data/tracking)",
             "InsertToMysqlAnswerDistribution(include=*tracking.log*, name=pt_1449177792, src=data/tracking)"],
            (await _site.TasksRunAsync()).Order(StringComparer.Ordinal));
        Assert.True(expected.Count > 20, $"the generated logs imply only {expected.Count} answer counts");
        Assert.Equal(expected, await TableRowsAsync());

        await _site.RunAsync(AnswerDistribution, today: "2026-01-09");
        Assert.Empty(await _site.TasksRunAsync());

        // The comma form is the same request.
        await _site.RunAsync("loader run AnswerDistribution --src data/tracking --include '*tracking.log*' --name pt_1449177792", today: "2026-01-09");
        Assert.Empty(await _site.TasksRunAsync());
        Assert.Equal(expected, await TableRowsAsync());
    }

    [Fact]
    public void The_docs_table_of_edx_commands_shows_the_command_this_test_runs()
    {
        var documented = EdxCommandTable.LoaderRunCommands().Where(c => c.StartsWith("loader run AnswerDistribution", StringComparison.Ordinal));

        Assert.Equal([AnswerDistribution], documented);
    }

    public void Dispose() => _site.Dispose();

    /// <summary>Moves the logs into data/tracking/archive/, gzipped, as a log rotation leaves them.</summary>
    private void Archive(params string[] logs)
    {
        Directory.CreateDirectory(_site.PathOf("data/tracking/archive"));
        foreach (var log in logs)
        {
            var plain = _site.PathOf($"data/tracking/{log}");
            using (var source = File.OpenRead(plain))
            using (var target = new GZipStream(File.Create(_site.PathOf($"data/tracking/archive/{log}.gz")), CompressionLevel.Fastest))
            {
                source.CopyTo(target);
            }
            File.Delete(plain);
        }
    }

    private async Task<List<string>> TableRowsAsync() =>
        (await server.RowsAsync("SELECT course_id, problem_id, answer, learners FROM reports.answer_distribution"))
        .Select(r => $"{r[0]}\t{r[1]}\t{r[2]}\t{r[3]}")
        .Order(StringComparer.Ordinal)
        .ToList();
}
