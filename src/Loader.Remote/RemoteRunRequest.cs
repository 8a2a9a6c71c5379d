namespace Loader.Remote;

/// <summary>What <c>loader remote</c> was asked: where to connect, how to log in and check the host, what to run.</summary>
public sealed record RemoteRunRequest
{
    public required string Host { get; init; }

    public int Port { get; init; } = 22;

    public required string User { get; init; }

    /// <summary>A private key file; tried before the password.</summary>
    public string? KeyFile { get; init; }

    public string? KeyPassphrase { get; init; }

    /// <summary>The password (from the configuration's <c>remote.password</c>).</summary>
    public string? Password { get; init; }

    /// <summary>A known_hosts file that must vouch for the host key.</summary>
    public string? KnownHosts { get; init; }

    /// <summary>A pinned SHA-256 host key fingerprint (<c>SHA256:...</c>).</summary>
    public string? HostKeySha256 { get; init; }

    /// <summary>The command line that starts loader on the host; <c>loader</c> unless told.</summary>
    public string RemoteCommand { get; init; } = "loader";

    /// <summary>
    /// A folder of the single-file executables <c>scripts/pack.sh</c> makes: the one for the host's processor is
    /// installed there (under the remote folder, <c>loader-bin/loader</c>) when the host's differs, and starts the run.
    /// </summary>
    public string? Install { get; init; }

    /// <summary>The remote folder workspaces (under <c>loader-workspaces/</c>) and fresh folders are made in; the login folder when null.</summary>
    public string? Folder { get; init; }

    /// <summary>
    /// The workspace on the host the run uses, and keeps for the next: its state store, data and set-up stay between
    /// runs. <c>default</c> unless told.
    /// </summary>
    public string Workspace { get; init; } = HostWorkspace.DefaultName;

    /// <summary>Run in a fresh folder of its own instead of the workspace, remembering nothing of earlier runs.</summary>
    public bool Fresh { get; init; }

    /// <summary>Do not copy workflows and configuration: run with the set-up the workspace already has.</summary>
    public bool SkipSetup { get; init; }

    /// <summary>
    /// The host's <c>state:</c> section (keys as <c>mysql</c>, <c>database</c>, <c>lease_ttl</c>; nested ones joined
    /// by <c>:</c>), from <c>remote.state</c>: given to the host's runs as a configuration layer above the others.
    /// </summary>
    public IReadOnlyDictionary<string, string> HostState { get; init; } = new Dictionary<string, string>();

    /// <summary>Wait for the run and carry back its exit code, log and history.</summary>
    public bool Wait { get; init; } = true;

    /// <summary>Also copy config/secret.yml.</summary>
    public bool WithSecrets { get; init; }

    public required string Workflow { get; init; }

    public IReadOnlyList<string> Parameters { get; init; } = [];

    /// <summary>
    /// Secret parameter values as configuration keys (<c>Workflow:param</c>, <c>Family:param</c>): they reach the host
    /// in a private configuration file, never on its command line where any user there could read them.
    /// </summary>
    public IReadOnlyDictionary<string, string> SecretParameters { get; init; } = new Dictionary<string, string>();

    /// <summary>The local project folder: workflows, config and .loader/remote are relative to it.</summary>
    public string LocalRoot { get; init; } = Directory.GetCurrentDirectory();

    /// <summary>The local workflow folder (relative to <see cref="LocalRoot"/> or absolute).</summary>
    public string WorkflowFolder { get; init; } = "workflows";

    /// <summary>The local configuration folder holding default.yml and secret.yml.</summary>
    public string ConfigFolder { get; init; } = "config";

    /// <summary>Extra configuration files (<c>--config</c>), copied and passed on.</summary>
    public IReadOnlyList<string> ConfigFiles { get; init; } = [];

    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(30);

    // What a record would print, without passwords, passphrases or secret parameter values.
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append($"Host = {Host}, Port = {Port}, User = {User}, KeyFile = {KeyFile}, Workflow = {Workflow}, Parameters = [{string.Join(' ', Parameters)}], Wait = {Wait}, Workspace = {Workspace}, Fresh = {Fresh}, SkipSetup = {SkipSetup}");
        return true;
    }
}

/// <summary>How a remote run ended.</summary>
/// <param name="ExitCode">The remote run's exit code when waited for; 0 when it was left running.</param>
/// <param name="RemoteFolder">The workspace (or fresh folder) on the host the run ran in.</param>
/// <param name="RunFolder">This run's own folder on the host, under the workspace's <c>runs/</c>: its output when not waited for.</param>
/// <param name="LocalFolder">Where its log and history were saved locally (null when not waited for).</param>
public sealed record RemoteRunResult(int ExitCode, string RemoteFolder, string RunFolder, string? LocalFolder);

/// <summary>A remote run that could not start: refused host key or login, missing files. The message says what to change.</summary>
public sealed class RemoteRunException(string message, Exception? inner = null) : Exception(message, inner);
