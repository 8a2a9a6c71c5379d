using Loader.Cli.Tests.Commands;
using Loader.Cli.Tests.Infrastructure;

namespace Loader.Cli.Tests.Service;

/// <summary>A real <c>loader serve</c> with <c>history.keep</c> prunes the history when it starts.</summary>
[Collection(SerialCollection.Name)]
public sealed class ServeRetentionTests
{
    [Fact]
    public async Task Serve_with_history_keep_prunes_what_ended_longer_ago_at_start()
    {
        using var folder = WorkFolder.Create();
        var runs = await HistoryPruneCommandTests.RecordOldRunsAsync(folder, 60, 45, 40);
        File.AppendAllText(folder.Path("config/default.yml"), "\nhistory:\n  keep: 30d\n");

        var serve = folder.Start("serve", "--urls", "http://127.0.0.1:0");
        await serve.WaitForOutputAsync("history.keep 30d: removed 2 run(s), 2 attempt(s)", TimeSpan.FromSeconds(60));
        await serve.TerminateAsync();
        var stopped = await serve.WaitAsync(TimeSpan.FromSeconds(60));
        var history = (await folder.RunAsync("history", "--output", "json")).ExitsWith(0).Json();

        Assert.True(stopped.ExitCode == 0, stopped.ToString());
        Assert.Equal([runs[^1]], history.EnumerateArray().Select(r => r.GetProperty("id").GetInt64()));
    }

    [Fact]
    public async Task Serve_refuses_a_bad_history_keep_with_exit_2()
    {
        using var folder = WorkFolder.Create();
        File.AppendAllText(folder.Path("config/default.yml"), "\nhistory:\n  keep: forever\n");

        var result = await folder.RunAsync("serve", "--urls", "http://127.0.0.1:0");

        result.ExitsWith(2).Says("history.keep is 'forever' (not a duration); it must be a duration from 1h to 36500d, such as 90d");
    }
}
