using Loader.Parameters;
using Loader.Targets;
using Loader.Workflows;

namespace Loader.Tasks;

/// <summary>One task bound to parameter values: one node of the graph a run plans and executes.</summary>
public sealed class TaskInstance
{
    internal TaskInstance(
        TaskId id, TaskDefinition definition, WorkflowBinding binding, DateOnly? date, IReadOnlyDictionary<string, object> parameters, IReadOnlySet<string> secretParameters)
    {
        SecretParameters = secretParameters;
        Id = id;
        Definition = definition;
        Binding = binding;
        Date = date;
        Parameters = parameters;
    }

    /// <summary>The instance's identity.</summary>
    public TaskId Id { get; }

    /// <summary>The task as written.</summary>
    public TaskDefinition Definition { get; }

    /// <summary>The workflow and parameter values this instance belongs to.</summary>
    public WorkflowBinding Binding { get; }

    /// <summary>The day of a per-day instance, else null.</summary>
    public DateOnly? Date { get; }

    /// <summary>Every parameter value the task sees (significant or not), typed.</summary>
    public IReadOnlyDictionary<string, object> Parameters { get; }

    /// <summary>The parameters whose values are secret here: never part of the identity, masked wherever text is shown.</summary>
    public IReadOnlySet<string> SecretParameters { get; }

    /// <summary>What must be complete before this instance runs.</summary>
    public IReadOnlyList<TaskInstance> Requires { get; internal set; } = [];

    /// <summary>The outputs, in the order declared.</summary>
    public IReadOnlyList<Target> Outputs { get; internal set; } = [];

    /// <summary>Position in the graph's dependency order: every requirement has a smaller one.</summary>
    public int Order { get; internal set; }

    /// <summary>How many of the interval's last days are recomputed for this instance's task, 0 when none.</summary>
    public int OverwriteNDays { get; internal set; }

    /// <summary>How many of the interval's last hours are recomputed for this instance's task, 0 when none.</summary>
    public int OverwriteNHours { get; internal set; }

    /// <summary>The interval a per-day or per-hour instance was fanned out over.</summary>
    public DateInterval? Interval { get; internal set; }

    /// <summary>The hour (UTC) of a per-hour instance, else null.</summary>
    public Hour? Hour { get; internal set; }

    /// <summary>The task's family.</summary>
    public string Family => Definition.Family;

    /// <inheritdoc />
    public override string ToString() => Id.Text;
}
