using System.CommandLine;
using System.Text;
using Loader.Cli.Completion;
using Loader.Cli.Hosting;
using Loader.Cli.Output;
using Loader.Reporting;
using Loader.Tasks;
using Loader.Workflows;

namespace Loader.Cli.Commands;

/// <summary>
/// <c>loader graph W --format text|dot|mermaid</c>: a static dump of a workflow's task graph, no server needed. Given
/// workflow parameters as <c>loader run</c> takes them, the tree of task instances they need instead, each complete or
/// pending, as Luigi's <c>deps_tree</c> prints it.
/// </summary>
internal static class GraphCommand
{
    public static Command Create(GlobalOptions global)
    {
        var name = WorkflowArgument.Create(global, "The workflow to draw");
        var format = new Option<string>("--format")
        {
            Description = "text, dot (Graphviz) or mermaid",
            DefaultValueFactory = _ => "text",
        };
        format.AcceptOnlyFromAmong("text", "dot", "mermaid");
        var instances = new Option<bool>("--instances")
        {
            Description = "Draw the task instances with their state even when no workflow parameter is given (defaults apply)",
        };
        var expand = new Option<bool>("--expand") { Description = "Draw every task instance on its own line, not runs of days as one" };
        var command = new Command("graph",
            "Print a workflow's task graph as text, Graphviz dot or Mermaid. Given workflow parameters (--name value, as "
            + "'loader run' takes them), print the tree of task instances they need, each complete or pending.")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        command.Arguments.Add(name);
        command.Options.Add(format);
        command.Options.Add(instances);
        command.Options.Add(expand);
        command.SetAction(async (parse, _) => await CommandGuard.RunAsync(parse.GetValue(global.Verbose), async () =>
        {
            var host = LoaderHost.Create(parse, global);
            var arguments = WorkflowArguments.Parse(parse.UnmatchedTokens);
            if (arguments.Count > 0 || parse.GetValue(instances) || parse.GetValue(expand))
            {
                if (parse.GetValue(format) != "text")
                {
                    throw new ArgumentException($"--format {parse.GetValue(format)} draws a workflow's tasks, not their instances: "
                        + "leave out the workflow parameters for it, or print the instances as text or with --output json");
                }
                return await InstancesAsync(host, parse.GetValue(name)!, arguments, parse.GetValue(expand));
            }
            var workflow = host.LoadWorkflows().Get(parse.GetValue(name)!);
            Console.Out.Write(parse.GetValue(format) switch
            {
                "dot" => Dot(workflow),
                "mermaid" => Mermaid(workflow),
                _ => Text(workflow),
            });
            return 0;
        }));
        return command;
    }

    private static async Task<int> InstancesAsync(LoaderHost host, string workflow, IReadOnlyDictionary<string, string> arguments, bool expand)
    {
        var graph = new GraphBinder(host.LoadWorkflows(), host.Configuration, host.Parameters, host.Steps.ConfigSections).Bind(workflow, arguments);
        foreach (var secret in graph.SecretValues())
        {
            host.Configuration.Secrets.Add(secret);
        }
        foreach (var warning in graph.Warnings)
        {
            await Console.Error.WriteLineAsync($"warning: {warning}");
        }
        using var cancellation = new Cancellation();
        var tree = await DependencyTree.BuildAsync(graph, host.Targets, expand, cancellation.Token);
        DependencyTreePrinter.Print(graph, tree, host.Output, host.Configuration.Secrets);
        return 0;
    }

    private static string Label(TaskDefinition task) => (task.PerDay, task.PerHour) switch
    {
        ({ } days, _) => $"{task.Family} (per day of {days})",
        (_, { } hours) => $"{task.Family} (per hour of {hours})",
        _ => task.Family,
    };

    private static string Node(Requirement requirement) => requirement switch
    {
        TaskRequirement t => t.Family,
        WorkflowRequirement w => "workflow_" + w.Workflow,
        _ => "?",
    };

    internal static string Text(WorkflowDefinition workflow)
    {
        var text = new StringBuilder($"{workflow.Name}\n");
        var printed = new HashSet<string>();
        foreach (var goal in workflow.Goals())
        {
            Walk(goal, "", true);
        }
        return text.ToString();

        void Walk(TaskDefinition task, string indent, bool last)
        {
            var again = !printed.Add(task.Family);
            text.Append(indent).Append(last ? "└── " : "├── ").Append(Label(task)).Append(again && task.Requires.Count > 0 ? " (see above)" : "").Append('\n');
            if (again)
            {
                return;
            }
            var childIndent = indent + (last ? "    " : "│   ");
            for (var i = 0; i < task.Requires.Count; i++)
            {
                var isLast = i == task.Requires.Count - 1;
                switch (task.Requires[i])
                {
                    case TaskRequirement t:
                        Walk(workflow.Task(t.Family)!, childIndent, isLast);
                        break;
                    case WorkflowRequirement w:
                        text.Append(childIndent).Append(isLast ? "└── " : "├── ").Append($"workflow {w.Workflow}\n");
                        break;
                }
            }
        }
    }

    internal static string Dot(WorkflowDefinition workflow)
    {
        var text = new StringBuilder($"digraph \"{workflow.Name}\" {{\n  rankdir=LR;\n  node [shape=box];\n");
        foreach (var task in workflow.Tasks)
        {
            text.Append($"  \"{task.Family}\" [label=\"{Label(task)}\\n{task.Uses}\"];\n");
            foreach (var requirement in task.Requires)
            {
                if (requirement is WorkflowRequirement w)
                {
                    text.Append($"  \"{Node(w)}\" [label=\"workflow {w.Workflow}\", shape=folder];\n");
                }
                text.Append($"  \"{Node(requirement)}\" -> \"{task.Family}\";\n");
            }
        }
        return text.Append("}\n").ToString();
    }

    internal static string Mermaid(WorkflowDefinition workflow)
    {
        var text = new StringBuilder("flowchart LR\n");
        foreach (var task in workflow.Tasks)
        {
            text.Append($"  {task.Family}[\"{Label(task)}<br/>{task.Uses}\"]\n");
            foreach (var requirement in task.Requires)
            {
                if (requirement is WorkflowRequirement w)
                {
                    text.Append($"  {Node(w)}[/\"workflow {w.Workflow}\"/]\n");
                }
                text.Append($"  {Node(requirement)} --> {task.Family}\n");
            }
        }
        return text.ToString();
    }
}
