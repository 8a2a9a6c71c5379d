using Loader.Steps;

namespace Loader.Studio.Tests.Infrastructure;

/// <summary>A step with a <c>secret</c> input, for the inspector to show masked.</summary>
internal sealed class SignInStep : IStep
{
    public StepDescriptor Descriptor { get; } = new("sign-in", "Signs in with a password.", [new StepInput("password", "secret", true, null, "The password.")]);

    public Task RunAsync(StepContext context, CancellationToken cancellationToken) => Task.CompletedTask;
}
