using System.Security.Cryptography;
using System.Text;

namespace Loader.Sftp.HostKeys;

/// <summary>The host field of a known_hosts line, matched as OpenSSH does: hashed names, wildcards and negation.</summary>
internal static class KnownHostPattern
{
    /// <summary>The name a known_hosts file uses for a host: <c>host</c> on port 22, <c>[host]:port</c> otherwise.</summary>
    public static string NameOf(string host, int port) => port == 22 ? host.ToLowerInvariant() : $"[{host.ToLowerInvariant()}]:{port}";

    /// <summary>Whether <paramref name="hosts"/> names <paramref name="name"/>.</summary>
    public static bool Matches(string hosts, string name)
    {
        if (hosts.StartsWith("|1|", StringComparison.Ordinal))
        {
            return MatchesHashed(hosts, name);
        }
        var matched = false;
        foreach (var pattern in hosts.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var negated = pattern.StartsWith('!');
            if (Wildcard(negated ? pattern[1..] : pattern, name))
            {
                if (negated)
                {
                    return false;
                }
                matched = true;
            }
        }
        return matched;
    }

    /// <summary><c>|1|base64(salt)|base64(HMAC-SHA1(salt, name))</c>, as <c>ssh-keygen -H</c> writes.</summary>
    private static bool MatchesHashed(string hosts, string name)
    {
        var parts = hosts.Split('|');
        if (parts.Length != 4)
        {
            return false;
        }
        try
        {
            var salt = Convert.FromBase64String(parts[2]);
            var expected = Convert.FromBase64String(parts[3]);
            return CryptographicOperations.FixedTimeEquals(HMACSHA1.HashData(salt, Encoding.ASCII.GetBytes(name)), expected);
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static bool Wildcard(string pattern, string name) => Wildcard(pattern.ToLowerInvariant().AsSpan(), name.AsSpan());

    private static bool Wildcard(ReadOnlySpan<char> pattern, ReadOnlySpan<char> name)
    {
        while (pattern.Length > 0)
        {
            if (pattern[0] == '*')
            {
                for (var i = 0; i <= name.Length; i++)
                {
                    if (Wildcard(pattern[1..], name[i..]))
                    {
                        return true;
                    }
                }
                return false;
            }
            if (name.Length == 0 || (pattern[0] != '?' && pattern[0] != name[0]))
            {
                return false;
            }
            pattern = pattern[1..];
            name = name[1..];
        }
        return name.Length == 0;
    }
}
