using Loader.MySql.Tests.Support;

namespace Loader.MySql.Tests.Examples;

/// <summary>
/// edX's Engagement commands (<c>InsertToMysqlCourseActivityTask --end-date X --weeks N</c>, its history task
/// <c>UserActivityTask</c>) as docs/mysql.md's table writes them, run by the real <c>loader</c> with the shipped example
/// (workflows/examples/engagement/) on generated tracking logs, against MariaDB.
/// </summary>
[Collection(MariaDbCollection.Name)]
public sealed class CourseActivityTests(MariaDbServer server) : IDisposable
{
    /// <summary><c>UserActivityTask --interval FROM-TO</c>.</summary>
    internal const string HistoryTask = "loader run CourseActivity --interval 2026-01-01-2026-01-29 --until UserActivity --overwrite-n-days 0";

    /// <summary><c>InsertToMysqlCourseActivityTask --end-date 2026-01-29 --weeks 4</c>.</summary>
    internal const string Weeks = "loader run CourseActivity --end-date 2026-01-29 --weeks 4";

    /// <summary><c>--overwrite-n-days 169</c>: a window over every day of the weeks.</summary>
    internal const string WindowOverEveryDay = "loader run CourseActivity --end-date 2026-01-29 --weeks 4 --overwrite-n-days 28";

    /// <summary>The run from cron: end_date is today.</summary>
    internal const string FromCron = "loader run CourseActivity --weeks 4";

    private readonly ExampleSite _site = new(server);

    [Fact]
    public async Task The_weeks_before_the_end_date_are_counted_from_partitions_that_later_runs_reuse_outside_the_window()
    {
        await server.ExecuteAsync("DROP DATABASE IF EXISTS reports");
        await _site.GenerateTrackingLogsAsync("2026-01-01", "2026-01-29");

        await _site.RunAsync(HistoryTask, today: "2026-01-29");
        Assert.Equal(ExampleSite.Days("2026-01-01", "2026-01-28"), await _site.DaysRunAsync("UserActivity"));
        await _site.RunAsync(HistoryTask, today: "2026-01-29");
        Assert.Empty(await _site.TasksRunAsync());

        await _site.RunAsync(Weeks, today: "2026-01-29");
        Assert.Equal(["2026-01-26", "2026-01-27", "2026-01-28"], await _site.DaysRunAsync("UserActivity"));
        var weeks = TrackingLogs.WeeklyActiveLearners(_site.PathOf("data/tracking"), "2026-01-29", 4);
        Assert.Equal(16, weeks.Count);
        Assert.Equal(weeks, await TableRowsAsync());

        await _site.RunAsync(WindowOverEveryDay, today: "2026-01-29");
        Assert.Equal(ExampleSite.Days("2026-01-01", "2026-01-28"), await _site.DaysRunAsync("UserActivity"));
        Assert.Equal(weeks, await TableRowsAsync());

        // A week later, from cron: the four weeks up to today, of which one is new.
        await _site.GenerateTrackingLogsAsync("2026-01-29", "2026-02-05");
        await _site.RunAsync(FromCron, today: "2026-02-05");
        Assert.Equal(ExampleSite.Days("2026-01-29", "2026-02-04"), await _site.DaysRunAsync("UserActivity"));
        Assert.Equal(TrackingLogs.WeeklyActiveLearners(_site.PathOf("data/tracking"), "2026-02-05", 4), await TableRowsAsync());
    }

    [Fact]
    public void The_docs_table_of_edx_commands_shows_exactly_the_commands_this_test_runs()
    {
        string[] tested = [HistoryTask, Weeks, WindowOverEveryDay, FromCron];

        var documented = EdxCommandTable.LoaderRunCommands().Where(c => c.StartsWith("loader run CourseActivity", StringComparison.Ordinal));

        Assert.Equal(tested.Order(StringComparer.Ordinal), documented.Order(StringComparer.Ordinal));
    }

    public void Dispose() => _site.Dispose();

    private async Task<List<string>> TableRowsAsync() =>
        (await server.RowsAsync(
            "SELECT DATE_FORMAT(interval_start, '%Y-%m-%d'), DATE_FORMAT(interval_end, '%Y-%m-%d'), course_id, label, `count` FROM reports.course_activity"))
        .Select(r => $"{r[0]}\t{r[1]}\t{r[2]}\t{r[3]}\t{r[4]}")
        .Order(StringComparer.Ordinal)
        .ToList();
}
