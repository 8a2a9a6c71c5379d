using System.Globalization;
using System.Security.Cryptography;

namespace Loader.Students.Loading;

/// <summary>
/// What a student file is, by content: the SHA-256 of its bytes and its size. Resume points and idempotency keys hang on it,
/// so a new night's file never resumes a stale checkpoint, and a batch sent again carries the same key as before.
/// </summary>
internal sealed record FileIdentity(string Sha256, long Length)
{
    /// <summary>Hashes the file (about a second per gigabyte).</summary>
    public static async Task<FileIdentity> OfAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1024 * 1024, FileOptions.SequentialScan);
        var hash = await SHA256.HashDataAsync(stream, cancellationToken);
        return new FileIdentity(Convert.ToHexStringLower(hash), stream.Length);
    }

    /// <summary>The Idempotency-Key of the batch of bytes [<paramref name="first"/>, <paramref name="end"/>).</summary>
    public string IdempotencyKey(long first, long end) =>
        string.Create(CultureInfo.InvariantCulture, $"{Sha256[..32]}-{first}-{end}");

    /// <summary>The state-store key of this file's resume point when loaded into <paramref name="endpoint"/>.</summary>
    public string CheckpointKey(Uri endpoint) =>
        "students.load:" + Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{Sha256}|{Length}|{endpoint}")))[..40];
}
