namespace Loader.Sftp.HostKeys;

/// <summary>One line of a known_hosts file.</summary>
/// <param name="Line">The line number, from 1, for messages.</param>
/// <param name="Marker">Empty, <c>@revoked</c> or <c>@cert-authority</c>.</param>
/// <param name="Hosts">The host field as written: comma-separated patterns, or one hashed <c>|1|salt|hash</c> name.</param>
/// <param name="KeyType">The key type, such as <c>ssh-ed25519</c>.</param>
/// <param name="KeyBlob">The public key in SSH wire format.</param>
public sealed record KnownHostEntry(int Line, string Marker, string Hosts, string KeyType, byte[] KeyBlob)
{
    /// <summary>Whether this line vouches for a key (neither revoked nor a certificate authority).</summary>
    public bool IsPlainKey => Marker.Length == 0;

    /// <summary>Whether the line's host field names <paramref name="name"/> (<c>host</c> or <c>[host]:port</c>).</summary>
    public bool Names(string name) => KnownHostPattern.Matches(Hosts, name);
}
