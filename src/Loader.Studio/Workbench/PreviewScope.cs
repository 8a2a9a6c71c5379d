using System.Globalization;
using Loader.Configuration;
using Loader.Expressions;
using Loader.Parameters;
using Loader.Tasks;

namespace Loader.Studio.Workbench;

/// <summary>
/// Renders a task's inputs for the inspector as the runner would, before any run: what only a run knows
/// (<c>${run}</c>) stays as written.
/// </summary>
internal sealed class PreviewScope(TaskInstance instance, DateOnly today, LoaderConfiguration configuration) : IExpressionScope
{
    public string Resolve(Expression e)
    {
        var path = e.Path;
        return e.Root switch
        {
            "date" when instance.Date is { } day => Format(day, e),
            "today" => Format(today, e),
            "config" => configuration[string.Join(':', path.Skip(1))] ?? e.ToString(),
            "task" when path.Count > 1 => path[1] switch
            {
                "key" => instance.Id.Key,
                "family" => instance.Family,
                _ => instance.Id.Text,
            },
            "outputs" when path.Count > 1 => Output(instance, path[1]) ?? e.ToString(),
            "tasks" when path.Count > 3 => string.Join(' ', instance.Requires.Where(r => r.Family == path[1]).Select(r => Output(r, path[3]))),
            _ when instance.Parameters.TryGetValue(e.Root, out var value) => path.Count == 1
                ? Format(value, e)
                : Format(path[1] == "start" ? ((DateInterval)value).Start : ((DateInterval)value).End, e),
            _ => e.ToString(),
        };
    }

    private static string? Output(TaskInstance task, string name)
    {
        var index = task.Definition.Outputs.ToList().FindIndex(o => o.Name == name);
        return index >= 0 && index < task.Outputs.Count ? task.Outputs[index].Location : null;
    }

    private static string Format(object value, Expression e) =>
        e.Format is { } format && value is IFormattable formattable
            ? formattable.ToString(format, CultureInfo.InvariantCulture)
            : ParameterParser.Format(value);
}
