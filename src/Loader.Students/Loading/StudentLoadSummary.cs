using Loader.Students.Json;

namespace Loader.Students.Loading;

/// <summary>How a load went.</summary>
internal sealed record StudentLoadSummary
{
    /// <summary>Students read and mapped in this run.</summary>
    public long Read { get; init; }

    /// <summary>Students ART acknowledged in this run.</summary>
    public long Posted { get; init; }

    /// <summary>Batches ART acknowledged in this run.</summary>
    public long Batches { get; init; }

    /// <summary>Rows that could not be read.</summary>
    public long Rejected { get; init; }

    /// <summary>The rejects file, when any row was rejected.</summary>
    public string? RejectsFile { get; init; }

    /// <summary>Grades the grade map lacked (sent as UG), with their counts.</summary>
    public IReadOnlyDictionary<string, long> UnknownGrades { get; init; } = new Dictionary<string, long>();

    /// <summary>Students acknowledged by earlier attempts, when this run resumed from a checkpoint.</summary>
    public long Resumed { get; init; }

    /// <summary>Students of this file ART acknowledged, in this run and the earlier ones it resumed.</summary>
    public long Acknowledged => Resumed + Posted;

    /// <summary>Where this run started reading.</summary>
    public long StartOffset { get; init; }

    /// <summary>The offset up to which every batch was acknowledged.</summary>
    public long EndOffset { get; init; }

    /// <summary>Rows ART reported rejecting when the batches were verified; null when they were not.</summary>
    public long? ArtRejected { get; init; }

    /// <summary>Batches ART was still processing when verification gave up.</summary>
    public int Unverified { get; init; }

    /// <summary>How long the load took.</summary>
    public TimeSpan Elapsed { get; init; }

    /// <summary>The summary as log lines: counts and rate, rejects, unknown grades, what ART reported.</summary>
    public IEnumerable<string> Describe(bool dryRun)
    {
        var seconds = Math.Max(Elapsed.TotalSeconds, 0.001);
        var count = dryRun ? Read : Posted;
        var earlier = Resumed > 0 ? $" ({Resumed:N0} by earlier attempts)" : "";
        yield return dryRun
            ? $"dry run: read and mapped {Read:N0} students, posted none, rejected {Rejected:N0} rows; {Elapsed.TotalSeconds:N1} s, {count / seconds:N0} students/s"
            : $"read {Read:N0} students, posted {Posted:N0} in {Batches:N0} batches, rejected {Rejected:N0} rows; "
                + $"ART acknowledged {Acknowledged:N0} students of this file{earlier}; {Elapsed.TotalSeconds:N1} s, {count / seconds:N0} students/s";
        if (Rejected > 0)
        {
            yield return $"{Rejected:N0} rows could not be read; they are in {RejectsFile}";
        }
        if (UnknownGrades.Count > 0)
        {
            yield return $"{UnknownGrades.Values.Sum():N0} students had a grade the grade map lacks and were sent as {GradeMap.Ungraded}: "
                + string.Join(", ", UnknownGrades.Select(g => $"{g.Key} ×{g.Value:N0}"));
        }
        if (ArtRejected is { } artRejected)
        {
            yield return artRejected == 0 && Unverified == 0
                ? "ART reports every batch processed with no rejected rows"
                : $"ART reports {artRejected:N0} rejected rows; {Unverified} batches were still being processed";
        }
    }
}
