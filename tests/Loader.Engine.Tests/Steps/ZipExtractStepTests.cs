using System.IO.Compression;
using System.Security.Cryptography;
using Loader.Engine.Tests.TestSupport;
using Loader.Events;
using Loader.Planning;
using Loader.Running;
using Loader.State.Sqlite;
using Loader.Targets;

namespace Loader.Engine.Tests.Steps;

public sealed class ZipExtractStepTests : IDisposable
{
    private const string Workflow = """
        workflow: Unzip
        parameters:
          pattern: {type: string, default: "*.csv"}
          plain: {type: string, default: fail}
        tasks:
          Unzip:
            uses: zip.extract
            with:
              archive: ${config.data_dir}/dump.zip
              entry: ${pattern}
              plain: ${plain}
            outputs:
              csv: ${config.data_dir}/students.csv
        """;

    private readonly Sandbox _sandbox = new();

    public ZipExtractStepTests() => _sandbox.WriteWorkflow("unzip.yml", Workflow);

    [Fact]
    public async Task Extracts_the_matching_entry_byte_for_byte()
    {
        var content = RandomNumberGenerator.GetBytes(300_000);
        MakeZip(("readme.txt", [1, 2, 3]), ("Students/CA_students.csv", content));

        var result = await RunAsync(new() { ["pattern"] = "**/*.csv" });

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Equal(content, await File.ReadAllBytesAsync(Output));
    }

    [Fact]
    public async Task Truncated_archive_is_a_clear_error_and_leaves_no_output()
    {
        MakeZip(("students.csv", RandomNumberGenerator.GetBytes(200_000)));
        var archive = Path.Combine(_sandbox.Data, "dump.zip");
        var bytes = await File.ReadAllBytesAsync(archive);
        await File.WriteAllBytesAsync(archive, bytes[..(bytes.Length / 2)]);

        var result = await RunAsync();

        var (outcome, reason) = result.Outcomes.Single().Value;
        Assert.Equal(TaskOutcome.Failed, outcome);
        Assert.Contains("truncated or corrupt", reason);
        Assert.False(File.Exists(Output));
        Assert.Empty(Directory.EnumerateFiles(_sandbox.Data, "*students.csv*"));
    }

    [Fact]
    public async Task Damaged_entry_data_fails_the_crc_check()
    {
        var content = new byte[100_000];
        Array.Fill(content, (byte)'a');
        MakeZip(CompressionLevel.NoCompression, ("students.csv", content));
        var archive = Path.Combine(_sandbox.Data, "dump.zip");
        var bytes = await File.ReadAllBytesAsync(archive);
        var at = Array.IndexOf(bytes, (byte)'a', 100);
        bytes[at + 5000] = (byte)'b';
        await File.WriteAllBytesAsync(archive, bytes);

        var result = await RunAsync();

        var (outcome, reason) = result.Outcomes.Single().Value;
        Assert.Equal(TaskOutcome.Failed, outcome);
        Assert.Contains("corrupt", reason);
        Assert.False(File.Exists(Output));
    }

    [Theory]
    [InlineData("*.xml", "no entry")]
    [InlineData("*.csv", "2 entries")]
    public async Task Pattern_must_match_exactly_one_entry(string pattern, string message)
    {
        MakeZip(("a.csv", [1]), ("b.csv", [2]));

        var result = await RunAsync(new() { ["pattern"] = pattern });

        Assert.Equal(ExitCodes.TaskFailed, result.ExitCode);
        Assert.Contains(message, result.Outcomes.Single().Value.Reason);
    }

    [Fact]
    public async Task A_plain_csv_is_copied_as_it_is_with_plain_copy_whatever_its_name()
    {
        var content = "SSID^FirstName\n1^Ana\n"u8.ToArray();
        Directory.CreateDirectory(_sandbox.Data);
        await File.WriteAllBytesAsync(Path.Combine(_sandbox.Data, "dump.zip"), content);

        var result = await RunAsync(new() { ["plain"] = "copy" });

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Equal(content, await File.ReadAllBytesAsync(Output));
    }

    [Fact]
    public async Task A_plain_file_fails_by_default()
    {
        Directory.CreateDirectory(_sandbox.Data);
        await File.WriteAllBytesAsync(Path.Combine(_sandbox.Data, "dump.zip"), "SSID^FirstName\n"u8.ToArray());

        var result = await RunAsync();

        Assert.Equal(ExitCodes.TaskFailed, result.ExitCode);
        Assert.False(File.Exists(Output));
    }

    [Fact]
    public async Task A_truncated_zip_is_still_an_error_with_plain_copy()
    {
        MakeZip(("students.csv", RandomNumberGenerator.GetBytes(200_000)));
        var archive = Path.Combine(_sandbox.Data, "dump.zip");
        var bytes = await File.ReadAllBytesAsync(archive);
        await File.WriteAllBytesAsync(archive, bytes[..(bytes.Length / 2)]);

        var result = await RunAsync(new() { ["plain"] = "copy" });

        Assert.Contains("truncated or corrupt", result.Outcomes.Single().Value.Reason);
        Assert.False(File.Exists(Output));
    }

    private string Output => Path.Combine(_sandbox.Data, "students.csv");

    private void MakeZip(params (string Name, byte[] Content)[] entries) => MakeZip(CompressionLevel.Optimal, entries);

    private void MakeZip(CompressionLevel level, params (string Name, byte[] Content)[] entries)
    {
        Directory.CreateDirectory(_sandbox.Data);
        using var zip = ZipFile.Open(Path.Combine(_sandbox.Data, "dump.zip"), ZipArchiveMode.Create);
        foreach (var (name, content) in entries)
        {
            using var stream = zip.CreateEntry(name, level).Open();
            stream.Write(content);
        }
    }

    private async Task<RunResult> RunAsync(Dictionary<string, string>? arguments = null)
    {
        var graph = _sandbox.Bind("Unzip", arguments);
        var plan = await new Planner(TargetStores.Local(), _sandbox.Clock).PlanAsync(graph, [], CancellationToken.None);
        await using var state = new SqliteStateStore(_sandbox.PathOf("state.db"));
        await state.InitializeAsync(CancellationToken.None);
        var services = new RunnerServices(state, _sandbox.Steps, TargetStores.Local(), new NoEvents(), TimeProvider.System, _sandbox.Configuration());
        var options = new RunOptions { Workers = 1, LogFolder = _sandbox.PathOf("logs") };
        return await new Runner(services, options).RunAsync(plan, CancellationToken.None);
    }

    public void Dispose() => _sandbox.Dispose();

    private sealed class NoEvents : IRunEventSink
    {
        public void Emit(RunEvent runEvent)
        {
        }
    }
}
