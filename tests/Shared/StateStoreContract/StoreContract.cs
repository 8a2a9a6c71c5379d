using Loader.State;

namespace Loader.Tests.Shared.StateStoreContract;

/// <summary>
/// The base of the tests every <see cref="IStateStore"/> must pass alike: a subclass per store opens the store on
/// storage of its own and disposes what it opened.
/// </summary>
public abstract class StoreContract
{
    /// <summary>The fixed "now" tests measure from, to the millisecond, as the stores keep times.</summary>
    protected static readonly DateTimeOffset Now = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    /// <summary>The token the tests pass: nothing cancels them.</summary>
    protected static readonly CancellationToken None = CancellationToken.None;

    /// <summary>
    /// A store on the test's storage, its tables created. Every call opens another store on the same storage, as
    /// another process would, so writes of one are read by the others.
    /// </summary>
    protected abstract Task<IStateStore> OpenAsync();
}
