using System.Text;
using Loader.Cli.Hosting;
using Loader.Reporting;
using Loader.Steps;
using Loader.Tasks;

namespace Loader.Cli.Output;

/// <summary>Prints the instance-level dependency tree: as text, one line per instance or run of days with its state; or as JSON.</summary>
internal static class DependencyTreePrinter
{
    public static void Print(TaskGraph graph, IReadOnlyList<TreeNode> tree, OutputFormat format, SecretMasker masker)
    {
        if (format == OutputFormat.Json)
        {
            Json.Print(new
            {
                workflow = graph.Root.Workflow.Name,
                parameters = graph.Root.Workflow.Parameters.ToDictionary(p => p.Name, p => graph.RootValue(p.Name)),
                tasks = tree.Select(Document),
            }, masker);
            return;
        }
        Console.Out.Write(masker.Mask(Text(graph, tree)));
    }

    internal static string Text(TaskGraph graph, IReadOnlyList<TreeNode> tree)
    {
        var text = new StringBuilder(graph.Root.Workflow.Name);
        if (graph.Root.Workflow.Parameters.Count > 0)
        {
            text.Append(' ').Append(graph.DescribeParameters());
        }
        text.Append('\n');
        Draw(tree, "");
        return text.ToString();

        void Draw(IReadOnlyList<TreeNode> lines, string indent)
        {
            for (var i = 0; i < lines.Count; i++)
            {
                var line = lines[i];
                var last = i == lines.Count - 1;
                text.Append(indent).Append(last ? "└── " : "├── ").Append(line.Text)
                    .Append(line.Count > 1 ? $" ×{line.Count}" : "")
                    .Append(line.Complete ? " [COMPLETE]" : " [PENDING]")
                    .Append(line.SeeAbove ? " (see above)" : "")
                    .Append('\n');
                Draw(line.Requires, indent + (last ? "    " : "│   "));
            }
        }
    }

    private static object Document(TreeNode line) => new
    {
        task = line.Text,
        family = line.Family,
        key = line.Key,
        count = line.Count,
        first = line.First,
        last = line.Last,
        state = line.Complete ? "complete" : "pending",
        seeAbove = line.SeeAbove,
        requires = line.Requires.Select(Document),
    };
}
