namespace Loader.Students.Batching;

/// <summary>
/// One POST's worth of students: a JSON array in a pooled buffer, the file bytes [<see cref="FirstOffset"/>,
/// <see cref="EndOffset"/>) it was read from and the lines of its first and last students.
/// </summary>
internal sealed class StudentBatch(PooledBufferWriter body)
{
    /// <summary>The batch's place in the file, from 0 in this run.</summary>
    public long Sequence { get; set; }

    /// <summary>The JSON array.</summary>
    public PooledBufferWriter Body { get; } = body;

    /// <summary>How many students the array holds.</summary>
    public int Students { get; set; }

    /// <summary>The file offset of the batch's first row.</summary>
    public long FirstOffset { get; set; }

    /// <summary>The file offset just past the batch's last row: where the next batch starts.</summary>
    public long EndOffset { get; set; }

    /// <summary>The line of the first student.</summary>
    public long FirstLine { get; set; }

    /// <summary>The line of the last student.</summary>
    public long LastLine { get; set; }

    /// <summary>The batch as people read it in messages: "lines 2–10,001 (bytes 120–2,400,000)".</summary>
    public string Describe() => $"lines {FirstLine:N0}–{LastLine:N0} (bytes {FirstOffset:N0}–{EndOffset:N0})";

    /// <summary>Empties the batch for reuse.</summary>
    public void Reset()
    {
        Body.Clear();
        Students = 0;
    }
}
