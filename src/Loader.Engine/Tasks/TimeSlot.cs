using Loader.Parameters;

namespace Loader.Tasks;

/// <summary>Where one instance of a task sits in time: its day or its hour when the task fans out, and its place among its family's instances.</summary>
/// <param name="Date">The day of a per-day instance.</param>
/// <param name="Hour">The hour of a per-hour instance.</param>
/// <param name="Index">The instance's place in its family's fan-out, 0 for the first (or only) one.</param>
internal readonly record struct TimeSlot(DateOnly? Date, Hour? Hour, int Index)
{
    /// <summary>The slot of a task that does not fan out.</summary>
    public static TimeSlot Whole => new(null, null, 0);

    /// <summary>Whether <paramref name="instance"/> falls in this slot: the same day or hour, a day's hours, or an hour's day.</summary>
    public bool Holds(TaskInstance instance) => (Date, Hour) switch
    {
        ({ } day, _) => instance.Date == day || instance.Hour?.Date == day,
        (_, { } hour) => instance.Hour == hour || instance.Date == hour.Date,
        _ => true,
    };

    /// <inheritdoc />
    public override string ToString() => Date?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? Hour?.ToString() ?? "";
}
