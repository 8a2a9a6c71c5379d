using System.Text;
using Loader.Steps;
using Loader.Students.Art;
using Loader.Students.Csv;
using Loader.Students.Generator;
using Loader.Students.Tests.TestSupport;

namespace Loader.Students.Tests.Loading;

public sealed class StudentLoadStepTests : IAsyncLifetime
{
    private ArtReceiver _art = null!;
    private StepHarness _harness = null!;

    public async Task InitializeAsync()
    {
        _art = await ArtReceiver.StartAsync();
        _harness = await StepHarness.CreateAsync(_art);
    }

    public async Task DisposeAsync()
    {
        await _harness.DisposeAsync();
        await _art.DisposeAsync();
    }

    [Fact]
    public async Task The_reference_row_reaches_ART_as_the_reference_json_with_a_bearer_token()
    {
        _art.KeepBodies = true;
        var file = _harness.Write("students.csv", ReferenceExample.File(ReferenceExample.Row));

        var context = await _harness.RunAsync(Inputs(file));

        var batch = Assert.Single(_art.Batches);
        Assert.Equal("[" + ReferenceExample.Json + "]", batch.Body);
        Assert.Matches("^[0-9a-f]{32}-[0-9]+-[0-9]+$", batch.IdempotencyKey);
        Assert.Equal(1L, context.Counts["posted"]);
        Assert.Equal(1, _art.TokenRequests);
    }

    [Fact]
    public async Task Every_student_is_posted_once_in_batches_of_chunk_size()
    {
        var file = Generate(2_500);
        _harness.Config["art:chunk_size"] = "1000";

        var context = await _harness.RunAsync(Inputs(file));

        Assert.Equal([1000, 1000, 500], _art.Batches.OrderBy(b => b.Ssids[0]).Select(b => b.Ssids.Count));
        Assert.Equal(Ssids(2_500), _art.Batches.SelectMany(b => b.Ssids).Order());
        Assert.Equal(3, _art.Batches.Select(b => b.IdempotencyKey).Distinct().Count());
        Assert.Equal(2_500L, context.Counts["posted"]);
        Assert.Equal(3L, context.Counts["batches"]);
        Assert.Equal(0L, context.Counts["rejected"]);
        Assert.Contains(_harness.Progress, p => p.Contains("2,500 students posted"));
    }

    [Fact]
    public async Task A_missing_column_fails_before_authenticating_or_posting()
    {
        var file = _harness.Write("students.csv", ReferenceExample.File(ReferenceExample.Row).Replace("^White^", "^Whyte^"));

        var error = await Assert.ThrowsAsync<StudentFileException>(() => _harness.RunAsync(Inputs(file)));

        Assert.Contains("lacks the column White", error.Message);
        Assert.Contains("Whyte", error.Message);
        Assert.Empty(_art.Batches);
        Assert.Equal(0, _art.TokenRequests);
    }

    [Fact]
    public async Task A_dry_run_authenticates_reads_and_maps_but_posts_nothing()
    {
        var file = Generate(1_200, badRows: 0.01);
        var inputs = Inputs(file);
        inputs["dry_run"] = "true";

        var context = await _harness.RunAsync(inputs);

        Assert.Equal(1, _art.TokenRequests);
        Assert.Empty(_art.Batches);
        Assert.Equal(0L, context.Counts["posted"]);
        Assert.Equal(1_200L, (long)context.Counts["read"] + (long)context.Counts["rejected"]);
        Assert.Equal(true, context.Counts["dry_run"]);
    }

    [Fact]
    public async Task Number_limits_how_many_students_are_posted()
    {
        var file = Generate(1_000);
        _harness.Config["art:chunk_size"] = "300";
        var inputs = Inputs(file);
        inputs["number"] = "650";

        var context = await _harness.RunAsync(inputs);

        Assert.Equal(Ssids(650), _art.Batches.SelectMany(b => b.Ssids).Order());
        Assert.Equal(650L, context.Counts["posted"]);
    }

    [Fact]
    public async Task An_offset_loads_from_that_line_on()
    {
        var rows = new[] { ReferenceExample.RowWith("SSID", "1"), ReferenceExample.RowWith("SSID", "2"), ReferenceExample.RowWith("SSID", "3") };
        var file = _harness.Write("students.csv", ReferenceExample.File(rows));
        var inputs = Inputs(file);
        inputs["offset"] = Encoding.Latin1.GetByteCount(ReferenceExample.Header + "\n" + rows[0] + "\n").ToString(System.Globalization.CultureInfo.InvariantCulture);

        await _harness.RunAsync(inputs);

        Assert.Equal(["2", "3"], _art.Batches.SelectMany(b => b.Ssids));
    }

