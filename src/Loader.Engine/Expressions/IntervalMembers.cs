using Loader.Parameters;

namespace Loader.Expressions;

/// <summary>
/// What follows an interval parameter's name in an expression: <c>next</c> and <c>prev</c> (the interval of the same form
/// after or before, any number of times), then at most one of <c>start</c>, <c>end</c> (excluded, as Luigi's
/// <c>date_b</c>), <c>days</c> and <c>hours</c> (how many) or <c>range</c> (the explicit <c>start-end</c> form):
/// <c>${interval.prev.start}</c>, <c>${interval.next}</c>, <c>${interval.days}</c>, <c>${interval.hours}</c>.
/// </summary>
internal static class IntervalMembers
{
    /// <summary>The members, as a hint in messages.</summary>
    public const string Known = "start, end, days, hours, range, next and prev";

    /// <summary>Whether <paramref name="members"/> (the path after the parameter's name) names something.</summary>
    public static bool Names(IEnumerable<string> members)
    {
        var list = members.ToList();
        var moves = list.TakeWhile(m => m is "next" or "prev").Count();
        return moves == list.Count || (moves == list.Count - 1 && list[^1] is "start" or "end" or "days" or "hours" or "range");
    }

    /// <summary>Whether <paramref name="members"/> names a day: a start or an end.</summary>
    public static bool NameDay(IEnumerable<string> members) => Names(members) && members.LastOrDefault() is "start" or "end";

    /// <summary>
    /// The value <paramref name="members"/> names: an interval, a day, a count of days or hours, or a text. Throws
    /// <see cref="ArgumentOutOfRangeException"/> when a move runs past the calendar.
    /// </summary>
    public static object Of(DateInterval interval, IEnumerable<string> members)
    {
        object value = interval;
        foreach (var member in members)
        {
            var current = (DateInterval)value;
            value = member switch
            {
                "next" => current.Next(),
                "prev" => current.Previous(),
                "start" => current.Start,
                "end" => current.End,
                "days" => (long)current.Days,
                "hours" => (long)current.FirstHour.HoursUntil(current.EndHour),
                _ => current.RangeText,
            };
        }
        return value;
    }
}
