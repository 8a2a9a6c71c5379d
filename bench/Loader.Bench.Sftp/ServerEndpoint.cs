using System.Globalization;

namespace Loader.Bench.Sftp;

/// <summary>How to reach the bench server: enough for a child process to log in and check the host key.</summary>
internal sealed record ServerEndpoint(int Port, string UserKey, string KnownHosts)
{
    public const string User = "loadertest";

    public string[] ToArguments() => [Port.ToString(CultureInfo.InvariantCulture), UserKey, KnownHosts];

    public static ServerEndpoint FromArguments(string[] args) => new(int.Parse(args[0], CultureInfo.InvariantCulture), args[1], args[2]);
}
