using System.Threading.Channels;

namespace Loader.Students.Batching;

/// <summary>
/// A fixed set of batch buffers. The reader waits for a free one, so no more than <c>concurrency + 1</c> batches are ever
/// in memory whatever the file's size.
/// </summary>
internal sealed class BatchPool : IDisposable
{
    private readonly Channel<StudentBatch> _free;
    private readonly List<StudentBatch> _all = [];

    public BatchPool(int size, int initialBytes)
    {
        _free = Channel.CreateBounded<StudentBatch>(size);
        for (var i = 0; i < size; i++)
        {
            var batch = new StudentBatch(new PooledBufferWriter(initialBytes));
            _all.Add(batch);
            _free.Writer.TryWrite(batch);
        }
    }

    /// <summary>Waits for a free batch.</summary>
    public ValueTask<StudentBatch> RentAsync(CancellationToken cancellationToken) => _free.Reader.ReadAsync(cancellationToken);

    /// <summary>Gives a batch back once it is acknowledged or dropped.</summary>
    public void Return(StudentBatch batch)
    {
        batch.Reset();
        _free.Writer.TryWrite(batch);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var batch in _all)
        {
            batch.Body.Dispose();
        }
    }
}
