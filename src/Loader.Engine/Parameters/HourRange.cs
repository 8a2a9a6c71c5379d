namespace Loader.Parameters;

/// <summary>The hours of an interval written as hours: <c>[Start, End)</c>, in UTC.</summary>
/// <param name="Start">The first hour.</param>
/// <param name="End">The hour after the last one.</param>
public sealed record HourRange(Hour Start, Hour End)
{
    /// <summary>The explicit range form, <c>2026-01-02T00-2026-01-02T06</c>, even for a single hour.</summary>
    public string RangeText => $"{Start}-{End}";

    /// <summary>Whether the range holds no hour: its end, excluded, is its start.</summary>
    public bool IsEmpty => End == Start;

    /// <summary>A single hour as <c>2026-01-02T05</c>, more as <c>2026-01-02T00-2026-01-02T06</c>: the same for every spelling.</summary>
    public override string ToString() => End == Start.AddHours(1) ? Start.ToString() : RangeText;
}
