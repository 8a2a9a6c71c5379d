using Loader.Steps;

namespace Loader.Sftp.Settings;

/// <summary>Everything one <c>sftp.download</c> task was given, read and checked before anything connects.</summary>
internal sealed record SftpSettings
{
    public required string Host { get; init; }
    public required int Port { get; init; }
    public required string User { get; init; }
    public string? Password { get; init; }
    public string? KeyFile { get; init; }
    public string? KeyPassphrase { get; init; }
    public string? KnownHosts { get; init; }
    public string? HostKeySha256 { get; init; }
    public bool TrustUnknownHost { get; init; }
    public required string RemotePath { get; init; }
    public long? Offset { get; init; }
    public required TimeSpan ConnectTimeout { get; init; }
    public required TimeSpan ReadTimeout { get; init; }
    public required int Attempts { get; init; }
    public required TimeSpan Backoff { get; init; }

    /// <summary>The host as people write it: <c>host</c>, or <c>host:port</c> off port 22.</summary>
    public string Endpoint => Port == 22 ? Host : $"{Host}:{Port}";

    /// <summary>Reads the settings of <paramref name="context"/>; a clear <see cref="StepInputException"/> for anything missing or malformed.</summary>
    public static SftpSettings From(StepContext context)
    {
        var source = new SettingSource(context);
        var settings = new SftpSettings
        {
            Host = Required(source, "host"),
            Port = source.Typed(SftpConfig.Port),
            User = Required(source, "user"),
            Password = source.Text("password"),
            KeyFile = ExpandHome(source.Text("key_file")),
            KeyPassphrase = source.Text("key_passphrase"),
            KnownHosts = ExpandHome(source.Text("known_hosts")),
            HostKeySha256 = source.Text("host_key_sha256"),
            TrustUnknownHost = source.Typed(SftpConfig.TrustUnknownHost),
            RemotePath = Required(source, "remote_path"),
            Offset = source.Number("offset"),
            ConnectTimeout = source.Typed(SftpConfig.ConnectTimeout),
            ReadTimeout = source.Typed(SftpConfig.ReadTimeout),
            Attempts = source.Typed(SftpConfig.Attempts),
            Backoff = source.Typed(SftpConfig.Backoff),
        };
        if (settings.Password is null && settings.KeyFile is null)
        {
            throw new StepInputException(
                $"sftp.download: no way to log in to {settings.Endpoint} as {settings.User}: {SettingSource.WhereToGive("password")}, or 'key_file'");
        }
        if (settings.Offset is < 0)
        {
            throw new StepInputException($"sftp.download: offset {settings.Offset} is negative");
        }
        if (settings.KnownHosts is { } knownHosts && !File.Exists(knownHosts))
        {
            throw new StepInputException($"sftp.download: known_hosts file {knownHosts} does not exist");
        }
        if (settings.KeyFile is { } keyFile && !File.Exists(keyFile))
        {
            throw new StepInputException($"sftp.download: key_file {keyFile} does not exist");
        }
        return settings;
    }

    private static string Required(SettingSource source, string name) =>
        source.Text(name) ?? throw new StepInputException($"sftp.download: '{name}' is required: {SettingSource.WhereToGive(name)}");

    private static string? ExpandHome(string? path) =>
        path is ['~', '/', ..] ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), path[2..]) : path;
}
