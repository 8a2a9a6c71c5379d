using Loader.Steps;

namespace Loader.Cli.Hosting;

/// <summary>Every step type the command line offers.</summary>
internal static class StepCatalog
{
    public static StepRegistry Create() => StepRegistry.WithBuiltIns();
}
