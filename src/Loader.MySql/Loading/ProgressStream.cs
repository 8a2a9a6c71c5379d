using System.Globalization;

namespace Loader.MySql.Loading;

/// <summary>
/// A source file as it is sent to the server: counts the bytes read, reports progress every few seconds, and
/// stops at once when the attempt is cancelled (the transaction is then rolled back).
/// </summary>
internal sealed class ProgressStream(Stream inner, string name, TimeProvider clock, Action<string> progress, CancellationToken cancellationToken) : Stream
{
    private static readonly TimeSpan Every = TimeSpan.FromSeconds(2);

    private readonly long _length = inner.CanSeek ? inner.Length : -1;
    private readonly long _started = clock.GetTimestamp();
    private long _lastReport = clock.GetTimestamp();

    /// <summary>The bytes read so far.</summary>
    public long BytesRead { get; private set; }

    /// <inheritdoc />
    public override bool CanRead => true;

    /// <inheritdoc />
    public override bool CanSeek => false;

    /// <inheritdoc />
    public override bool CanWrite => false;

    /// <inheritdoc />
    public override long Length => _length;

    /// <inheritdoc />
    public override long Position
    {
        get => BytesRead;
        set => throw new NotSupportedException();
    }

    /// <inheritdoc />
    public override int Read(byte[] buffer, int offset, int count) => Counted(inner.Read(buffer, offset, count));

    /// <inheritdoc />
    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken readCancelled = default) =>
        Counted(await inner.ReadAsync(buffer, cancellationToken));

    /// <inheritdoc />
    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken readCancelled) =>
        ReadAsync(buffer.AsMemory(offset, count), readCancelled).AsTask();

    /// <inheritdoc />
    public override void Flush()
    {
    }

    /// <inheritdoc />
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    /// <inheritdoc />
    public override void SetLength(long value) => throw new NotSupportedException();

    /// <inheritdoc />
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }
        base.Dispose(disposing);
    }

    private int Counted(int read)
    {
        // The driver keeps sending until the stream ends; ending it early lets a cancelled load stop now.
        cancellationToken.ThrowIfCancellationRequested();
        BytesRead += read;
        if (clock.GetElapsedTime(_lastReport) >= Every)
        {
            _lastReport = clock.GetTimestamp();
            var seconds = clock.GetElapsedTime(_started).TotalSeconds;
            var share = _length > 0 ? string.Format(CultureInfo.InvariantCulture, " of {0:N0} MB ({1:P0})", _length / 1e6, (double)BytesRead / _length) : "";
            progress(string.Format(CultureInfo.InvariantCulture, "{0}: {1:N0} MB{2} sent, {3:N1} MB/s", name, BytesRead / 1e6, share, BytesRead / 1e6 / seconds));
        }
        return read;
    }
}
