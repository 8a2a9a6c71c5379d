using System.Buffers.Binary;
using System.Text;

namespace Loader.Sftp.Tests.HostKeys;

/// <summary>Public key blobs in SSH wire format, made up for tests.</summary>
internal static class KeyBlobs
{
    public static byte[] Ed25519(byte fill)
    {
        var type = Encoding.ASCII.GetBytes("ssh-ed25519");
        var blob = new byte[4 + type.Length + 4 + 32];
        BinaryPrimitives.WriteInt32BigEndian(blob, type.Length);
        type.CopyTo(blob, 4);
        BinaryPrimitives.WriteInt32BigEndian(blob.AsSpan(4 + type.Length), 32);
        blob.AsSpan(8 + type.Length).Fill(fill);
        return blob;
    }
}
