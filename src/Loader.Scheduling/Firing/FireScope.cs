using System.Globalization;
using Loader.Expressions;
using Loader.Scheduling.Schedules;

namespace Loader.Scheduling.Firing;

/// <summary>
/// What a schedule's parameters are written over: <c>${fire}</c> (the fire time in the schedule's zone), <c>${fire.date}</c>,
/// <c>${fire.previous}</c> and <c>${fire.previous.date}</c> (the period before, as Airflow's data interval start), and
/// <c>${schedule}</c>; dates and times shift (<c>${fire.date - 30d}</c>) and take formats (<c>${fire:yyyyMMdd}</c>).
/// </summary>
internal sealed class FireScope(Schedule schedule, DateTimeOffset fireTime) : IExpressionScope
{
    /// <summary>Every parameter of a run of <paramref name="schedule"/> fired at <paramref name="fireTime"/>, rendered.</summary>
    public static IReadOnlyDictionary<string, string> Arguments(Schedule schedule, DateTimeOffset fireTime)
    {
        var scope = new FireScope(schedule, fireTime);
        return schedule.Parameters.ToDictionary(p => p.Key, p => p.Value.Render(scope), StringComparer.Ordinal);
    }

    /// <inheritdoc />
    public string Resolve(Expression e)
    {
        var local = TimeZoneInfo.ConvertTime(fireTime, schedule.TimeZone);
        object value = string.Join('.', e.Path) switch
        {
            "fire" or "fire.time" => local,
            "fire.date" => DateOnly.FromDateTime(local.DateTime),
            "fire.previous" => Previous(local),
            "fire.previous.date" => DateOnly.FromDateTime(Previous(local).DateTime),
            "schedule" => schedule.Name,
            _ => throw new ExpressionException(e, "is not known in a schedule's parameters: write ${fire}, ${fire.date}, ${fire.previous}, ${fire.previous.date} or ${schedule}"),
        };
        value = e.Shifted(value);
        return (value, e.Format) switch
        {
            (DateOnly date, null) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            (DateTimeOffset time, null) => time.ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture),
            (IFormattable formattable, { } format) => Formatted(formattable, format, e),
            _ => value.ToString() ?? "",
        };
    }

    private DateTimeOffset Previous(DateTimeOffset local) =>
        schedule.FiresBackFrom(local.AddTicks(-1), local.AddYears(-5)).FirstOrDefault() is { } previous && previous != default
            ? TimeZoneInfo.ConvertTime(previous, schedule.TimeZone)
            : local;

    private static string Formatted(IFormattable value, string format, Expression e)
    {
        try
        {
            return value.ToString(format, CultureInfo.InvariantCulture);
        }
        catch (FormatException)
        {
            throw new ExpressionException(e, $"'{format}' is not a format for a date or time (such as yyyyMMdd or yyyy-MM-ddTHH:mm)");
        }
    }
}
