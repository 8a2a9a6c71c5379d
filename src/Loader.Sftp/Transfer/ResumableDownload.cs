using System.Globalization;
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
/// connection reconnects with exponential backoff and resumes from the last byte written.
/// </summary>
internal sealed class ResumableDownload(SftpSettings settings, SftpConnector connector, PartialFile part, StepContext context, PartCopier copier)
{
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
                + $"{part.DataPath} keeps {(part.Length ?? 0).ToString("N0", CultureInfo.InvariantCulture)} bytes; the next attempt resumes from there", e);
        }
    }

    private async Task<RemoteFileStat> OnceAsync(CancellationToken cancellationToken)
    {
        Connections++;
        context.Log.Line($"connecting to {settings.Endpoint} as {settings.User} (connection {Connections} of at most {settings.Attempts})");
        using var client = await connector.ConnectAsync(cancellationToken);
        var remote = await StatAsync(client, cancellationToken);
        context.Log.Line($"remote file {remote.Path}: {remote.Size.ToString("N0", CultureInfo.InvariantCulture)} bytes, modified {remote.ModifiedUtc:yyyy-MM-dd HH:mm:ss}Z");

        var plan = ResumePlanner.Plan(remote, part.Length, await part.ReadRecordAsync(cancellationToken), _explicitOffset, part.DataPath);
        context.Log.Line(plan.Reason);
        part.TruncateTo(plan.Offset);
        await part.WriteRecordAsync(PartRecord.Of(remote, plan.Offset), cancellationToken);
        _explicitOffset = null;
        StartedAt ??= plan.Offset;

        var reached = plan.Offset < remote.Size ? await copier.CopyAsync(client, remote, plan.Offset, cancellationToken) : plan.Offset;
        var after = await StatAsync(client, cancellationToken);
        if (after != remote || reached != remote.Size)
        {
            // What we hold belongs to a version that is gone: start the next connection from byte 0.
            part.TruncateTo(0);
            part.ForgetRecord();
            throw new RemoteFileChangedException(
                $"remote file {remote.Path} changed while it was read (it was {remote.Size:N0} bytes modified {remote.ModifiedUtc:u}, "
                + $"read {reached:N0} bytes, now {after.Size:N0} bytes modified {after.ModifiedUtc:u})");
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
            throw new StepFailedException($"sftp.download: missing or empty remote file {settings.RemotePath} (not found on {settings.Endpoint})", e);
        }
        catch (SftpPermissionDeniedException e)
        {
            throw new StepInputException($"sftp.download: {settings.Endpoint} denies user '{settings.User}' access to {settings.RemotePath}", e);
        }
    }

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
                        + $"{(part.Length ?? 0).ToString("N0", CultureInfo.InvariantCulture)} bytes kept; reconnecting in {Durations.Format(args.RetryDelay)}");
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
    }
}
