namespace Loader.Parameters;

/// <summary>How an interval was written, which decides its text and how it moves to the next or previous one.</summary>
public enum IntervalForm
{
    /// <summary>A custom range, <c>2016-01-01-2016-02-01</c>: moves by its own length.</summary>
    Range,

    /// <summary>A year, <c>2016</c>.</summary>
    Year,

    /// <summary>A month, <c>2016-05</c>.</summary>
    Month,

    /// <summary>An ISO week, <c>2016-W05</c>, Monday first.</summary>
    Week,

    /// <summary>A single day, <c>2016-05-01</c>.</summary>
    Day,

    /// <summary>Hours (UTC): one, <c>2016-05-01T05</c>, or a range, <c>2016-05-01T00-2016-05-01T06</c>; moves by its own length.</summary>
    Hours,
}
