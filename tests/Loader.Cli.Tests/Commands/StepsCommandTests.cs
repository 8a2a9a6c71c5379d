using Loader.Cli.Tests.Infrastructure;

namespace Loader.Cli.Tests.Commands;

/// <summary><c>loader steps</c>: the step types a task can use, with their inputs.</summary>
public sealed class StepsCommandTests
{
    [Fact]
    public async Task Steps_lists_shell_with_its_inputs()
    {
        using var folder = WorkFolder.Create();

        var result = await folder.RunAsync("steps");

        result.ExitsWith(0).Prints("shell: Runs a command").Prints("external:").Prints("noop:");
        var shell = result.Stdout[result.Stdout.IndexOf("shell:", StringComparison.Ordinal)..];
        foreach (var input in new[] { "command", "args", "env", "workdir" })
        {
            Assert.Contains($"│ {input} ", shell, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Steps_as_json_describes_each_input_with_its_type_and_whether_it_is_required()
    {
        using var folder = WorkFolder.Create();

        var steps = (await folder.RunAsync("steps", "--output", "json")).ExitsWith(0).Json();

        var shell = Assert.Single(steps.EnumerateArray(), s => s.GetProperty("name").GetString() == "shell");
        var inputs = shell.GetProperty("inputs").EnumerateArray().ToDictionary(i => i.GetProperty("name").GetString()!);
        Assert.Equal(["command", "args", "env", "workdir"], inputs.Keys);
        Assert.True(inputs["command"].GetProperty("required").GetBoolean());
        Assert.Equal("string", inputs["command"].GetProperty("type").GetString());
        Assert.False(inputs["args"].GetProperty("required").GetBoolean());
        Assert.Equal("list", inputs["args"].GetProperty("type").GetString());
        Assert.Contains(steps.EnumerateArray(), s => s.GetProperty("name").GetString() == "external");
    }
}
