using Loader.Engine.Tests.TestSupport;
using Loader.Running;
using Loader.Steps;

namespace Loader.Engine.Tests.Running;

public sealed class SecretInputTests : IAsyncDisposable
{
    private readonly RunHarness _harness = new();

    public async ValueTask DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task A_secret_input_written_in_the_workflow_is_masked_in_the_failure_and_the_log()
    {
        _harness.Sandbox.Steps.Add(new LoginStep());
        _harness.Sandbox.WriteWorkflow("w.yml", """
            workflow: W
            tasks:
              Login:
                uses: login
                retry: {attempts: 1}
                with: {password: plain-text-pw}
                outputs: {out: "${config.data_dir}/login.done"}
            """);

        var result = await _harness.RunAsync("W");

        var reason = Assert.Single(result.Outcomes).Value.Reason;
        Assert.Equal("refused password ***", reason);
        var log = Assert.Single(Directory.GetFiles(_harness.Sandbox.PathOf("logs"), "*.log", SearchOption.AllDirectories));
        Assert.Equal("logging in with ***", File.ReadAllText(log).Trim().Split('\n')[0].Split("] ").Last().Trim());
    }

    private sealed class LoginStep : IStep
    {
        public StepDescriptor Descriptor { get; } = new("login", "Fails, naming its password.", [new StepInput("password", "secret", true, null, "The password.")]);

        public Task RunAsync(StepContext context, CancellationToken cancellationToken)
        {
            context.Log.Line($"logging in with {context.RequiredText("password")}");
            throw new StepFailedException($"refused password {context.RequiredText("password")}");
        }
    }
}