    [Fact]
    public async Task An_offset_inside_a_line_fails_before_posting()
    {
        var file = _harness.Write("students.csv", ReferenceExample.File(ReferenceExample.Row, ReferenceExample.Row));
        var inputs = Inputs(file);
        inputs["offset"] = (ReferenceExample.Header.Length + 7).ToString(System.Globalization.CultureInfo.InvariantCulture);

        var error = await Assert.ThrowsAsync<StudentFileException>(() => _harness.RunAsync(inputs));

        Assert.Contains("not at the start of a line", error.Message);
        Assert.Empty(_art.Batches);
    }

    [Fact]
    public async Task Short_rows_go_to_the_rejects_file_and_the_load_goes_on()
    {
        var shortRow = "1000000099^Ana^^Peña^Female";
        var file = _harness.Write("students.csv", ReferenceExample.File(ReferenceExample.RowWith("SSID", "1"), shortRow, ReferenceExample.RowWith("SSID", "3")));

        var context = await _harness.RunAsync(Inputs(file));

        Assert.Equal(["1", "3"], _art.Batches.SelectMany(b => b.Ssids));
        Assert.Equal(1L, context.Counts["rejected"]);
        var rejects = File.ReadAllLines(Assert.Single(Directory.GetFiles(_harness.RejectsFolder)));
        var offset = Encoding.Latin1.GetByteCount(ReferenceExample.Header + "\n" + ReferenceExample.RowWith("SSID", "1") + "\n");
        Assert.Equal(["line,offset,reason,raw", $"3,{offset},\"short row: 5 fields, the header has 29\",{shortRow}"], rejects);
        Assert.Contains("1 rows could not be read", _harness.LogText);
    }

    [Fact]
    public async Task Unknown_grades_are_sent_as_UG_and_counted_per_grade()
    {
        var file = _harness.Write("students.csv", ReferenceExample.File(
            ReferenceExample.RowWith("GradeLevelWhenAssessed", "XX"),
            ReferenceExample.RowWith("GradeLevelWhenAssessed", "14"),
            ReferenceExample.RowWith("GradeLevelWhenAssessed", "XX"),
            ReferenceExample.RowWith("GradeLevelWhenAssessed", "05")));

        var context = await _harness.RunAsync(Inputs(file));

        var unknown = Assert.IsAssignableFrom<IReadOnlyDictionary<string, long>>(context.Counts["unknown_grades"]);
        Assert.Equal(new Dictionary<string, long> { ["14"] = 1, ["XX"] = 2 }, unknown);
        Assert.Contains("3 students had a grade the grade map lacks and were sent as UG: 14 ×1, XX ×2", _harness.LogText);
    }

    [Fact]
    public async Task The_grade_map_comes_from_configuration()
    {
        _art.KeepBodies = true;
        _harness.Config["students:grade_map:US"] = "PS";
        var file = _harness.Write("students.csv", ReferenceExample.File(ReferenceExample.RowWith("GradeLevelWhenAssessed", "US")));

        await _harness.RunAsync(Inputs(file));

        Assert.Contains("\"gradeLevelWhenAssessed\":\"PS\"", Assert.Single(_art.Batches).Body);
    }

    [Fact]
    public async Task Server_errors_and_429_are_retried_until_accepted()
    {
        var file = Generate(300);
        _harness.Config["art:chunk_size"] = "100";
        _art.Inject(Fault.ServerError);
        _art.Inject(Fault.TooManyRequests);
        _art.Inject(Fault.ServerError);

        var context = await _harness.RunAsync(Inputs(file));

        Assert.Equal(300L, context.Counts["posted"]);
        Assert.Equal(Ssids(300), _art.Batches.SelectMany(b => b.Ssids).Order());
        Assert.Contains("HTTP 500", _harness.LogText);
        Assert.Contains("HTTP 429", _harness.LogText);
        Assert.Matches("HTTP 429 [^\n]*; retry [1-3] of 8 in 1 s", _harness.LogText); // Retry-After: 1 wins over the 10 ms backoff
    }

