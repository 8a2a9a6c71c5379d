using Loader.Cli.Tests.Infrastructure;
using Loader.Shipped.Tests.Support;

namespace Loader.Shipped.Tests;

/// <summary>Every <c>loader</c> command README.md and docs/student-loader.md show, run as written in a site set up as they say.</summary>
[Trait("Category", "Shipped")]
public sealed class DocumentedCommandsTests : IAsyncLifetime
{
    private readonly ShippedSite _site = new();
    private readonly StudentDump _dump = StudentDump.Generate(12_000, seed: 3);

    public Task InitializeAsync() => _site.InitializeAsync();

    public Task DisposeAsync() => _site.DisposeAsync();

    [Fact]
    public async Task Every_command_in_the_readme_succeeds_and_the_example_pipeline_writes_its_outputs()
    {
        var commands = DocumentedCommands.In("README.md");
        Assert.Contains(commands, c => c is ["run", "DailyPipeline", "--interval", "2026-01"]);

        foreach (var command in commands.Where(c => c[0] is not ("download" or "load-students")))
        {
            var result = await _site.RunAsync(command);
            Assert.True(result.ExitCode == 0, $"loader {string.Join(' ', command)}: {result}");
        }
        Assert.Equal(31, Directory.GetFiles(_site.PathOf("data/warehouse/daily_totals"), "part-0.csv", SearchOption.AllDirectories).Length);
    }

    [Fact]
    public async Task The_student_load_guide_commands_load_every_student()
    {
        _site.Serve($"Students/CA_students_{ShippedSite.Today}.zip", _dump.Zip("students.csv"));
        var commands = DocumentedCommands.In("student-loader.md");
        Assert.Contains(commands, c => c is ["download"]);
        Assert.Contains(commands, c => c is ["load-students"]);
        Assert.Contains(commands, c => c is ["load-students", "--dryrun"]);

        foreach (var command in commands)
        {
            var result = await _site.RunAsync(command);
            Assert.True(result.ExitCode == 0, $"loader {string.Join(' ', command)}: {result}");
        }

        var received = _site.Art.Batches.SelectMany(b => b.Ssids).ToList();
        Assert.Equal(_dump.Students.Count, received.Count);
        Assert.True(_dump.Students.SetEquals(received));
    }
}
