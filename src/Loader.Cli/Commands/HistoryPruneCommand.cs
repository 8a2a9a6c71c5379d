using System.CommandLine;
using Loader.Cli.Hosting;
using Loader.Cli.Output;
using Loader.Scheduling;

namespace Loader.Cli.Commands;

/// <summary>
/// <c>loader history prune --older-than 90d [--dry-run]</c>: removes the history that ended longer ago than that, keeping what
/// is still read (see <see cref="State.HistoryPruner"/>), and says how much went and how much stays.
/// </summary>
internal static class HistoryPruneCommand
{
    public static Command Create(GlobalOptions global)
    {
        var olderThan = new Option<string>("--older-than")
        {
            Description = $"Remove what ended longer ago than this: {HistorySettings.Keep.Allowed}",
            Required = true,
        };
        var dryRun = new Option<bool>("--dry-run") { Description = "Say what would be removed, and remove nothing" };
        var command = new Command("prune",
            "Remove runs, attempts (with their log files) and schedule fires that ended before --older-than ago. Kept whatever their age: running runs; "
            + "the newest attempt, newest success and newest failure of every task instance; open fires and each schedule's newest and "
            + "last succeeded fire, with their runs; checkpoints. loader serve does this daily when history.keep is set");
        command.Options.Add(olderThan);
        command.Options.Add(dryRun);
        command.SetAction(async (parse, cancellationToken) => await CommandGuard.RunAsync(parse.GetValue(global.Verbose), async () =>
        {
            var age = HistorySettings.Keep.Parse(parse.GetValue(olderThan)!, "the command line", "--older-than")!.Value;
            var host = LoaderHost.Create(parse, global);
            await using var state = await host.OpenStateAsync(cancellationToken);
            var before = host.Clock.GetUtcNow() - age;
            var dry = parse.GetValue(dryRun);
            var pruned = await state.PruneHistoryAsync(before, dry, cancellationToken);
            if (host.Output == OutputFormat.Json)
            {
                Json.Print(new
                {
                    dryRun = dry,
                    endedBefore = before,
                    removed = new
                    {
                        runs = pruned.RunsRemoved,
                        attempts = pruned.AttemptsRemoved,
                        fires = pruned.FiresRemoved,
                        logFiles = pruned.LogFilesRemoved,
                        logBytes = pruned.LogBytesRemoved,
                    },
                    kept = new { runs = pruned.RunsKept, attempts = pruned.AttemptsKept, fires = pruned.FiresKept },
                    bytesFreed = pruned.BytesFreed,
                });
                return 0;
            }
            Console.WriteLine(pruned.Describe(before, dry));
            return 0;
        }));
        return command;
    }
}
