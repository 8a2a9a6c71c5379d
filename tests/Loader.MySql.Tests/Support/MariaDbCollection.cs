namespace Loader.MySql.Tests.Support;

/// <summary>
/// Every test that needs MariaDB: one server for the run, started once. The tests of the collection run one at a
/// time, which also keeps the loads and the runner processes from starving each other on a small machine.
/// </summary>
[CollectionDefinition(Name)]
public sealed class MariaDbCollection : ICollectionFixture<MariaDbServer>
{
    /// <summary>The collection's name, for <c>[Collection]</c>.</summary>
    public const string Name = "MariaDB";
}
