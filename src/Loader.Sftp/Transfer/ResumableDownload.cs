using Loader.Parameters;
using Loader.Sftp.Connection;
using Loader.Sftp.Resume;
using Loader.Sftp.Settings;
using Loader.Steps;
using Polly;
using Polly.Retry;
using Renci.SshNet;
using Renci.SshNet.Common;

namespace Loader.Sftp.Transfer;

/// <summary>
/// One download of one remote file into its <c>.part</c>: connects, plans where to start, copies, and on a dropped
/// connection reconnects with exponential backoff and resumes from the last byte written. A remote file that is
/// missing, empty or still being written is not there yet (<see cref="DataNotReadyException"/>), which no reconnect
/// can cure.
/// </summary>
internal sealed class ResumableDownload(SftpSettings settings, SftpConnector connector, PartialFile part, StepContext context, PartCopier copier)
{
    /// <summary>
    /// How long the remote file must keep its size and modification time, from the stat before the read to the one
    /// after it, to count as complete. A file being uploaded changes within a second; a long read needs no extra wait.
    /// </summary>
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(1);

    private long? _explicitOffset = settings.Offset;

    /// <summary>How many connections were opened.</summary>
    public int Connections { get; private set; }

    /// <summary>Where the first connection started reading, or null before it did.</summary>
    public long? StartedAt { get; private set; }

    /// <summary>Runs to the end: the remote file as it was read, whose every byte is now in the <c>.part</c>.</summary>
    public async Task<RemoteFileStat> RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await Pipeline().ExecuteAsync(async token => await OnceAsync(token), cancellationToken);
        }
        catch (Exception e) when (ConnectionFailures.IsTransient(e))
        {
            throw new StepFailedException(
                $"sftp.download: gave up on {settings.Endpoint} after {Connections} connection(s): {e.Message.TrimEnd('.')}. "
                + $"{part.DataPath} keeps {ByteCount.Text(part.Length ?? 0)}; the next attempt resumes from there", e);
        }
    }

    private async Task<RemoteFileStat> OnceAsync(CancellationToken cancellationToken)
    {
        Connections++;
        context.Log.Line($"connecting to {settings.Endpoint} as {settings.User} (connection {Connections} of at most {settings.Attempts})");
        using var client = await connector.ConnectAsync(cancellationToken);
        var remote = await StatAsync(client, cancellationToken);
        var statted = context.Clock.GetTimestamp();
        context.Log.Line($"remote file {remote.Path}: {ByteCount.Text(remote.Size)}, modified {remote.ModifiedUtc:yyyy-MM-dd HH:mm:ss}Z");
        if (remote.Size == 0)
        {
            throw NotThereYet("it is empty");
        }

        var plan = ResumePlanner.Plan(remote, part.Length, await part.ReadRecordAsync(cancellationToken), _explicitOffset, part.DataPath, MachineBoot.Id);
        context.Log.Line(plan.Reason);
        // The cut flushes the .part, so every byte up to the plan's offset is on disk before the record says so.
        part.TruncateTo(plan.Offset);
        await part.WriteRecordAsync(PartRecord.Of(remote, plan.Offset), cancellationToken);
        _explicitOffset = null;
        StartedAt ??= plan.Offset;

        var reached = plan.Offset < remote.Size ? await copier.CopyAsync(client, remote, plan.Offset, cancellationToken) : plan.Offset;
        var wait = Settle - context.Clock.GetElapsedTime(statted);
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, context.Clock, cancellationToken);
        }
        var after = await StatAsync(client, cancellationToken);
        if (after != remote || reached != remote.Size)
        {
            // What we hold belongs to a version that is still changing: the next run starts over from byte 0.
            part.TruncateTo(0);
            part.ForgetRecord();
            throw NotThereYet(
                $"it is still being written: it was {ByteCount.Text(remote.Size)} modified {remote.ModifiedUtc:u} when the read began, "
                + $"{ByteCount.Text(reached)} were read, and it is now {ByteCount.Text(after.Size)} modified {after.ModifiedUtc:u}");
        }
        return remote;
    }

    private async Task<RemoteFileStat> StatAsync(SftpClient client, CancellationToken cancellationToken)
    {
        try
        {
            var attributes = await client.GetAttributesAsync(settings.RemotePath, cancellationToken);
            if (attributes.IsDirectory)
            {
                throw new StepInputException($"sftp.download: remote path {settings.RemotePath} on {settings.Endpoint} is a folder, not a file");
            }
            return new RemoteFileStat(settings.RemotePath, attributes.Size, attributes.LastWriteTimeUtc);
        }
        catch (SftpPathNotFoundException e)
        {
            throw NotThereYet("no such file", e);
        }
        catch (SftpPermissionDeniedException e)
        {
            throw new StepInputException($"sftp.download: {settings.Endpoint} denies user '{settings.User}' access to {settings.RemotePath}", e);
        }
    }

    private DataNotReadyException NotThereYet(string why, Exception? inner = null) =>
        new($"sftp.download: not there yet: {settings.RemotePath} on {settings.Endpoint} ({why})", inner);

    private ResiliencePipeline Pipeline()
    {
        if (settings.Attempts <= 1)
        {
            return ResiliencePipeline.Empty;
        }
        return new ResiliencePipelineBuilder { TimeProvider = context.Clock }
            .AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = settings.Attempts - 1,
                Delay = settings.Backoff,
                MaxDelay = TimeSpan.FromMinutes(2),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldHandle = new PredicateBuilder().Handle<Exception>(ConnectionFailures.IsTransient),
                OnRetry = args =>
                {
                    context.Log.Line(
                        $"connection {args.AttemptNumber + 1} failed ({args.Outcome.Exception?.GetType().Name}: {args.Outcome.Exception?.Message.TrimEnd('.')}); "
                        + $"{ByteCount.Text(part.Length ?? 0)} kept; reconnecting in {Durations.Format(args.RetryDelay)}");
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
    }
}
