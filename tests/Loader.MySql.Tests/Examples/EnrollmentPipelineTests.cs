using Loader.MySql.Tests.Support;

namespace Loader.MySql.Tests.Examples;

/// <summary>
/// The edX Enrollment commands of docs/mysql.md's table, each run as written there by the real <c>loader</c> with the
/// shipped enrollment example (workflows/examples/enrollment/) and config/default.yml, on generated tracking logs,
/// against MariaDB.
/// </summary>
[Collection(MariaDbCollection.Name)]
public sealed class EnrollmentPipelineTests(MariaDbServer server) : IDisposable
{
    /// <summary>edX's history task, <c>CourseEnrollmentEventsTask --interval FROM-TO</c>.</summary>
    internal const string HistoryTask = "loader run Enrollments --interval 2026-01-01-2026-01-29 --until EnrollmentEvents --overwrite-n-days 0";

    /// <summary><c>ImportEnrollmentsIntoMysql --interval FROM-TO --overwrite-mysql --overwrite-hive</c>.</summary>
    internal const string WholeInterval = "loader run Enrollments --interval 2026-01-01-2026-01-31";

    /// <summary>The <c>--interval-end</c> form, <c>interval_start</c> coming from the configuration.</summary>
    internal const string IntervalEnd = "loader run Enrollments --interval-end 2026-01-31";

    /// <summary>The daily run from cron: <c>interval_end</c> is today.</summary>
    internal const string Daily = "loader run Enrollments";

    /// <summary><c>--overwrite-n-days 169</c>: a window over every day of the interval.</summary>
    internal const string WindowOverEveryDay = "loader run Enrollments --interval-end 2026-01-31 --overwrite-n-days 30";

    private readonly ExampleSite _site = new(server);

    [Fact]
    public async Task The_history_task_then_the_daily_runs_recompute_only_the_last_three_days_and_mysql_holds_the_counts_of_the_logs()
    {
        await server.ExecuteAsync("DROP DATABASE IF EXISTS reports");
        await _site.GenerateTrackingLogsAsync("2026-01-01", "2026-01-29");

        await _site.RunAsync(HistoryTask, today: "2026-01-29");
        Assert.Equal(ExampleSite.Days("2026-01-01", "2026-01-28"), await _site.DaysRunAsync("EnrollmentEvents"));
        Assert.Equal(0L, await server.ScalarAsync<long>("SELECT COUNT(*) FROM information_schema.schemata WHERE schema_name = 'reports'"));
        var history = PartitionTimes();
        Assert.Equal(28, history.Count);

        await _site.RunAsync(HistoryTask, today: "2026-01-29");
        Assert.Empty(await _site.DaysRunAsync("EnrollmentEvents"));
        Assert.Equal(history, PartitionTimes());

        // Two more days of logs: the first incremental run, interval_start from config/default.yml.
        await _site.GenerateTrackingLogsAsync("2026-01-29", "2026-01-31");
        await _site.RunAsync(IntervalEnd, today: "2026-01-31");
        Assert.Equal(["2026-01-28", "2026-01-29", "2026-01-30"], await _site.DaysRunAsync("EnrollmentEvents"));
        var incremental = PartitionTimes();
        Assert.All(ExampleSite.Days("2026-01-01", "2026-01-27"), day => Assert.Equal(history[day], incremental[day]));
        Assert.NotEqual(history["2026-01-28"], incremental["2026-01-28"]);
        Assert.Equal(Expected("2026-01-01", "2026-01-30"), await TableRowsAsync());

        // The next day, from cron.
        await _site.GenerateTrackingLogsAsync("2026-01-31", "2026-02-01");
        await _site.RunAsync(Daily, today: "2026-02-01");
        Assert.Equal(["2026-01-29", "2026-01-30", "2026-01-31"], await _site.DaysRunAsync("EnrollmentEvents"));
        Assert.Equal(Expected("2026-01-01", "2026-01-31"), await TableRowsAsync());
        var marker = Assert.Single(await server.RowsAsync("SELECT target_table FROM reports.table_updates"));
        Assert.Equal("reports.course_enrollment_daily", marker[0]);
    }

