using Loader.Parameters;
using Loader.Steps;

namespace Loader.Workflows;

/// <summary>Every workflow file under the given paths, read and checked together (task names are unique across them).</summary>
public sealed class WorkflowCatalog
{
    private WorkflowCatalog(IReadOnlyList<WorkflowDefinition> workflows, IReadOnlyList<string> files, IReadOnlyList<string> skipped, IReadOnlyList<Diagnostic> problems)
    {
        Workflows = workflows;
        Files = files;
        Skipped = skipped;
        Problems = problems;
    }

    /// <summary>The workflows that could be read.</summary>
    public IReadOnlyList<WorkflowDefinition> Workflows { get; }

    /// <summary>Every workflow file found.</summary>
    public IReadOnlyList<string> Files { get; }

    /// <summary>Why each file in a scanned folder that looked like a workflow file was not read (hidden, an editor backup, a FIFO...).</summary>
    public IReadOnlyList<string> Skipped { get; }

    /// <summary>Every problem found, in file order.</summary>
    public IReadOnlyList<Diagnostic> Problems { get; }

    /// <summary>
    /// Reads every <c>*.yml</c> and <c>*.yaml</c> file in the given files and folders (recursively, skipping what
    /// <see cref="WorkflowFileScan"/> skips) and checks them.
    /// </summary>
    public static WorkflowCatalog Load(IEnumerable<string> paths, StepRegistry steps)
    {
        var files = new List<string>();
        var skipped = new List<string>();
        var problems = new List<Diagnostic>();
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                var scan = WorkflowFileScan.Scan(path);
                files.AddRange(scan.Files);
                skipped.AddRange(scan.Skipped);
            }
            else if (File.Exists(path) && !FileKind.IsRegularFile(path))
            {
                problems.Add(new Diagnostic(new SourceSpan(path, 0, 0), "not a regular file (a dangling symlink, a FIFO, a socket or a device): give a workflow file"));
            }
            else if (File.Exists(path))
            {
                files.Add(path);
            }
            else
            {
                problems.Add(new Diagnostic(new SourceSpan(path, 0, 0), "no such file or folder"));
            }
        }
        var workflows = new List<WorkflowDefinition>();
        foreach (var file in files)
        {
            try
            {
                workflows.Add(WorkflowFileReader.ReadFile(file, Path.GetRelativePath(Environment.CurrentDirectory, file)));
            }
            catch (WorkflowException e)
            {
                problems.AddRange(e.Diagnostics);
            }
        }
        problems.AddRange(new WorkflowValidator(workflows, steps).Validate());
        return new WorkflowCatalog(workflows, files, skipped, problems);
    }

    /// <summary>Throws <see cref="WorkflowException"/> when any file has a problem.</summary>
    public void ThrowIfInvalid()
    {
        if (Problems.Count > 0)
        {
            throw new WorkflowException(Problems);
        }
    }

    /// <summary>The workflow named <paramref name="name"/>; a clear error naming the known ones when there is none.</summary>
    public WorkflowDefinition Get(string name) =>
        Find(name) ?? throw new WorkflowException(SourceSpan.None,
            $"unknown workflow '{name}': known workflows are {string.Join(", ", Workflows.Select(w => w.Name).Order(StringComparer.Ordinal))}");

    /// <summary>The workflow named <paramref name="name"/>, or null.</summary>
    public WorkflowDefinition? Find(string name) => Workflows.FirstOrDefault(w => w.Name == name);

    /// <summary>The task named <paramref name="family"/> in any workflow, or null.</summary>
    public TaskDefinition? FindTask(string family) =>
        Workflows.SelectMany(w => w.Tasks).FirstOrDefault(t => t.Family == family);

    /// <summary>
    /// The configuration keys that set a <c>secret: true</c> parameter: <c>Workflow:param</c>, and <c>Family:param</c>
    /// for each task of its workflow. Compared without regard to case, as configuration keys are.
    /// </summary>
    public IReadOnlySet<string> SecretParameterKeys() =>
        Workflows
            .SelectMany(w => w.Parameters.Where(p => p.Secret)
                .SelectMany(p => w.Tasks.Select(t => t.Family).Prepend(w.Name).Select(section => $"{section}:{p.Name}")))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// What a <c>--name</c> argument of a request for <paramref name="workflow"/> sets: <c>--Family-param</c> a
    /// parameter of one task (the longest family that prefixes the name), otherwise <c>--param</c> one of the
    /// workflow's. Dashes and underscores in parameter names are the same.
    /// </summary>
    public ParameterArgument Resolve(WorkflowDefinition workflow, string name)
    {
        var family = Workflows.SelectMany(w => w.Tasks)
            .Select(t => t.Family)
            .Where(f => name.StartsWith(f + "-", StringComparison.Ordinal))
            .MaxBy(f => f.Length);
        if (family is null)
        {
            var own = name.Replace('-', '_');
            return new ParameterArgument(null, own, workflow.Parameter(own));
        }
        var parameter = name[(family.Length + 1)..].Replace('-', '_');
        return new ParameterArgument(family, parameter, Find(FindTask(family)!.Workflow)?.Parameter(parameter));
    }
}

/// <summary>What one <c>--name value</c> argument sets.</summary>
/// <param name="Family">The task it is for, or null for the requested workflow itself.</param>
/// <param name="Parameter">The parameter's name.</param>
/// <param name="Spec">The parameter, or null when there is none of that name.</param>
public sealed record ParameterArgument(string? Family, string Parameter, ParameterSpec? Spec)
{
    /// <summary>
    /// The value of a <c>--name</c> given without one: true for a boolean parameter, an error for any other. A NUL
    /// character, which no command-line argument can hold.
    /// </summary>
    public const string NoValue = "\0";
}
