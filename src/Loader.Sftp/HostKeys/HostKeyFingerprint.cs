using System.Security.Cryptography;

namespace Loader.Sftp.HostKeys;

/// <summary>Host key fingerprints in the form <c>ssh-keygen -lf</c> prints: <c>SHA256:</c> and unpadded base64.</summary>
public static class HostKeyFingerprint
{
    private const string Prefix = "SHA256:";

    /// <summary>The fingerprint of a public key blob in SSH wire format.</summary>
    public static string Of(byte[] keyBlob) => Prefix + Convert.ToBase64String(SHA256.HashData(keyBlob)).TrimEnd('=');

    /// <summary>
    /// A pinned fingerprint in canonical form; accepts it with or without the <c>SHA256:</c> prefix and padding.
    /// Null when the text is not a SHA-256 fingerprint.
    /// </summary>
    public static string? Normalize(string text)
    {
        var body = text.Trim();
        if (body.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
        {
            body = body[Prefix.Length..];
        }
        body = body.TrimEnd('=');
        var padded = body + new string('=', (4 - body.Length % 4) % 4);
        Span<byte> bytes = stackalloc byte[48];
        return Convert.TryFromBase64String(padded, bytes, out var length) && length == 32 ? Prefix + body : null;
    }

    /// <summary>The key type named at the start of a key blob, such as <c>ssh-ed25519</c>.</summary>
    public static string KeyType(byte[] keyBlob)
    {
        if (keyBlob.Length < 4)
        {
            return "unknown";
        }
        var length = (keyBlob[0] << 24) | (keyBlob[1] << 16) | (keyBlob[2] << 8) | keyBlob[3];
        return length > 0 && length <= keyBlob.Length - 4 ? System.Text.Encoding.ASCII.GetString(keyBlob, 4, length) : "unknown";
    }
}
