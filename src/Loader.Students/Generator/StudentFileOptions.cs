namespace Loader.Students.Generator;

/// <summary>What <see cref="StudentFileGenerator"/> writes.</summary>
public sealed record StudentFileOptions
{
    /// <summary>How many student rows (bad rows included).</summary>
    public long Students { get; init; } = 1000;

    /// <summary>The seed: the same seed and options always give the same bytes.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>The share of rows cut short (fewer fields than the header), from 0 to 1.</summary>
    public double BadRowShare { get; init; }

    /// <summary>The share of rows whose grade the grade map lacks, from 0 to 1.</summary>
    public double UnknownGradeShare { get; init; }

    /// <summary>The first SSID; row <c>i</c> gets <c>FirstSsid + i</c>.</summary>
    public long FirstSsid { get; init; } = 1_000_000_000;
}
