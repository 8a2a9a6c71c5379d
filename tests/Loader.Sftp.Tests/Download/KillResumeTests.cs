using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Loader.Cli.Tests.Infrastructure;
using Loader.Sftp.Tests.Support;

namespace Loader.Sftp.Tests.Download;

/// <summary>The real command line, killed with SIGKILL in the middle of a download, then run again.</summary>
[Collection(SshServerCollection.Name)]
public sealed partial class KillResumeTests(SshServer server) : IAsyncLifetime
{
    private const int Size = 200_000_000;
    private const string Workflow = "KillDownload";

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "loader-sftp-kill", Guid.NewGuid().ToString("N"));

    private static readonly Dictionary<string, string> NoEnvironment = [];

    private string FinalPath => Path.Combine(_folder, "data", "CA_students_20260120.zip");

    private string PartPath => FinalPath + ".part";

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Path.Combine(_folder, "workflows"));
        Directory.CreateDirectory(Path.Combine(_folder, "config"));
        await File.WriteAllTextAsync(Path.Combine(_folder, "workflows", "download.yml"), $"""
            workflow: {Workflow}
            tasks:
              Download:
                uses: sftp.download
                with:
                  remote_path: ./{StepHarness.RemoteRelative}
                outputs:
                  zip: data/CA_students_20260120.zip

            """);
        await File.WriteAllTextAsync(Path.Combine(_folder, "config", "default.yml"), $"""
            state:
              sqlite: .loader/state.db
            runner:
              workers: 1
              logs: .loader/logs
            sftp:
              host: 127.0.0.1
              port: {server.Port}
              user: {SshServer.User}
              key_file: {server.RsaPemKey}
              known_hosts: {server.KnownHosts}
              connect_timeout: 10s
              read_timeout: 10s

            """);
    }

    public Task DisposeAsync()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Download_killed_with_sigkill_resumes_near_the_last_byte_written()
    {
        var source = server.Serve(StepHarness.RemoteRelative, StepHarness.RandomBytes(Size));
        long killedAt;
        using (var first = LoaderProcess.Start(_folder, ["run", Workflow], NoEnvironment))
        {
            var deadline = Stopwatch.StartNew();
            while (PartLength() < Size / 2 && !first.HasExited && deadline.Elapsed < TimeSpan.FromSeconds(120))
            {
                await Task.Delay(2);
            }
            var running = !first.HasExited;
            first.Kill();
            var killed = await first.WaitAsync(TimeSpan.FromSeconds(30));
            killedAt = PartLength();
            Assert.True(running, $"the first run ended before it was killed: {killed}");
        }
        Assert.False(File.Exists(FinalPath), "the first run finished the download before it was killed");
        Assert.InRange(killedAt, Size / 2, Size - 1);
        var record = await File.ReadAllTextAsync(FinalPath + ".part.json");

        using var second = LoaderProcess.Start(_folder, ["run", Workflow], NoEnvironment);
        (await second.WaitAsync(TimeSpan.FromSeconds(120))).ExitsWith(0);

        var fetched = FetchedBytes(DownloadLog());
        Assert.True(fetched <= Size * 0.6,
            $"the rerun fetched {fetched:N0} of {Size:N0} bytes; the .part held {killedAt:N0} when the first run was killed, its record said {record}");
        // The machine did not restart: every byte the killed run wrote is still good, flushed or not.
        Assert.Equal(Size - killedAt, fetched);
        Assert.Equal(StepHarness.Sha256(source), StepHarness.Sha256(FinalPath));
        Assert.False(File.Exists(PartPath));
    }

    private long PartLength() => File.Exists(PartPath) ? new FileInfo(PartPath).Length : 0;

    /// <summary>The log of the one attempt that finished the download.</summary>
    private string DownloadLog() => Directory
        .GetFiles(Path.Combine(_folder, ".loader", "logs"), "*.log", SearchOption.AllDirectories)
        .Select(File.ReadAllText)
        .Single(log => Downloaded().IsMatch(log));

    private static long FetchedBytes(string log) =>
        long.Parse(Downloaded().Match(log).Groups["fetched"].Value.Replace(",", ""), CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^downloaded .* bytes; (?<fetched>[\d,]+) fetched in", RegexOptions.Multiline)]
    private static partial Regex Downloaded();
}
