using System.Globalization;
using Loader.Configuration;
using Microsoft.Extensions.Configuration;

namespace Loader.Remote;

/// <summary>
/// The <c>remote:</c> configuration section: the host a <c>runs_on: ssh</c> workflow (or <c>loader remote</c>
/// without <c>--host</c>) runs on, how to log in and check it, the workspace there, and the host's <c>state:</c>
/// section (<c>remote.state</c>). Passwords and passphrases belong in secret.yml.
/// </summary>
public static class RemoteSettings
{
    /// <summary>The configuration section: <c>remote</c>.</summary>
    public const string Section = "remote";

    /// <summary>A request to run <paramref name="workflow"/> with <paramref name="arguments"/> on the configured host.</summary>
    public static RemoteRunRequest Request(IConfiguration configuration, string workflow, IReadOnlyList<string> arguments)
    {
        var section = configuration.GetSection(Section);
        var host = Text(section, "host") ?? throw Missing(workflow, "host");
        var user = Text(section, "user") ?? throw Missing(workflow, "user");
        var port = Text(section, "port") is { } text
            ? int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number is > 0 and < 65536
                ? number
                : throw new ConfigurationException($"remote.port must be a TCP port (1-65535), not '{text}'")
            : 22;
        var pinned = Text(section, "host_key_sha256");
        var workspace = Text(section, "workspace") ?? HostWorkspace.DefaultName;
        if (!HostWorkspace.IsName(workspace))
        {
            throw new ConfigurationException($"remote.workspace '{workspace}' cannot name a workspace: use letters, digits, '.', '_' and '-' (up to 100, not starting with '.' or '-')");
        }
        return new RemoteRunRequest
        {
            Host = host,
            Port = port,
            User = user,
            KeyFile = Home(Text(section, "key_file")),
            KeyPassphrase = Text(section, "key_passphrase"),
            Password = Text(section, "password"),
            KnownHosts = Home(Text(section, "known_hosts") ?? (pinned is null ? "~/.ssh/known_hosts" : null)),
            HostKeySha256 = pinned,
            RemoteCommand = Text(section, "command") ?? "loader",
            Install = Home(Text(section, "install")),
            Folder = Text(section, "folder"),
            Workspace = workspace,
            HostState = section.GetSection("state").AsEnumerable(makePathsRelative: true)
                .Where(s => s.Value is not null)
                .ToDictionary(s => s.Key, s => s.Value!, StringComparer.Ordinal),
            WithSecrets = Text(section, "with_secrets") is { } secrets && (bool.TryParse(secrets, out var yes)
                ? yes
                : throw new ConfigurationException($"remote.with_secrets must be true or false, not '{secrets}'")),
            Workflow = workflow,
            Parameters = arguments,
        };
    }

    private static ConfigurationException Missing(string workflow, string key) =>
        new($"{workflow} runs on another host, and remote.{key} is not set: give the remote: section host and user (and key_file or a password in config/secret.yml)");

    /// <summary><paramref name="path"/> with a leading <c>~/</c> made the user's home folder, as a shell would.</summary>
    private static string? Home(string? path) => path is not null && path.StartsWith("~/", StringComparison.Ordinal)
        ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), path[2..])
        : path;

    private static string? Text(IConfigurationSection section, string key) =>
        section[key] is { Length: > 0 } value ? value.Trim() : null;
}
