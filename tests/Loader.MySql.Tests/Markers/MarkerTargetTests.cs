using Loader.Configuration;
using Loader.MySql.Tests.Support;
using Loader.Steps;
using Loader.Targets;
using Microsoft.Extensions.Configuration;

namespace Loader.MySql.Tests.Markers;

[Collection(MariaDbCollection.Name)]
public sealed class MarkerTargetTests(MariaDbServer server)
{
    private static readonly CancellationToken None = CancellationToken.None;

    private MySqlTargetStore Store(SecretMasker? secrets = null) =>
        new(new MySqlConnections(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["mysql:test:credentials"] = server.CredentialsPath,
        }).Build(), secrets));

    private static Target Marker(string database, string table, string key) => new(TargetKind.Marker, $"mysql://test/{database}/{table}", key);

    private async Task InsertMarkersAsync(string database, params (string Key, string Table)[] markers)
    {
        await server.ExecuteAsync($"CREATE DATABASE IF NOT EXISTS `{database}`");
        await using var connection = await server.OpenAsync(database);
        await using var create = new MySqlConnector.MySqlCommand(
            "CREATE TABLE IF NOT EXISTS table_updates (id BIGINT NOT NULL AUTO_INCREMENT, update_id VARCHAR(128) NOT NULL, target_table VARCHAR(128), inserted TIMESTAMP DEFAULT CURRENT_TIMESTAMP, PRIMARY KEY (update_id), KEY id (id))",
            connection);
        await create.ExecuteNonQueryAsync();
        foreach (var (key, table) in markers)
        {
            await using var insert = new MySqlConnector.MySqlCommand("INSERT INTO table_updates (update_id, target_table) VALUES (@k, @t)", connection);
            insert.Parameters.AddWithValue("@k", key);
            insert.Parameters.AddWithValue("@t", $"{database}.{table}");
            await insert.ExecuteNonQueryAsync();
        }
    }

    [Fact]
    public async Task A_marker_exists_when_its_row_names_the_task_and_the_table()
    {
        var database = server.NewDatabaseName("markers");
        await InsertMarkersAsync(database, ("Load_aaa", "results"), ("Load_bbb", "other"));

        var existing = await Store().WhichExistAsync(
            [Marker(database, "results", "Load_aaa"), Marker(database, "results", "Load_bbb"), Marker(database, "results", "Load_ccc")], None);

        Assert.Equal([Marker(database, "results", "Load_aaa")], existing);
    }

    [Fact]
    public async Task Nothing_exists_before_the_database_or_its_marker_table_does()
    {
        var missingDatabase = server.NewDatabaseName("nodb");
        var noMarkerTable = server.NewDatabaseName("notable");
        await server.ExecuteAsync($"CREATE DATABASE `{noMarkerTable}`");

        var existing = await Store().WhichExistAsync([Marker(missingDatabase, "t", "Load_1"), Marker(noMarkerTable, "t", "Load_1")], None);

        Assert.Empty(existing);
    }

    [Fact]
    public async Task Thousands_of_markers_are_answered_in_bulk()
    {
        var database = server.NewDatabaseName("bulk");
        await InsertMarkersAsync(database, Enumerable.Range(0, 2_500).Where(i => i % 3 != 0).Select(i => ($"Day_{i:D5}", "daily")).ToArray());
        var targets = Enumerable.Range(0, 2_500).Select(i => Marker(database, "daily", $"Day_{i:D5}")).ToList();

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var existing = await Store().WhichExistAsync(targets, None);
        clock.Stop();

        Assert.Equal(targets.Where((_, i) => i % 3 != 0).ToHashSet(), existing.ToHashSet());
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"2,500 markers took {clock.Elapsed}");
    }

    [Fact]
    public async Task Committing_checks_that_the_step_wrote_the_marker_row()
    {
        var database = server.NewDatabaseName("commit");
        await InsertMarkersAsync(database, ("Load_written", "results"));
        var store = Store();

        await store.CommitAsync(Marker(database, "results", "Load_written"), "", "{}", None);
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => store.CommitAsync(Marker(database, "results", "Noop_unwritten"), "", "{}", None));

        Assert.Contains("wrote no marker row", error.Message);
    }

    [Fact]
    public async Task A_mysql_output_that_is_not_a_marker_or_a_malformed_url_is_a_clear_error()
    {
        var store = Store();

        var notMarker = await Assert.ThrowsAsync<FormatException>(() => store.WhichExistAsync([new Target(TargetKind.File, "mysql://test/db/t", "K_1")], None));
        var malformed = await Assert.ThrowsAsync<FormatException>(() => store.WhichExistAsync([new Target(TargetKind.Marker, "mysql://test/db", "K_1")], None));
        var badName = await Assert.ThrowsAsync<FormatException>(() => store.WhichExistAsync([new Target(TargetKind.Marker, "mysql://test/db/t;drop", "K_1")], None));

        Assert.Contains("{marker: \"mysql://test/db/t\"}", notMarker.Message);
        Assert.Contains("mysql://CONNECTION/DATABASE/TABLE", malformed.Message);
        Assert.Contains("'t;drop'", badName.Message);
    }

    [Fact]
    public async Task An_unconfigured_connection_says_what_to_add()
    {
        var error = await Assert.ThrowsAsync<ConfigurationException>(() => Store().WhichExistAsync([new Target(TargetKind.Marker, "mysql://elsewhere/db/t", "K_1")], None));

        Assert.Contains("mysql: {elsewhere: {credentials: PATH}}", error.Message);
    }

    [Fact]
    public async Task The_connection_password_becomes_a_secret_to_mask()
    {
        var secrets = new SecretMasker();

        await Store(secrets).WhichExistAsync([Marker(server.NewDatabaseName("secret"), "t", "K_1")], None);

        Assert.Equal("login *** refused", secrets.Mask($"login {MariaDbServer.Password} refused"));
    }
}