    [Fact]
    public async Task The_interval_end_form_takes_interval_start_from_the_configuration()
    {
        await server.ExecuteAsync("DROP DATABASE IF EXISTS reports");
        await _site.GenerateTrackingLogsAsync("2026-01-01", "2026-01-31");
        _site.Configuration["LOADER_Enrollments__interval_start"] = "2026-01-20";

        await _site.RunAsync(IntervalEnd, today: "2026-02-15");

        Assert.Equal(ExampleSite.Days("2026-01-20", "2026-01-30"), await _site.DaysRunAsync("EnrollmentEvents"));
        Assert.Equal(Expected("2026-01-20", "2026-01-30"), await TableRowsAsync());
    }

    [Fact]
    public async Task The_whole_interval_replaces_the_table_and_a_window_over_every_day_recomputes_every_partition()
    {
        await server.ExecuteAsync("DROP DATABASE IF EXISTS reports");
        await server.ExecuteAsync("CREATE DATABASE reports");
        await server.ExecuteAsync(
            "CREATE TABLE reports.course_enrollment_daily (date DATE NOT NULL, course_id VARCHAR(255) NOT NULL, activations INT NOT NULL, "
            + "deactivations INT NOT NULL, PRIMARY KEY (date, course_id))");
        await server.ExecuteAsync("INSERT INTO reports.course_enrollment_daily VALUES ('2025-12-31', 'course-v1:edX+Retired+2025', 9, 9)");
        await _site.GenerateTrackingLogsAsync("2026-01-01", "2026-01-31");

        await _site.RunAsync(WholeInterval, today: "2026-01-31");
        Assert.Equal(ExampleSite.Days("2026-01-01", "2026-01-30"), await _site.DaysRunAsync("EnrollmentEvents"));
        var expected = Expected("2026-01-01", "2026-01-30");
        Assert.Equal(expected, await TableRowsAsync());

        // Again: only the configured window (overwrite_n_days: 3) is recomputed.
        await _site.RunAsync(WholeInterval, today: "2026-01-31");
        Assert.Equal(["2026-01-28", "2026-01-29", "2026-01-30"], await _site.DaysRunAsync("EnrollmentEvents"));

        await _site.RunAsync(WindowOverEveryDay, today: "2026-01-31");
        Assert.Equal(ExampleSite.Days("2026-01-01", "2026-01-30"), await _site.DaysRunAsync("EnrollmentEvents"));
        Assert.Equal(expected, await TableRowsAsync());
        Assert.Single(await server.RowsAsync("SELECT update_id FROM reports.table_updates"));
    }

    [Fact]
    public void The_docs_table_of_edx_commands_shows_exactly_the_commands_these_tests_run()
    {
        string[] tested = [HistoryTask, WholeInterval, IntervalEnd, Daily, WindowOverEveryDay];

        var documented = EdxCommandTable.LoaderRunCommands().Where(c => c.StartsWith("loader run Enrollments", StringComparison.Ordinal));

        Assert.Equal(tested.Order(StringComparer.Ordinal), documented.Order(StringComparer.Ordinal));
    }

    public void Dispose() => _site.Dispose();

    private List<string> Expected(string first, string last) =>
        TrackingLogs.EnrollmentCounts(_site.PathOf("data/tracking"), ExampleSite.Days(first, last));

    /// <summary>The result table's rows as <c>date \t course \t activations \t deactivations</c> lines in ordinal order.</summary>
    private async Task<List<string>> TableRowsAsync() =>
        (await server.RowsAsync("SELECT DATE_FORMAT(`date`, '%Y-%m-%d'), course_id, activations, deactivations FROM reports.course_enrollment_daily"))
        .Select(r => $"{r[0]}\t{r[1]}\t{r[2]}\t{r[3]}")
        .Order(StringComparer.Ordinal)
        .ToList();

    /// <summary>Each EnrollmentEvents partition's day and when its _SUCCESS flag was written.</summary>
    private Dictionary<string, DateTime> PartitionTimes() =>
        Directory.EnumerateDirectories(_site.PathOf("data/warehouse/course_enrollment_events"), "dt=*")
            .ToDictionary(d => Path.GetFileName(d)["dt=".Length..], d => File.GetLastWriteTimeUtc(Path.Combine(d, "_SUCCESS")));
}
