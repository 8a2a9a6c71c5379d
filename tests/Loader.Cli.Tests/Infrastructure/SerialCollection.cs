namespace Loader.Cli.Tests.Infrastructure;

/// <summary>
/// Tests that kill, interrupt or race runners and measure what they did: they run alone, so that the other tests'
/// processes do not starve them of the machine's few cores.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SerialCollection
{
    /// <summary>The collection's name, for <c>[Collection]</c>.</summary>
    public const string Name = "Runners that are killed, interrupted or raced";
}
