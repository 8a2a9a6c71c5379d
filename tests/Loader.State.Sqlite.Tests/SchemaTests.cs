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
}
