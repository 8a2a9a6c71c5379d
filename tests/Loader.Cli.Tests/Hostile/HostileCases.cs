namespace Loader.Cli.Tests.Hostile;

/// <summary>
/// A table of <see cref="HostileCase"/>s keyed by name, and the names as theory data: each case is one counted test
/// row (<c>[MemberData]</c> of the names, then <c>cases[name].AssertAsync()</c>).
/// </summary>
internal sealed class HostileCases : IEnumerable<HostileCase>
{
    private readonly Dictionary<string, HostileCase> _cases = new(StringComparer.Ordinal);

    /// <summary>The case named <paramref name="name"/>.</summary>
    public HostileCase this[string name] => _cases[name];

    /// <summary>The case names, one theory row each.</summary>
    public TheoryData<string> Names => new(_cases.Keys);

    /// <summary>Adds <paramref name="hostileCase"/>; names must be unique, as they identify the rows.</summary>
    public void Add(HostileCase hostileCase) => _cases.Add(hostileCase.Name, hostileCase);

    /// <inheritdoc />
    public IEnumerator<HostileCase> GetEnumerator() => _cases.Values.GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
