using Renci.SshNet;
using System.Security.Cryptography;

namespace Loader.Sftp.HostKeys;

/// <summary>
/// Decides whether to trust a server's host key: a pinned SHA-256 fingerprint and a known_hosts file vouch for
/// a key; any of them that knows a different key refuses it; a host none of them knows is refused unless
/// trusting unknown hosts was asked for.
/// </summary>
public sealed class HostKeyPolicy(string host, int port, KnownHostsFile? knownHosts, string? pinned, bool trustUnknown)
{
    private string Endpoint => port == 22 ? host : $"{host}:{port}";

    /// <summary>The key types known_hosts holds for this host, so that the server is asked for one of them.</summary>
    public IReadOnlySet<string> KnownKeyTypes =>
        knownHosts?.For(host, port).Where(e => e.IsPlainKey).Select(e => e.KeyType).ToHashSet(StringComparer.Ordinal)
        ?? new HashSet<string>(StringComparer.Ordinal);

    /// <summary>The verdict on the key blob <paramref name="keyBlob"/> that the server presented.</summary>
    public HostKeyVerdict Judge(byte[] keyBlob)
    {
        var type = HostKeyFingerprint.KeyType(keyBlob);
        var fingerprint = HostKeyFingerprint.Of(keyBlob);
        var offered = $"the server offers {type} key {fingerprint}";
        var vouchers = new List<string>();

        if (pinned is not null)
        {
            if (!string.Equals(pinned, fingerprint, StringComparison.Ordinal))
            {
                return new HostKeyVerdict(false,
                    $"host key of {Endpoint} does not match host_key_sha256: expected {pinned}, {offered}. "
                    + $"If the server's key was changed on purpose (check with its administrator), set host_key_sha256: {fingerprint}");
            }
            vouchers.Add("host_key_sha256");
        }

        if (knownHosts is not null)
        {
            var entries = knownHosts.For(host, port);
            if (entries.FirstOrDefault(e => e.Marker == "@revoked" && Same(e.KeyBlob, keyBlob)) is { } revoked)
            {
                return new HostKeyVerdict(false,
                    $"host key of {Endpoint} is marked @revoked in {knownHosts.Path} line {revoked.Line}: {offered}; refusing to connect");
            }
            var keys = entries.Where(e => e.IsPlainKey).ToList();
            if (keys.FirstOrDefault(e => Same(e.KeyBlob, keyBlob)) is { } match)
            {
                vouchers.Add($"{knownHosts.Path} line {match.Line}");
            }
            else if (keys.Count > 0)
            {
                var expected = string.Join("; ", keys.Select(e => $"line {e.Line}: {e.KeyType} {HostKeyFingerprint.Of(e.KeyBlob)}"));
                return new HostKeyVerdict(false,
                    $"HOST KEY OF {Endpoint} HAS CHANGED: {knownHosts.Path} expects {expected}, but {offered}. "
                    + "This may be an attack, or the server was reinstalled. If the change is expected (check with its administrator), "
                    + $"remove the old line (ssh-keygen -R '{KnownHostPattern.NameOf(host, port)}' -f {knownHosts.Path}) and add "
                    + $"\"{KnownHostPattern.NameOf(host, port)} {type} {Convert.ToBase64String(keyBlob)}\", or set host_key_sha256: {fingerprint}");
            }
        }

        if (vouchers.Count > 0)
        {
            return new HostKeyVerdict(true, $"host key of {Endpoint} is {type} {fingerprint}, as {string.Join(" and ", vouchers)} expects");
        }
        if (trustUnknown)
        {
            return new HostKeyVerdict(true,
                $"host key of {Endpoint} is unknown and trusted because trust_unknown_host is true: {type} {fingerprint}. "
                + $"Pin it with host_key_sha256: {fingerprint}");
        }
        var where = knownHosts is null ? "no known_hosts file and no host_key_sha256 were given" : $"{knownHosts.Path} has no line for it";
        return new HostKeyVerdict(false,
            $"host key of {Endpoint} is unknown ({where}): {offered}. After checking that fingerprint with the server's administrator, "
            + $"set host_key_sha256: {fingerprint} under the task's 'with' or in the 'sftp:' configuration section, or add "
            + $"\"{KnownHostPattern.NameOf(host, port)} {type} {Convert.ToBase64String(keyBlob)}\" to a known_hosts file given as known_hosts "
            + "(or set trust_unknown_host: true to accept any key, which is unsafe)");
    }

    private static bool Same(byte[] a, byte[] b) => CryptographicOperations.FixedTimeEquals(a, b);

    /// <summary>
    /// Asks the server only for key types known_hosts holds for it, as ssh does: a server with several host keys
    /// would otherwise present another type and look changed.
    /// </summary>
    public void AskForKnownKeyTypes(ConnectionInfo info)
    {
        var known = KnownKeyTypes;
        if (known.Count == 0)
        {
            return;
        }
        var unwanted = info.HostKeyAlgorithms.Keys.Where(name => !known.Contains(KeyTypeOf(name))).ToList();
        if (unwanted.Count == info.HostKeyAlgorithms.Count)
        {
            return;
        }
        foreach (var name in unwanted)
        {
            info.HostKeyAlgorithms.Remove(name);
        }
    }

    /// <summary>
    /// Connects <paramref name="client"/> with this policy judging the server's host key. Returns the verdict (what
    /// to log); a refused key is a <see cref="HostKeyRefusedException"/> whose message shows the fingerprint.
    /// </summary>
    public async Task<HostKeyVerdict?> ConnectAsync(BaseClient client, CancellationToken cancellationToken)
    {
        HostKeyVerdict? verdict = null;
        client.HostKeyReceived += (_, e) =>
        {
            verdict = Judge(e.HostKey);
            e.CanTrust = verdict.Trusted;
        };
        try
        {
            await client.ConnectAsync(cancellationToken);
        }
        catch (Exception e) when (verdict is { Trusted: false })
        {
            throw new HostKeyRefusedException(verdict.Message, e);
        }
        return verdict;
    }

    private static string KeyTypeOf(string algorithm) => algorithm switch
    {
        "rsa-sha2-256" or "rsa-sha2-512" => "ssh-rsa",
        _ => algorithm,
    };
}
