using Loader.MySql.Tests.Support;
using Loader.Steps;
using Loader.Targets;
using Microsoft.Extensions.Configuration;
using Loader.Tests.Shared;

namespace Loader.MySql.Tests.S3;

/// <summary>Credentials files and load sources given as <c>s3://</c> URLs, read from a real s3rver.</summary>
[Collection(MariaDbCollection.Name)]
public sealed class S3FilesTests(MariaDbServer server, S3rver s3) : IClassFixture<S3rver>
{
    private const string Tiny = """
        workflow: Tiny
        tasks:
          Touch:
            uses: shell
            with: {command: "echo done > \"${outputs.out}\""}
            outputs: {out: out/touched.txt}
        """;

    [Fact]
    public async Task A_connection_whose_credentials_file_is_on_s3_finds_its_markers_and_masks_the_password()
    {
        var url = await s3.PutAsync("secrets/mysql.json", await File.ReadAllTextAsync(server.CredentialsPath));
        var database = server.NewDatabaseName("s3creds");
        await server.ExecuteAsync($"CREATE DATABASE `{database}`");
        await server.ExecuteAsync($"CREATE TABLE `{database}`.table_updates (update_id VARCHAR(128) NOT NULL PRIMARY KEY, target_table VARCHAR(128), inserted TIMESTAMP DEFAULT CURRENT_TIMESTAMP)");
        await server.ExecuteAsync($"INSERT INTO `{database}`.table_updates (update_id, target_table) VALUES ('Load_aaa', '{database}.results')");
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(s3.ConfigurationKeys)
            .AddInMemoryCollection(new Dictionary<string, string?> { ["mysql:test:credentials"] = url })
            .Build();
        var secrets = new SecretMasker();
        var store = new MySqlTargetStore(new MySqlConnections(configuration, secrets, s3.Files()));
        Target Marker(string key) => new(TargetKind.Marker, $"mysql://test/{database}/results", key);

        var existing = await store.WhichExistAsync([Marker("Load_aaa"), Marker("Load_bbb")], CancellationToken.None);

        Assert.Equal([Marker("Load_aaa")], existing);
        Assert.DoesNotContain(MariaDbServer.Password, secrets.Mask($"login {MariaDbServer.Password}"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task State_mysql_given_as_an_s3_url_keeps_the_runs_in_that_database()
    {
        var url = await s3.PutAsync("state/mysql.json", await File.ReadAllTextAsync(server.CredentialsPath));
        var state = server.NewDatabaseName("s3state");
        using var folder = new ProjectFolder(server, server.NewDatabaseName("unused"), $"  mysql: {url}\n  database: {state}\n{s3.Yaml}")
            .Workflow("tiny.yml", Tiny);

        var run = await folder.RunAsync("run", "Tiny");

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Equal(1, await server.ScalarAsync<long>($"SELECT COUNT(*) FROM `{state}`.runs WHERE workflow = 'Tiny' AND status = 'succeeded'"));
    }

    [Fact]
    public async Task Mysql_load_from_an_s3_tsv_loads_its_rows_and_deletes_the_download()
    {
        var url = await s3.PutAsync("exports/rows.tsv", "1\tann\t2026-01-01\n2\tbob\t2026-01-02\n3\t\\N\t2026-01-03\n");
        await using var project = new EngineProject(server, server.NewDatabaseName("s3load"), s3.Files()).Workflow($$"""
            workflow: FromS3
            tasks:
              Load:
                uses: mysql.load
                with:
                  source: {{url}}
                  columns: {id: INT NOT NULL, name: VARCHAR(64), day: DATE}
                  keys: [PRIMARY KEY (id)]
                outputs:
                  marker: {marker: "mysql://test/DB/results"}
            """);

        (await project.RunAsync("FromS3")).Succeeded();

        Assert.Equal(3, await project.CountAsync("results"));
        Assert.Equal(1, await project.CountAsync("results", "name IS NULL"));
        Assert.Single(await project.MarkersAsync());
        Assert.Empty(Directory.GetFiles(project.Root, "*.download", SearchOption.AllDirectories));
    }
}
