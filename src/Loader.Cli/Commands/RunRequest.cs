using Loader.Planning;

namespace Loader.Cli.Commands;

/// <summary>What to run: a workflow, its arguments, and how.</summary>
/// <param name="Workflow">The workflow's name.</param>
/// <param name="Arguments">Parameter values by name (<c>interval</c>, <c>Family-param</c>).</param>
/// <param name="Forced">The families or instances rerun even when complete (<c>--force</c>, <c>--force-downstream</c>).</param>
/// <param name="Until">Families to stop at; empty for the whole workflow.</param>
/// <param name="PlanOnly">Print the plan and run nothing.</param>
/// <param name="Workers">Tasks at once; 0 for the configured number.</param>
/// <param name="WaitForOthers">Wait for tasks another runner holds.</param>
/// <param name="Here">Run on this machine even when the workflow says <c>runs_on: ssh</c>.</param>
internal sealed record RunRequest(
    string Workflow,
    IReadOnlyDictionary<string, string> Arguments,
    IReadOnlyList<ForceSpec> Forced,
    IReadOnlyList<string> Until,
    bool PlanOnly,
    int Workers,
    bool WaitForOthers,
    bool Here = false);
