using System.Globalization;
using Loader.Configuration;
using Loader.Expressions;
using Loader.Parameters;

namespace Loader.Tasks;

/// <summary>What a task instance's expressions are rendered against.</summary>
internal sealed class InstanceScope(
    IReadOnlyDictionary<string, object> parameters,
    DateOnly? date,
    DateOnly today,
    LoaderConfiguration configuration) : IExpressionScope
{
    /// <summary>The hour of a per-hour instance, which <c>${hour}</c> names.</summary>
    public Hour? Hour { get; init; }

    /// <summary>The instance, once its identity is known.</summary>
    public TaskInstance? Instance { get; set; }

    /// <summary>Where the running attempt writes each output, once known.</summary>
    public IReadOnlyDictionary<string, string>? Outputs { get; set; }

    /// <summary>The run, once known.</summary>
    public long? RunId { get; set; }

    /// <inheritdoc />
    public string Resolve(Expression e)
    {
        var path = e.Path;
        if (e.Shift is not null && e.Root is "config" or "task" or "run" or "outputs" or "tasks")
        {
            throw new ExpressionException(e, "cannot be shifted: only dates can (${date - 7d}, ${interval.start + 1w})");
        }
        return e.Root switch
        {
            "date" when date is { } day => Format(day, e),
            "today" => Format(today, e),
            "hour" when Hour is { } hour => path.Count == 1 ? Format(hour, e) : Format(hour.Date, e),
            "config" => configuration[string.Join(':', path.Skip(1))] ?? throw MissingConfiguration(e),
            "task" when Instance is { } instance => path[1] switch
            {
                "key" => instance.Id.Key,
                "family" => instance.Family,
                _ => instance.Id.Text,
            },
            "run" when RunId is { } run => run.ToString(CultureInfo.InvariantCulture),
            "outputs" when Outputs is { } outputs => outputs[path[1]],
            "tasks" when Instance is { } instance => RequiredOutputs(instance, path[1], path[3], e),
            _ when parameters.TryGetValue(e.Root, out var value) => path.Count == 1
                ? Format(value, e)
                : value switch
                {
                    DateInterval interval => Format(Member(interval, e), e),
                    Parameters.Hour hour => Format(hour.Date, e),
                    _ => throw new ExpressionException(e, $"parameter '{e.Root}' has no value, so it has no {path[1]}"),
                },
            _ => throw new ExpressionException(e, "is not available here"),
        };
    }

    /// <summary>A configuration key the expression names and no layer sets; a secret one is told where it goes.</summary>
    private ExpressionException MissingConfiguration(Expression e)
    {
        var key = string.Join(':', e.Path.Skip(1));
        var dotted = string.Join('.', e.Path.Skip(1));
        return LoaderConfiguration.IsSecretKey(key)
            ? new ExpressionException(e, $"configuration has no secret '{dotted}': {configuration.WhereSecretGoes(key)}")
            : new ExpressionException(e, $"configuration has no key '{dotted}': add it to config/default.yml or set LOADER_{string.Join("__", e.Path.Skip(1))}");
    }

    /// <summary>What the path after an interval parameter's name names: <c>start</c>, <c>next.end</c>, <c>days</c>...</summary>
    private static object Member(DateInterval interval, Expression e)
    {
        var members = e.Path.Skip(1);
        if (!IntervalMembers.Names(members))
        {
            throw new ExpressionException(e, $"an interval has {IntervalMembers.Known}, as in ${{{e.Root}.start}} or ${{{e.Root}.prev.end}}");
        }
        try
        {
            return IntervalMembers.Of(interval, members);
        }
        catch (ArgumentOutOfRangeException)
        {
            throw new ExpressionException(e, $"runs past the calendar's ends (0001-01-01 to 9999-12-31) from {interval}");
        }
    }

    private static string RequiredOutputs(TaskInstance instance, string family, string output, Expression e)
    {
        var locations = instance.Requires
            .Where(r => r.Family == family)
            .Select(r => r.Outputs[OutputIndex(r, output)].Location)
            .ToList();
        return locations.Count > 0
            ? string.Join(' ', locations)
            : throw new ExpressionException(e, $"{family} is not among the requirements");
    }

    private static int OutputIndex(TaskInstance instance, string name)
    {
        for (var i = 0; i < instance.Definition.Outputs.Count; i++)
        {
            if (instance.Definition.Outputs[i].Name == name)
            {
                return i;
            }
        }
        return 0;
    }

    private string Format(object value, Expression e)
    {
        value = e.Shifted(value, name => parameters.TryGetValue(name, out var count) ? count : null);
        if (value is string path && e.Format is "name" or "stem")
        {
            // A path's last part, with or without its extension: ${remote_path:name}, ${dump_file:stem}.
            return e.Format == "name" ? Path.GetFileName(path) : Path.GetFileNameWithoutExtension(path);
        }
        if (e.Format is not { } format || value is not IFormattable formattable)
        {
            return ParameterParser.Format(value);
        }
        try
        {
            return formattable.ToString(format, CultureInfo.InvariantCulture);
        }
        catch (FormatException)
        {
            throw new ExpressionException(e, $"'{format}' is not a format for {KindOf(value)} (dates take formats such as yyyyMMdd, numbers D8 or F2)");
        }
    }

    /// <summary>What a value is, in the words of parameter types rather than .NET's.</summary>
    private static string KindOf(object value) => value switch
    {
        DateOnly => "a date",
        Parameters.Hour => "an hour",
        long or int => "a whole number",
        double => "a number",
        TimeSpan => "a duration",
        _ => "this value",
    };
}
