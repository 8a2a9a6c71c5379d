using Microsoft.Data.Sqlite;

namespace Loader.State.Sqlite.Tests;

public sealed class SchemaTests(StoreFolder folder) : IClassFixture<StoreFolder>
{
    private static readonly CancellationToken None = CancellationToken.None;

    private async Task<object?> QueryAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={folder.DatabasePath};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }

    [Fact]
    public async Task The_store_creates_its_folder_and_puts_the_file_in_wal_mode()
    {
        await folder.OpenAsync();

        Assert.True(File.Exists(folder.DatabasePath));
        Assert.Equal("wal", await QueryAsync("PRAGMA journal_mode;"));
    }

    [Fact]
    public async Task Initializing_twice_keeps_the_data()
    {
        var store = await folder.OpenAsync();
        var id = await store.StartRunAsync(new RunStart("kept", "", "host:1", StoreFolder.Now), None);

        await store.InitializeAsync(None);

        Assert.NotNull(await store.GetRunAsync(id, None));
    }

    [Fact]
    public async Task Times_are_unix_milliseconds_and_statuses_lowercase_text()
    {
        var store = await folder.OpenAsync();
        var id = await store.StartRunAsync(new RunStart("stored-form", "", "host:1", StoreFolder.Now), None);
        await store.RecordAttemptsAsync(
            [new AttemptRecord(id, "Form_1", "Form", "Form", 1, AttemptStatus.Cancelled, StoreFolder.Now, StoreFolder.Now.AddSeconds(1), null, null)], None);

        Assert.Equal(StoreFolder.Now.ToUnixTimeMilliseconds(), await QueryAsync($"SELECT started FROM runs WHERE id = {id};"));
        Assert.Equal("running", await QueryAsync($"SELECT status FROM runs WHERE id = {id};"));
        Assert.Equal("cancelled", await QueryAsync($"SELECT status FROM attempts WHERE run_id = {id};"));
        Assert.Equal("integer", await QueryAsync($"SELECT typeof(finished) FROM attempts WHERE run_id = {id};"));
    }

    [Fact]
    public async Task A_file_made_before_fires_were_kept_gains_their_table_and_keeps_its_runs()
    {
        var store = await folder.OpenAsync();
        var id = await store.StartRunAsync(new RunStart("before-fires", "", "host:1", StoreFolder.Now), None);
        await QueryAsync("DROP TABLE fires;");
        Assert.Equal(0L, await QueryAsync("SELECT COUNT(*) FROM sqlite_master WHERE name LIKE 'fires%';"));

        var reopened = await folder.OpenAsync();
        var recorded = await reopened.TryRecordFireAsync(
            new FireRecord("nightly", StoreFolder.Now, "host:1", FireStatus.Queued, null, StoreFolder.Now, StoreFolder.Now, null, null), None);

        Assert.True(recorded);
        Assert.NotNull(await reopened.GetRunAsync(id, None));
        // The table and its indexes: fires_by_time, fires_by_status, fires_by_run.
        Assert.Equal(4L, await QueryAsync("SELECT COUNT(*) FROM sqlite_master WHERE name LIKE 'fires%';"));
    }

    [Fact]
    public async Task A_fire_time_is_stored_as_unix_milliseconds_whatever_its_offset()
    {
        var store = await folder.OpenAsync();
        var fireTime = new DateTimeOffset(2025, 3, 1, 2, 0, 0, TimeSpan.FromHours(-8));

        await store.TryRecordFireAsync(
            new FireRecord("stored-fire", fireTime, "host:1", FireStatus.MissingData, null, fireTime, fireTime, fireTime, null), None);

        Assert.Equal(StoreFolder.Now.AddHours(-2).ToUnixTimeMilliseconds(), await QueryAsync("SELECT fire_time FROM fires WHERE schedule = 'stored-fire';"));
        Assert.Equal("missingdata", await QueryAsync("SELECT status FROM fires WHERE schedule = 'stored-fire';"));
    }
}
