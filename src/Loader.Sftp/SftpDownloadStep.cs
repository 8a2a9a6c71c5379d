using System.Globalization;
using Loader.Sftp.Connection;
using Loader.Sftp.HostKeys;
using Loader.Sftp.Resume;
using Loader.Sftp.Settings;
using Loader.Sftp.Transfer;
using Loader.Steps;

namespace Loader.Sftp;

/// <summary>
/// Downloads one remote file over SFTP to the task's output, resumably: the data collects in <c>FINAL.part</c> with
/// a record of the remote file's size and modification time in <c>FINAL.part.json</c>, and is renamed into place
/// only once it holds every byte of that same remote file. A remote file that is missing, empty or still being written
/// is not there yet (<see cref="DataNotReadyException"/>): the task waits for external data instead of failing.
/// </summary>
public sealed class SftpDownloadStep : IStep
{
    /// <summary>The configuration section every input falls back to: <c>sftp:</c>.</summary>
    public const string ConfigSection = SettingSource.Section;

    /// <inheritdoc />
    public StepDescriptor Descriptor { get; } = new(
        "sftp.download",
        "Downloads a remote file over SFTP to the task's output; resumes a partial download of the same remote file; checks the host key.",
        [
            new StepInput("host", "string", false, null, "The SFTP server's host name or address (falls back to sftp.host in the configuration, as every input does)."),
            new StepInput("port", "int", false, "22", "The server's SSH port."),
            new StepInput("user", "string", false, null, "The user to log in as."),
            new StepInput("password", "secret", false, null, "The user's password, when the server takes passwords."),
            new StepInput("key_file", "string", false, null, "A private key file: RSA (PEM or OpenSSH format), ECDSA or ed25519. Tried before the password."),
            new StepInput("key_passphrase", "secret", false, null, "The passphrase of an encrypted key_file."),
            new StepInput("known_hosts", "string", false, null, "A known_hosts file (plain or hashed lines, [host]:port form) that must vouch for the server's key."),
            new StepInput("host_key_sha256", "string", false, null, "The server's key fingerprint as ssh-keygen -lf prints it (SHA256:...); the key must match it."),
            new StepInput("trust_unknown_host", "bool", false, "false", "Accept a server that neither known_hosts nor host_key_sha256 knows, logging its fingerprint (unsafe)."),
            new StepInput("remote_path", "string", true, null, "The remote file, such as ./Students/CA_students_${date:yyyyMMdd}.zip."),
            new StepInput("offset", "int", false, null, "Resume at this byte, as the original -o: at most the bytes already in the .part and the remote size."),
            new StepInput("connect_timeout", "duration", false, "30s", "How long connecting and logging in may take."),
            new StepInput("read_timeout", "duration", false, "60s", "How long one SFTP request may wait for its answer."),
            new StepInput("attempts", "int", false, "5", "Connections tried per attempt of the task when the connection drops; each resumes where the last stopped."),
            new StepInput("backoff", "duration", false, "2s", "The wait before the first reconnect; doubled (with jitter) for each next one."),
        ]);

    /// <summary>Called after every write to the <c>.part</c> with the bytes it holds; tests use it to cut connections mid-file.</summary>
    internal Func<long, CancellationToken, ValueTask>? AfterWrite { get; init; }

    /// <inheritdoc />
    public async Task RunAsync(StepContext context, CancellationToken cancellationToken)
    {
        var settings = SftpSettings.From(context);
        var output = context.Outputs.Count == 1
            ? context.Outputs.Values.Single()
            : throw new StepInputException("sftp.download writes exactly one output: declare one under 'outputs'");
        var part = new PartialFile(FinalPath(context));
        var policy = new HostKeyPolicy(
            settings.Host,
            settings.Port,
            settings.KnownHosts is { } file ? KnownHostsFile.Load(file) : null,
            Pinned(settings.HostKeySha256),
            settings.TrustUnknownHost);
        using var logins = LoginMethods.From(settings);

        var progress = new TransferProgress(context.Clock, context.Progress);
        var started = context.Clock.GetTimestamp();
        var download = new ResumableDownload(
            settings,
            new SftpConnector(settings, policy, logins, context.Log),
            part,
            context,
            new PartCopier(part, progress, context.Clock, AfterWrite));
        var remote = await download.RunAsync(cancellationToken);

        if (part.Length != remote.Size)
        {
            throw new StepFailedException($"sftp.download: {part.DataPath} holds {part.Length:N0} bytes, not the {remote.Size:N0} of {remote.Path}; it is kept for the next attempt");
        }
        part.MoveTo(output);

        var fetched = remote.Size - (download.StartedAt ?? 0);
        var seconds = context.Clock.GetElapsedTime(started).TotalSeconds;
        context.Log.Line(string.Format(CultureInfo.InvariantCulture,
            "downloaded {0} ({1:N0} bytes; {2:N0} fetched in {3:F2}s, {4:F1} MB/s, {5} connection(s))",
            remote.Path, remote.Size, fetched, seconds, seconds > 0 ? fetched / 1e6 / seconds : 0, download.Connections));
        context.Counts["bytes"] = remote.Size;
        context.Counts["bytes_fetched"] = fetched;
        context.Counts["resumed_at"] = download.StartedAt ?? 0;
        context.Counts["connections"] = download.Connections;
    }

    /// <summary>The output's final path (not the runner's temporary one): the <c>.part</c> must keep one name across attempts.</summary>
    private static string FinalPath(StepContext context)
    {
        var location = context.Task.Outputs.Count == 1
            ? context.Task.Outputs[0].Location
            : throw new StepInputException("sftp.download writes exactly one output: declare one under 'outputs'");
        if (location.StartsWith("file://", StringComparison.Ordinal))
        {
            location = location[7..];
        }
        else if (location.Contains("://", StringComparison.Ordinal))
        {
            throw new StepInputException($"sftp.download writes local files; output {location} is not one");
        }
        return Path.GetFullPath(location);
    }

    private static string? Pinned(string? text) => text is null
        ? null
        : HostKeyFingerprint.Normalize(text)
            ?? throw new StepInputException($"sftp.download: host_key_sha256 '{text}' is not a SHA-256 fingerprint: give it as ssh-keygen -lf prints it, like SHA256:ohD8VZEXGWo6Ez8GSEJQ9WpafgLFsOfLOtGGQCQo6Og");
}
