using Loader.MySql.Tests.Support;
using Loader.State;
using Loader.Tests.Shared.StateStoreContract;
using MySqlConnector;

namespace Loader.MySql.Tests.State;

/// <summary>
/// The fire contract, against MySQL stores sharing a database of the test's own, and a database made before fires
/// were kept gaining their table.
/// </summary>
[Collection(MariaDbCollection.Name)]
public sealed class FireTests(MariaDbServer server) : FireContract, IAsyncLifetime
{
    private readonly StateDatabase _database = new(server);

    /// <inheritdoc />
    protected override Task<IStateStore> OpenAsync() => _database.OpenAsync();

    /// <inheritdoc />
    public Task InitializeAsync() => Task.CompletedTask;

    /// <inheritdoc />
    public Task DisposeAsync() => _database.DisposeAsync().AsTask();

    [Fact]
    public async Task A_database_made_before_fires_were_kept_gains_their_table_and_keeps_its_runs()
    {
        var store = await OpenAsync();
        var id = await store.StartRunAsync(new RunStart("before-fires", "", "host:1", Now), None);
        await _database.Server.ExecuteAsync($"DROP TABLE `{_database.Name}`.fires");

        var reopened = await OpenAsync();
        var recorded = await reopened.TryRecordFireAsync(Fire("nightly", Now), None);

        Assert.True(recorded);
        Assert.NotNull(await reopened.GetRunAsync(id, None));
        Assert.Equal(Now.ToUnixTimeMilliseconds(), await _database.Server.ScalarAsync<long>($"SELECT fire_time FROM `{_database.Name}`.fires"));
    }

    [Fact]
    public async Task A_schedule_name_too_long_for_its_column_fails_instead_of_being_cut()
    {
        var store = await OpenAsync();

        var failure = await Assert.ThrowsAsync<MySqlException>(() => store.TryRecordFireAsync(Fire(new string('s', 256), Now), None));

        Assert.Equal(MySqlErrorCode.DataTooLong, failure.ErrorCode);
        Assert.Empty(await store.ListFiresAsync(null, 10, None));
    }
}
