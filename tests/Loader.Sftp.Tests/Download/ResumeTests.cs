using System.Text.Json;
using Loader.Sftp.Tests.Support;
using Loader.Steps;

namespace Loader.Sftp.Tests.Download;

[Collection(SshServerCollection.Name)]
public sealed class ResumeTests(SshServer server) : IAsyncLifetime
{
    private const int BigSize = 64 << 20;
    private static readonly DateTime Modified = new(2026, 1, 20, 6, 0, 0, DateTimeKind.Utc);
    private readonly StepHarness _harness = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    /// <summary>A step that kills the server side of its connection once the .part holds <paramref name="bytes"/> bytes.</summary>
    private SftpDownloadStep CuttingAt(long bytes, List<long> cuts) => new()
    {
        AfterWrite = (written, _) =>
        {
            if (cuts.Count == 0 && written >= bytes)
            {
                cuts.Add(written);
                Assert.True(server.KillSessions() > 0, $"no sshd session process under pid {server.ListenerPid}");
            }
            return ValueTask.CompletedTask;
        },
    };

    private void WritePart(byte[] content, long size, DateTime modified, long? durable = null)
    {
        Directory.CreateDirectory(_harness.Data);
        File.WriteAllBytes(_harness.PartPath, content);
        File.WriteAllText(_harness.RecordPath, JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["remote_path"] = "./" + StepHarness.RemoteRelative,
            ["size"] = size,
            ["mtime"] = modified,
            ["durable_bytes"] = durable ?? content.Length,
        }));
    }

    [Fact]
    public async Task Connection_cut_mid_file_reconnects_and_resumes_from_the_last_byte_written()
    {
        var source = server.Serve(StepHarness.RemoteRelative, StepHarness.RandomBytes(BigSize));
        var cuts = new List<long>();

        var run = (await _harness.RunAsync(CuttingAt(BigSize / 4, cuts), Inputs.ByPassword(server))).Succeeded();

        Assert.Single(cuts);
        Assert.Equal(2, run.Counts["connections"]);
        Assert.Contains("connection 1 failed", run.Log);
        var resumedAt = ResumedAt(run.Log);
        Assert.InRange(resumedAt, cuts[0], BigSize - 1);
        Assert.Equal(StepHarness.Sha256(source), StepHarness.Sha256(_harness.FinalPath));
        Assert.False(File.Exists(_harness.PartPath));
        Assert.False(File.Exists(_harness.RecordPath));
    }

    [Fact]
    public async Task Failed_attempt_keeps_the_part_and_the_next_run_resumes_it()
    {
        var source = server.Serve(StepHarness.RemoteRelative, StepHarness.RandomBytes(BigSize));
        var cuts = new List<long>();

        var first = await _harness.RunAsync(CuttingAt(BigSize / 4, cuts), Inputs.ByPassword(server, ("attempts", "1")));

        var error = first.Failed<StepFailedException>();
        Assert.True(error.Retryable);
        Assert.Contains("the next attempt resumes from there", error.Message);
        Assert.True(File.Exists(_harness.PartPath));
        Assert.True(File.Exists(_harness.RecordPath));
        Assert.False(File.Exists(_harness.FinalPath));
        var kept = new FileInfo(_harness.PartPath).Length;
        Assert.InRange(kept, cuts[0], BigSize - 1);

        var second = (await _harness.RunAsync(new SftpDownloadStep(), Inputs.ByPassword(server))).Succeeded();

        Assert.Equal(kept, second.Counts["resumed_at"]);
        Assert.Equal(BigSize - kept, second.Counts["bytes_fetched"]);
        Assert.Equal(StepHarness.Sha256(source), StepHarness.Sha256(_harness.FinalPath));
    }

    [Fact]
    public async Task Cancelled_download_keeps_the_flushed_part_and_the_next_run_resumes_it()
    {
        var source = server.Serve(StepHarness.RemoteRelative, StepHarness.RandomBytes(BigSize));
        using var cancellation = new CancellationTokenSource();
        var step = new SftpDownloadStep
        {
            AfterWrite = (written, _) =>
            {
                if (written >= BigSize / 3)
                {
                    cancellation.Cancel();
                }
                return ValueTask.CompletedTask;
            },
        };

        var first = await _harness.RunAsync(step, Inputs.ByPassword(server), cancellationToken: cancellation.Token);

        first.Failed<OperationCanceledException>();
        var kept = new FileInfo(_harness.PartPath).Length;
        Assert.InRange(kept, BigSize / 3, BigSize - 1);
        using (var record = JsonDocument.Parse(await File.ReadAllTextAsync(_harness.RecordPath)))
        {
            Assert.Equal(kept, record.RootElement.GetProperty("durable_bytes").GetInt64());
        }

        var second = (await _harness.RunAsync(new SftpDownloadStep(), Inputs.ByPassword(server))).Succeeded();

        Assert.Equal(kept, second.Counts["resumed_at"]);
        Assert.Equal(StepHarness.Sha256(source), StepHarness.Sha256(_harness.FinalPath));
    }

    [Fact]
    public async Task Part_of_another_remote_version_starts_over_instead_of_appending()
    {
        var content = StepHarness.RandomBytes(2_000_000, seed: 1);
        var source = server.Serve(StepHarness.RemoteRelative, content, Modified);
        // Yesterday's file: the same size, other bytes, another modification time.
        WritePart(StepHarness.RandomBytes(1_000_000, seed: 2), content.Length, Modified.AddDays(-1));

        var run = (await _harness.RunAsync(new SftpDownloadStep(), Inputs.ByPassword(server))).Succeeded();

        Assert.Contains("belongs to another version of the remote file", run.Log);
        Assert.Equal(0L, run.Counts["resumed_at"]);
        Assert.Equal(StepHarness.Sha256(source), StepHarness.Sha256(_harness.FinalPath));
    }

    [Fact]
    public async Task Part_of_a_remote_file_of_another_size_starts_over()
    {
        var content = StepHarness.RandomBytes(2_000_000, seed: 1);
        var source = server.Serve(StepHarness.RemoteRelative, content, Modified);
        WritePart(StepHarness.RandomBytes(1_000_000, seed: 2), 1_500_000, Modified);

        var run = (await _harness.RunAsync(new SftpDownloadStep(), Inputs.ByPassword(server))).Succeeded();

        Assert.Equal(0L, run.Counts["resumed_at"]);
        Assert.Equal(StepHarness.Sha256(source), StepHarness.Sha256(_harness.FinalPath));
    }

    [Fact]
    public async Task Part_without_a_record_starts_over()
    {
        var source = server.Serve(StepHarness.RemoteRelative, StepHarness.RandomBytes(2_000_000, seed: 1), Modified);
        Directory.CreateDirectory(_harness.Data);
        File.WriteAllBytes(_harness.PartPath, StepHarness.RandomBytes(500_000, seed: 3));

        var run = (await _harness.RunAsync(new SftpDownloadStep(), Inputs.ByPassword(server))).Succeeded();

        Assert.Contains("has no record", run.Log);
        Assert.Equal(StepHarness.Sha256(source), StepHarness.Sha256(_harness.FinalPath));
    }

    [Fact]
    public async Task Matching_part_resumes_without_refetching_what_it_holds()
    {
        var content = StepHarness.RandomBytes(2_000_000, seed: 1);
        var source = server.Serve(StepHarness.RemoteRelative, content, Modified);
        WritePart(content[..1_200_000], content.Length, Modified);

        var run = (await _harness.RunAsync(new SftpDownloadStep(), Inputs.ByPassword(server))).Succeeded();

        Assert.Equal(1_200_000L, run.Counts["resumed_at"]);
        Assert.Equal(800_000L, run.Counts["bytes_fetched"]);
        Assert.Equal(StepHarness.Sha256(source), StepHarness.Sha256(_harness.FinalPath));
    }

    [Fact]
    public async Task Bytes_past_the_last_recorded_flush_are_fetched_again()
    {
        var content = StepHarness.RandomBytes(2_000_000, seed: 1);
        var source = server.Serve(StepHarness.RemoteRelative, content, Modified);
        var part = content[..1_200_000];
        part.AsSpan(1_000_000).Fill(0);
        WritePart(part, content.Length, Modified, durable: 1_000_000);

        var run = (await _harness.RunAsync(new SftpDownloadStep(), Inputs.ByPassword(server))).Succeeded();

        Assert.Equal(1_000_000L, run.Counts["resumed_at"]);
        Assert.Equal(StepHarness.Sha256(source), StepHarness.Sha256(_harness.FinalPath));
    }

    [Fact]
    public async Task Remote_file_shorter_than_the_part_is_refused_leaving_local_files_untouched()
    {
        server.Serve(StepHarness.RemoteRelative, StepHarness.RandomBytes(500_000, seed: 1), Modified);
        var part = StepHarness.RandomBytes(800_000, seed: 2);
        WritePart(part, 2_000_000, Modified.AddDays(-1));
        var record = await File.ReadAllTextAsync(_harness.RecordPath);

        var run = await _harness.RunAsync(new SftpDownloadStep(), Inputs.ByPassword(server));

        var error = run.Failed<StepInputException>();
        Assert.Contains("shorter than the 800,000 bytes already downloaded", error.Message);
        Assert.Equal(part, await File.ReadAllBytesAsync(_harness.PartPath));
        Assert.Equal(record, await File.ReadAllTextAsync(_harness.RecordPath));
        Assert.False(File.Exists(_harness.FinalPath));
    }

    [Fact]
    public async Task Offset_past_the_remote_size_is_refused_before_truncating()
    {
        server.Serve(StepHarness.RemoteRelative, StepHarness.RandomBytes(500_000, seed: 1), Modified);
        var part = StepHarness.RandomBytes(800_000, seed: 2);
        WritePart(part, 500_000, Modified);

        var run = await _harness.RunAsync(new SftpDownloadStep(), Inputs.ByPassword(server, ("offset", "600000")));

        Assert.Contains("refusing to seek past end of file", run.Failed<StepInputException>().Message);
        Assert.Equal(part, await File.ReadAllBytesAsync(_harness.PartPath));
    }

    [Fact]
    public async Task Offset_past_the_bytes_already_downloaded_is_refused()
    {
        server.Serve(StepHarness.RemoteRelative, StepHarness.RandomBytes(2_000_000, seed: 1), Modified);
        var part = StepHarness.RandomBytes(100_000, seed: 2);
        WritePart(part, 2_000_000, Modified);

        var run = await _harness.RunAsync(new SftpDownloadStep(), Inputs.ByPassword(server, ("offset", "150000")));

        Assert.Contains("past the 100,000 bytes already downloaded", run.Failed<StepInputException>().Message);
        Assert.Equal(part, await File.ReadAllBytesAsync(_harness.PartPath));
    }

    [Fact]
    public async Task Offset_cuts_the_part_and_resumes_there()
    {
        var content = StepHarness.RandomBytes(2_000_000, seed: 1);
        var source = server.Serve(StepHarness.RemoteRelative, content, Modified);
        var part = content[..1_500_000];
        part.AsSpan(700_000).Fill(0xEE);
        WritePart(part, content.Length, Modified);

        var run = (await _harness.RunAsync(new SftpDownloadStep(), Inputs.ByPassword(server, ("offset", "700000")))).Succeeded();

        Assert.Equal(700_000L, run.Counts["resumed_at"]);
        Assert.Equal(StepHarness.Sha256(source), StepHarness.Sha256(_harness.FinalPath));
    }

    [Fact]
    public async Task Empty_remote_file_is_not_there_yet()
    {
        server.Serve(StepHarness.RemoteRelative, []);

        var run = await _harness.RunAsync(new SftpDownloadStep(), Inputs.ByPassword(server));

        var error = run.Failed<DataNotReadyException>();
        Assert.Equal($"sftp.download: not there yet: ./{StepHarness.RemoteRelative} on 127.0.0.1:{server.Port} (it is empty)", error.Message);
        Assert.False(File.Exists(_harness.PartPath));
        Assert.False(File.Exists(_harness.FinalPath));
    }

    [Fact]
    public async Task Missing_remote_file_is_not_there_yet_and_not_retried()
    {
        var run = await _harness.RunAsync(new SftpDownloadStep(), Inputs.ByPassword(server, ("remote_path", "./Students/nope.zip")));

        var error = run.Failed<DataNotReadyException>();
        Assert.Equal($"sftp.download: not there yet: ./Students/nope.zip on 127.0.0.1:{server.Port} (no such file)", error.Message);
        Assert.False(error.Retryable);
        Assert.Single(run.Log.Split('\n'), line => line.StartsWith("connecting to", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Remote_file_growing_while_it_is_read_is_not_there_yet_and_the_part_is_emptied()
    {
        var source = server.Serve(StepHarness.RemoteRelative, StepHarness.RandomBytes(BigSize));
        var step = new SftpDownloadStep { AfterWrite = GrowOnce(source) };

        var run = await _harness.RunAsync(step, Inputs.ByPassword(server));

        var error = run.Failed<DataNotReadyException>();
        Assert.StartsWith($"sftp.download: not there yet: ./{StepHarness.RemoteRelative} on 127.0.0.1:{server.Port} (it is still being written", error.Message);
        Assert.Single(run.Log.Split('\n'), line => line.StartsWith("connecting to", StringComparison.Ordinal));
        Assert.Equal(0, new FileInfo(_harness.PartPath).Length);
        Assert.False(File.Exists(_harness.RecordPath));
        Assert.False(File.Exists(_harness.FinalPath));
    }

    [Fact]
    public async Task Small_file_growing_just_after_it_is_read_is_not_there_yet()
    {
        var source = server.Serve(StepHarness.RemoteRelative, StepHarness.RandomBytes(100_000));
        var step = new SftpDownloadStep
        {
            AfterWrite = async (written, cancellationToken) =>
            {
                if (written == 100_000)
                {
                    // The whole file is read; the uploader writes its next block a moment later.
                    await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken);
                    await AppendAsync(source);
                }
            },
        };

        var run = await _harness.RunAsync(step, Inputs.ByPassword(server));

        Assert.Contains("it is still being written", run.Failed<DataNotReadyException>().Message);
    }

    /// <summary>A write hook that appends a block to the served file after the first write: an upload still running.</summary>
    internal static Func<long, CancellationToken, ValueTask> GrowOnce(string served)
    {
        var grown = 0;
        return async (_, _) =>
        {
            if (Interlocked.Exchange(ref grown, 1) == 0)
            {
                await AppendAsync(served);
            }
        };
    }

    private static async Task AppendAsync(string served)
    {
        await using var file = new FileStream(served, FileMode.Append, FileAccess.Write);
        await file.WriteAsync(StepHarness.RandomBytes(65_536, seed: 5));
    }

    private static long ResumedAt(string log)
    {
        var line = log.Split('\n').Last(l => l.StartsWith("resuming at byte ", StringComparison.Ordinal));
        return long.Parse(line["resuming at byte ".Length..line.IndexOf(" of ", StringComparison.Ordinal)].Replace(",", ""), System.Globalization.CultureInfo.InvariantCulture);
    }
}
