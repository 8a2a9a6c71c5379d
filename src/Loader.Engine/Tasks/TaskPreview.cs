using Loader.Configuration;
using Loader.Expressions;

namespace Loader.Tasks;

/// <summary>Renders a task's templates as the runner would, before any run: what only a run knows (<c>${run.id}</c>) stays as written.</summary>
public static class TaskPreview
{
    /// <summary>A scope over <paramref name="task"/>'s parameters, configuration and final output locations.</summary>
    public static IExpressionScope Scope(TaskInstance task, DateOnly today, LoaderConfiguration configuration)
    {
        var outputs = task.Definition.Outputs
            .Select((output, i) => (output.Name, task.Outputs[i].Location))
            .ToDictionary(o => o.Name, o => o.Location, StringComparer.Ordinal);
        return new Previewing(new InstanceScope(task.Parameters, task.Date, today, configuration) { Hour = task.Hour, Instance = task, Outputs = outputs });
    }

    private sealed class Previewing(InstanceScope scope) : IExpressionScope
    {
        public string Resolve(Expression expression)
        {
            try
            {
                return scope.Resolve(expression);
            }
            catch (ExpressionException)
            {
                return expression.ToString();
            }
        }
    }
}
