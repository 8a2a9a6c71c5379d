using System.Globalization;

namespace Loader.Sftp.Resume;

/// <summary>Byte counts as the step's messages write them: <c>1,048,576 bytes</c>.</summary>
internal static class ByteCount
{
    /// <summary><paramref name="count"/> with thousands separators and the word "bytes".</summary>
    public static string Text(long count) => $"{count.ToString("N0", CultureInfo.InvariantCulture)} bytes";
}
