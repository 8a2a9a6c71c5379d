namespace Loader.Engine.Tests.TestSupport;

/// <summary>Tests that must not share the process with others (they measure its CPU time): run alone, after the rest.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AloneCollection
{
    /// <summary>The collection's name.</summary>
    public const string Name = "Alone";
}
