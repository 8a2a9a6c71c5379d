using Loader.Engine.Tests.TestSupport;
using Loader.Steps;
using Loader.Workflows;

namespace Loader.Engine.Tests.Workflows;

public sealed class WorkflowCatalogTests : IDisposable
{
    private readonly Sandbox _sandbox = new();

    public void Dispose() => _sandbox.Dispose();

    [Fact]
    public void The_example_daily_pipeline_is_valid()
    {
        var catalog = WorkflowCatalog.Load([Repository.PathOf("workflows", "examples", "daily-pipeline.yml")], StepRegistry.WithBuiltIns());

        Assert.Empty(catalog.Problems);
        var workflow = catalog.Get("DailyPipeline");
        Assert.Equal(["Extract", "Transform", "Load", "Report"], workflow.Tasks.Select(t => t.Family));
        Assert.Equal(["Report"], workflow.Goals().Select(t => t.Family));
    }

    [Fact]
    public void A_folder_is_read_recursively_for_yml_and_yaml_files_only()
    {
        _sandbox.WriteWorkflow("a.yml", "workflow: A\ntasks:\n  TaskA: {uses: noop}\n");
        _sandbox.WriteWorkflow("nested/b.yaml", "workflow: B\ntasks:\n  TaskB: {uses: noop}\n");
        _sandbox.WriteWorkflow("notes.txt", "not a workflow");

        var catalog = _sandbox.ValidCatalog();

        Assert.Equal(["A", "B"], catalog.Workflows.Select(w => w.Name).Order(StringComparer.Ordinal));
        Assert.Equal(2, catalog.Files.Count);
        Assert.Equal("B", catalog.FindTask("TaskB")!.Workflow);
        Assert.Null(catalog.FindTask("TaskC"));
    }

    [Fact]
    public void A_path_that_does_not_exist_is_a_problem()
    {
        var missing = _sandbox.PathOf("nowhere");

        var catalog = WorkflowCatalog.Load([missing], StepRegistry.WithBuiltIns());

        var problem = Assert.Single(catalog.Problems);
        Assert.Equal($"{missing}: no such file or folder", problem.ToString());
    }

    [Fact]
    public void Problems_of_every_file_are_collected_and_ThrowIfInvalid_lists_them()
    {
        _sandbox.WriteWorkflow("a.yml", "workflow: A\ntasks:\n  TaskA: {uses: nope}\n");
        _sandbox.WriteWorkflow("b.yml", "workflow: B\ntasks:\n  TaskB: {uses: noop, colour: red}\n");

        var catalog = _sandbox.Catalog();

        Assert.Equal(2, catalog.Problems.Count);
        var error = Assert.Throws<WorkflowException>(catalog.ThrowIfInvalid);
        Assert.Equal(2, error.Diagnostics.Count);
        Assert.Contains("a.yml:3:3: task 'TaskA': unknown step type 'nope'", error.Message);
        Assert.Contains("b.yml:3:23: unknown key 'colour' in task 'TaskB'", error.Message);
    }

    [Fact]
    public void A_readable_workflow_stays_in_the_catalog_when_another_file_is_broken()
    {
        _sandbox.WriteWorkflow("good.yml", "workflow: Good\ntasks:\n  G: {uses: noop}\n");
        _sandbox.WriteWorkflow("bad.yml", "workflow: Bad\ntasks: [\n");

        var catalog = _sandbox.Catalog();

        Assert.NotNull(catalog.Find("Good"));
        Assert.Null(catalog.Find("Bad"));
        Assert.Contains(catalog.Problems, p => p.Span.File.EndsWith("bad.yml", StringComparison.Ordinal) && p.Message.StartsWith("malformed YAML", StringComparison.Ordinal));
    }

    [Fact]
    public void Get_of_an_unknown_workflow_names_the_known_ones()
    {
        _sandbox.WriteWorkflow("b.yml", "workflow: Beta\ntasks:\n  B: {uses: noop}\n");
        _sandbox.WriteWorkflow("a.yml", "workflow: Alpha\ntasks:\n  A: {uses: noop}\n");

        var error = Assert.Throws<WorkflowException>(() => _sandbox.ValidCatalog().Get("Gamma"));

        Assert.Equal("unknown workflow 'Gamma': known workflows are Alpha, Beta", error.Message);
    }
}
