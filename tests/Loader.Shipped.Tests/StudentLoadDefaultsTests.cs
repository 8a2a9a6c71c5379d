using Loader.Cli.Tests.Infrastructure;
using System.Text.Json;
using Loader.Shipped.Tests.Support;

namespace Loader.Shipped.Tests;

/// <summary>
/// The nightly student load exactly as README.md and docs/student-loader.md show it: no flags, the shipped workflow and
/// defaults, a site's secret.yml. Each test asserts what the user cares about: the students ART received, the files on disk.
/// </summary>
[Trait("Category", "Shipped")]
public sealed class StudentLoadDefaultsTests : IAsyncLifetime
{
    private readonly ShippedSite _site = new();
    private readonly StudentDump _dump = StudentDump.Generate(25_000);
    private string TodaysZip => $"Students/CA_students_{ShippedSite.Today}.zip";

    public Task InitializeAsync() => _site.InitializeAsync();

    public Task DisposeAsync() => _site.DisposeAsync();

    [Fact]
    public async Task Loader_run_StudentLoad_downloads_extracts_and_loads_every_student()
    {
        _site.Serve(TodaysZip, _dump.Zip($"CA_students_{ShippedSite.Today}.csv"));

        var run = await _site.RunAsync("run", "StudentLoad");

        Assert.True(run.ExitCode == 0, run.ToString());
        AssertEveryStudentReceivedOnce();
        Assert.Equal(_dump.Csv, File.ReadAllBytes(_site.PathOf($"data/students/csv/CA_students_{ShippedSite.Today}.csv")));
        var counts = MarkerCounts();
        Assert.Equal(_dump.Students.Count, counts.GetProperty("posted").GetInt64());
        Assert.Equal(_dump.Students.Count, counts.GetProperty("acknowledged").GetInt64());
        Assert.Contains($"posted {_dump.Students.Count:N0}", run.Output + Log());

        var again = await _site.RunAsync("run", "StudentLoad");
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Equal(_dump.Students.Count, _site.Art.Batches.Sum(b => b.Ssids.Count));
    }

    [Fact]
    public async Task The_cron_lines_download_then_load_students_load_every_student()
    {
        var zip = _dump.Zip("students.csv");
        _site.Serve(TodaysZip, zip);

        var download = await _site.RunAsync("download");
        Assert.True(download.ExitCode == 0, download.ToString());
        Assert.Equal(zip, File.ReadAllBytes(_site.PathOf($"data/students/CA_students_{ShippedSite.Today}.zip")));
        Assert.Empty(_site.Art.Batches);

        var load = await _site.RunAsync("load-students");
        Assert.True(load.ExitCode == 0, load.ToString());
        AssertEveryStudentReceivedOnce();
    }

    [Fact]
    public async Task Load_students_with_a_file_and_no_number_loads_every_student()
    {
        File.WriteAllBytes(_site.PathOf("students.csv"), _dump.Csv);

        var load = await _site.RunAsync("load-students", "-f", "students.csv");

        Assert.True(load.ExitCode == 0, load.ToString());
        AssertEveryStudentReceivedOnce();
    }

    [Fact]
    public async Task A_dry_run_maps_every_student_and_posts_none()
    {
        File.WriteAllBytes(_site.PathOf("students.csv"), _dump.Csv);

        var dry = await _site.RunAsync("load-students", "--dryrun", "-f", "students.csv");

        Assert.True(dry.ExitCode == 0, dry.ToString());
        Assert.Empty(_site.Art.Batches);
        Assert.Equal(1, _site.Art.TokenRequests);
        Assert.Contains($"read and mapped {_dump.Students.Count:N0} students", Log());
    }

    [Fact]
    public async Task The_manuals_download_of_a_remote_csv_writes_the_named_file_and_it_loads()
    {
        _site.Serve("Requests/special_dump.csv", _dump.Csv);

        var download = await _site.RunAsync("download", "-f", "my_local_file.csv", "-r", "./Requests/special_dump.csv");

        Assert.True(download.ExitCode == 0, download.ToString());
        Assert.Equal(_dump.Csv, File.ReadAllBytes(_site.PathOf("my_local_file.csv")));
        var load = await _site.RunAsync("load-students", "-f", "my_local_file.csv");
        Assert.True(load.ExitCode == 0, load.ToString());
        AssertEveryStudentReceivedOnce();
    }

