using System.Runtime.CompilerServices;
using System.Text.Json;
using Json.Schema;

namespace Loader.Engine.Tests.Schema;

/// <summary>The editor schema <c>schema/workflow.schema.json</c>, built once, and the repository it lives in.</summary>
internal static class WorkflowSchema
{
    private static readonly Lazy<JsonSchema> Built = new(() => JsonSchema.FromText(File.ReadAllText(FilePath)));

    /// <summary>The repository's root: the first folder above the test assembly that holds <c>Loader.sln</c>.</summary>
    public static string RepositoryRoot { get; } = FindRoot();

    /// <summary>Where the schema file is.</summary>
    public static string FilePath => Path.Combine(RepositoryRoot, "schema", "workflow.schema.json");

    /// <summary>The schema's text, parsed.</summary>
    public static JsonElement Document => JsonDocument.Parse(File.ReadAllText(FilePath)).RootElement;

    /// <summary>Every error the schema finds in <paramref name="instance"/>, as "location: message"; empty when valid.</summary>
    public static IReadOnlyList<string> Errors(JsonElement instance) => ErrorsOf(Built.Value, instance);

    /// <summary>Every error <paramref name="schema"/> finds in <paramref name="instance"/>.</summary>
    public static IReadOnlyList<string> ErrorsOf(JsonSchema schema, JsonElement instance)
    {
        var results = schema.Evaluate(instance, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (results.IsValid)
        {
            return [];
        }
        var errors = (results.Details ?? [])
            .Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Values.Select(message => $"{d.InstanceLocation}: {message}"))
            .ToList();
        return errors.Count > 0 ? errors : ["invalid"];
    }

    // The assembly folder comes first; with --artifacts-path outside the repository it holds no Loader.sln,
    // so the folder of this source file (recorded at compile time) and the current folder are tried next.
    private static string FindRoot([CallerFilePath] string sourceFile = "")
    {
        string?[] starts = [AppContext.BaseDirectory, Path.GetDirectoryName(sourceFile), Environment.CurrentDirectory];
        foreach (var start in starts.OfType<string>().Where(s => s.Length > 0))
        {
            for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
            {
                if (File.Exists(Path.Combine(folder.FullName, "Loader.sln")))
                {
                    return folder.FullName;
                }
            }
        }
        throw new InvalidOperationException($"no folder above {AppContext.BaseDirectory} or {sourceFile} holds Loader.sln");
    }
}