    [Fact]
    public async Task A_request_that_times_out_is_sent_again()
    {
        var file = Generate(100);
        _harness.Config["art:request_timeout"] = "300ms";
        _art.Inject(Fault.Hang);

        var context = await _harness.RunAsync(Inputs(file));

        Assert.Equal(100L, context.Counts["posted"]);
        Assert.Contains("timeout", _harness.LogText, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_refused_connection_is_retried_then_reported_as_retryable()
    {
        var closed = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        closed.Start();
        var port = ((System.Net.IPEndPoint)closed.LocalEndpoint).Port;
        closed.Stop();
        _harness.Config["art:endpoint"] = $"http://127.0.0.1:{port}/rest/external/student/CA/batch";
        _harness.Config["art:retries"] = "2";
        var file = Generate(10);

        var error = await Assert.ThrowsAsync<StepFailedException>(() => _harness.RunAsync(Inputs(file)));

        Assert.Contains($"cannot reach ART at http://127.0.0.1:{port}/", error.Message);
        Assert.Contains("lines 2–11", error.Message);
        Assert.True(error.Retryable);
        Assert.Contains("retry 2 of 2", _harness.LogText);
    }

    [Fact]
    public async Task An_expired_token_is_renewed_and_the_batch_sent_again()
    {
        var file = Generate(400);
        _harness.Config["art:chunk_size"] = "100";
        _harness.Config["art:concurrency"] = "1";
        _art.Inject(Fault.ExpiredToken);

        var context = await _harness.RunAsync(Inputs(file));

        Assert.Equal(2, _art.TokenRequests);
        Assert.Equal(400L, context.Counts["posted"]);
        Assert.Equal(Ssids(400), _art.Batches.SelectMany(b => b.Ssids).Order());
    }

    [Fact]
    public async Task A_batch_ART_refuses_stops_the_load_with_its_lines_and_ART_message()
    {
        var file = Generate(1_000);
        _harness.Config["art:chunk_size"] = "100";
        _art.Reject = batch => batch.Ssids.Contains("1000000450") ? "student 1000000450: invalid district" : null;

        var error = await Assert.ThrowsAsync<ArtRefusedException>(() => _harness.RunAsync(Inputs(file)));

        Assert.Contains("lines 402–501", error.Message);
        Assert.Contains("HTTP 400", error.Message);
        Assert.Contains("student 1000000450: invalid district", error.Message);
        Assert.False(error.Retryable);
        Assert.True(_art.Batches.Count < 10);
    }

    [Fact]
    public async Task Wrong_credentials_fail_clearly_without_retrying_or_showing_the_password()
    {
        _harness.Config["art:password"] = "not-the-password";
        var file = Generate(10);

        var error = await Assert.ThrowsAsync<ArtRefusedException>(() => _harness.RunAsync(Inputs(file)));

        Assert.Contains("refused client 'loader-client' and user 'loader-user' (HTTP 401", error.Message);
        Assert.Contains("wrong credentials", error.Message);
        Assert.DoesNotContain("not-the-password", error.Message);
        Assert.Empty(_art.Batches);
    }

    [Fact]
    public async Task Senders_post_concurrently()
    {
        var file = Generate(1_600);
        _harness.Config["art:chunk_size"] = "100";
        _harness.Config["art:concurrency"] = "4";
        _art.Delay = TimeSpan.FromMilliseconds(300);

        await _harness.RunAsync(Inputs(file));

        Assert.InRange(_art.MaxInFlight, 2, 4);
        Assert.Equal(16, _art.Batches.Count);
    }

    [Fact]
    public async Task Neither_the_token_nor_the_passwords_reach_the_log_or_the_progress()
    {
        var file = Generate(500);
        _harness.Config["art:chunk_size"] = "100";
        _art.Inject(Fault.ExpiredToken);
        _art.Inject(Fault.ServerError);

        await _harness.RunAsync(Inputs(file));

        var said = _harness.LogText + string.Join("\n", _harness.Progress);
        Assert.NotEmpty(_art.IssuedTokens);
        foreach (var secret in _art.IssuedTokens.Append(ArtReceiver.Password).Append(ArtReceiver.ClientSecret))
        {
            Assert.DoesNotContain(secret, said);
        }
    }

    [Fact]
    public async Task Verifying_batches_reports_the_rows_ART_rejected()
    {
        var file = Generate(300);
        _harness.Config["art:chunk_size"] = "100";
        _harness.Config["art:verify_poll"] = "20ms";
        _art.StatusPolls = 1;
        _art.StatusRejects = batch => batch.Ssids.Contains("1000000150") ? 2 : 0;
        var inputs = Inputs(file);
        inputs["verify_batches"] = "true";

        var context = await _harness.RunAsync(inputs);

        Assert.Equal(2L, context.Counts["art_rejected"]);
        Assert.Contains("ART rejected 2 of the 100 students of the batch of lines 102–201", _harness.LogText);
        Assert.Contains("student 1000000100: invalid school", _harness.LogText);
    }

    [Fact]
    public async Task Missing_ART_settings_are_named()
    {
        _harness.Config.Remove("art:endpoint");
        var file = Generate(10);

        var error = await Assert.ThrowsAsync<StepInputException>(() => _harness.RunAsync(Inputs(file)));

        Assert.Contains("'endpoint' is missing: set art.endpoint", error.Message);
    }

    private string Generate(int students, double badRows = 0)
    {
        var path = Path.Combine(_harness.Folder, $"generated-{students}.csv");
        StudentFileGenerator.WriteFile(path, new StudentFileOptions { Students = students, Seed = 11, BadRowShare = badRows });
        return path;
    }

    private static IEnumerable<string> Ssids(int count) =>
        Enumerable.Range(0, count).Select(i => (1_000_000_000L + i).ToString(System.Globalization.CultureInfo.InvariantCulture)).Order();

    private static Dictionary<string, object> Inputs(string file) => new() { ["file"] = file };
}