    [Fact]
    public async Task Another_remote_path_is_downloaded_even_when_todays_csv_is_extracted()
    {
        _site.Serve(TodaysZip, _dump.Zip("students.csv"));
        var other = StudentDump.Generate(300, seed: 7).Zip("other.csv");
        _site.Serve("Requests/OTHER.zip", other);
        Assert.Equal(0, (await _site.RunAsync("download")).ExitCode);

        var download = await _site.RunAsync("download", "-r", "./Requests/OTHER.zip", "-f", "data/other.zip");

        Assert.True(download.ExitCode == 0, download.ToString());
        Assert.Equal(other, File.ReadAllBytes(_site.PathOf("data/other.zip")));
        Assert.True(File.Exists(_site.PathOf("data/students/csv/other.csv")));
    }

    [Fact]
    public async Task A_dump_not_on_the_server_yet_exits_20_within_seconds()
    {
        var started = DateTime.UtcNow;

        var download = await _site.RunAsync("download");

        Assert.True(download.ExitCode == 20, download.ToString());
        Assert.Contains($"not there yet: ./Students/CA_students_{ShippedSite.Today}.zip on 127.0.0.1", download.Stdout);
        Assert.InRange(DateTime.UtcNow - started, TimeSpan.Zero, TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task A_header_only_file_fails_and_marks_nothing_done()
    {
        var header = System.Text.Encoding.Latin1.GetString(_dump.Csv).Split('\n')[0] + "\n";
        File.WriteAllText(_site.PathOf("students.csv"), header, System.Text.Encoding.Latin1);

        var load = await _site.RunAsync("load-students", "-f", "students.csv");

        Assert.Equal(30, load.ExitCode);
        Assert.True(load.Stdout.Contains("holds a header but no students", StringComparison.Ordinal), load.ToString());
        Assert.False(Directory.Exists(_site.PathOf("data/students/loaded")) && Directory.EnumerateFiles(_site.PathOf("data/students/loaded")).Any());
    }

    [Theory]
    [InlineData("load-students", "-e", "ebcdic", "-e/--encoding")]
    [InlineData("load-students", "-d", "ab", "-d/--delimiter")]
    [InlineData("load-students", "-n", "-5", "-n/--number")]
    [InlineData("load-students", "-n", "0", "-n/--number")]
    [InlineData("load-students", "-o", "-1", "-o/--offset")]
    [InlineData("download", "-o", "-3", "-o/--offset")]
    public async Task A_flag_mistake_exits_2_naming_the_flag_before_anything_runs(string command, string flag, string value, string named)
    {
        File.WriteAllBytes(_site.PathOf("students.csv"), _dump.Csv);

        var result = await _site.RunAsync(command, flag, value);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(named, result.Stderr);
        Assert.Equal(0, _site.Art.TokenRequests);
        Assert.False(Directory.Exists(_site.PathOf(".loader/logs")));
    }

    private void AssertEveryStudentReceivedOnce()
    {
        var received = _site.Art.Batches.SelectMany(b => b.Ssids).ToList();
        Assert.Equal(_dump.Students.Count, received.Count);
        Assert.True(_dump.Students.SetEquals(received), "ART did not receive exactly the file's students");
    }

    private JsonElement MarkerCounts()
    {
        var marker = Assert.Single(Directory.GetFiles(_site.PathOf("data/students/loaded")));
        return JsonDocument.Parse(File.ReadAllText(marker)).RootElement.GetProperty("counts").Clone();
    }

    private string Log() => Directory.Exists(_site.PathOf(".loader/logs"))
        ? string.Join("\n", Directory.EnumerateFiles(_site.PathOf(".loader/logs"), "*.log", SearchOption.AllDirectories).Select(File.ReadAllText))
        : "";
}
