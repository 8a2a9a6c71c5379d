using System.Globalization;

namespace Loader.Sftp.Tests.Support;

/// <summary>Step inputs for the test server: host, port and user, plus what a test adds or overrides.</summary>
internal static class Inputs
{
    public static Dictionary<string, object> For(SshServer server, params (string Name, object? Value)[] extra)
    {
        var inputs = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["host"] = "127.0.0.1",
            ["port"] = server.Port.ToString(CultureInfo.InvariantCulture),
            ["user"] = SshServer.User,
            ["remote_path"] = "./" + StepHarness.RemoteRelative,
            ["connect_timeout"] = "10s",
            ["read_timeout"] = "10s",
            ["backoff"] = "100ms",
        };
        foreach (var (name, value) in extra)
        {
            if (value is null)
            {
                inputs.Remove(name);
            }
            else
            {
                inputs[name] = value;
            }
        }
        return inputs;
    }

    /// <summary>Password login, host checked against the plain known_hosts file.</summary>
    public static Dictionary<string, object> ByPassword(SshServer server, params (string Name, object? Value)[] extra) =>
        For(server, [("password", SshServer.Password), ("known_hosts", server.KnownHosts), .. extra]);
}
