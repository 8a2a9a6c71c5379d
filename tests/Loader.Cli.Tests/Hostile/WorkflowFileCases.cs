namespace Loader.Cli.Tests.Hostile;

/// <summary>Hostile workflow files and workflow folders: each is refused (or skipped) with a message naming the file, line or name.</summary>
public sealed class WorkflowFileCases
{
    private static readonly HostileCases Cases = new()
    {
        new HostileCase("malformed YAML names its file, line and column")
            .WithWorkflow("broken.yml", "workflow: Broken\ntasks:\n  A:\n    uses: shell\n   with: {command: \"true\"}\n")
            .Says("workflows/broken.yml:5:4", "malformed YAML"),
    };

    /// <summary>The case names, one test row each.</summary>
    public static TheoryData<string> Names => Cases.Names;

    [Theory]
    [MemberData(nameof(Names))]
    public Task Loader_refuses_the_hostile_workflow_file_clearly(string name) => Cases[name].AssertAsync();
}
