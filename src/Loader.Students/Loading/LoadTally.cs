namespace Loader.Students.Loading;

/// <summary>What a load counted: read by one reader, posted by several senders.</summary>
internal sealed class LoadTally
{
    private long _posted;
    private long _batches;

    /// <summary>Students read and mapped.</summary>
    public long Read { get; set; }

    /// <summary>Rows that could not be read, written to the rejects file.</summary>
    public long Rejected { get; set; }

    /// <summary>Grades the grade map lacks, each with how many students had it.</summary>
    public SortedDictionary<string, long> UnknownGrades { get; } = new(StringComparer.Ordinal);

    /// <summary>Students ART acknowledged in this run.</summary>
    public long Posted => Interlocked.Read(ref _posted);

    /// <summary>Batches ART acknowledged in this run.</summary>
    public long Batches => Interlocked.Read(ref _batches);

    /// <summary>Counts one unknown grade.</summary>
    public void UnknownGrade(string grade)
    {
        var key = grade.Length == 0 ? "(blank)" : grade;
        UnknownGrades[key] = UnknownGrades.GetValueOrDefault(key) + 1;
    }

    /// <summary>Counts one acknowledged batch.</summary>
    public void Acknowledged(int students)
    {
        Interlocked.Add(ref _posted, students);
        Interlocked.Increment(ref _batches);
    }
}
