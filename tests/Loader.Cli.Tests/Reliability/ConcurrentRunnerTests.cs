using System.Text.Json;
using Loader.Cli.Tests.Infrastructure;

namespace Loader.Cli.Tests.Reliability;

/// <summary>Two runners on the same workflow, state store and data folder share the work: every task runs exactly once.</summary>
[Collection(SerialCollection.Name)]
public sealed class ConcurrentRunnerTests
{
    private const string Interval = "2026-01-01-2026-01-13";

    // Each execution appends one line to its task's counter file: more than one line means it ran twice.
    private const string Counted = """
        workflow: Counted
        parameters:
          interval: interval
        tasks:
          Fetch:
            per_day: interval
            uses: shell
            with:
              command: |
                echo "$$" >> counters/Fetch-${date}.txt
                sleep 0.2
                echo ${date} > "${outputs.out}"
            outputs:
              out: out/fetch/${date}.txt
          Total:
            per_day: interval
            requires: [Fetch]
            uses: shell
            with:
              command: |
                echo "$$" >> counters/Total-${date}.txt
                sleep 0.2
                cat "${tasks.Fetch.outputs.out}" > "${outputs.out}"
            outputs:
              out: out/total/${date}.txt
          Summary:
            requires: [Total]
            uses: shell
            with:
              command: |
                echo "$$" >> counters/Summary.txt
                cat ${tasks.Total.outputs.out} > "${outputs.out}"
            outputs:
              out: out/summary.txt
        """;

    private static readonly string[] Days = Enumerable.Range(1, 12).Select(d => $"2026-01-{d:D2}").ToArray();

    [Fact]
    public async Task Two_runners_started_together_both_succeed_and_run_every_task_exactly_once()
    {
        using var folder = WorkFolder.Create().WithWorkflow("counted.yml", Counted).WithFolder("counters");

        var one = folder.Start("run", "Counted", "--interval", Interval, "--output", "json");
        var other = folder.Start("run", "Counted", "--interval", Interval, "--output", "json");
        var results = await Task.WhenAll(one.WaitAsync(WorkFolder.CommandTimeout), other.WaitAsync(WorkFolder.CommandTimeout));

        Assert.All(results, r => r.ExitsWith(0));
        var counters = Days.SelectMany(d => new[] { $"Fetch-{d}", $"Total-{d}" }).Append("Summary").ToList();
        Assert.All(counters, counter => Assert.True(
            folder.Lines($"counters/{counter}.txt").Count == 1,
            $"{counter} ran {folder.Lines($"counters/{counter}.txt").Count} times.\n{results[0]}\n{results[1]}"));
        Assert.Equal(string.Join("", Days.Select(d => d + "\n")), File.ReadAllText(folder.Path("out/summary.txt")));

        // Each task succeeded in exactly one of the two runs; the other found it done.
        var outcomes = results.Select(r => r.Json().GetProperty("tasks").EnumerateArray()
            .ToDictionary(t => t.GetProperty("task").GetString()!, t => t.GetProperty("outcome").GetString()!)).ToList();
        foreach (var task in outcomes[0].Keys.Union(outcomes[1].Keys))
        {
            var succeeded = outcomes.Count(o => o.GetValueOrDefault(task) == "succeeded");
            Assert.True(succeeded == 1, $"{task} succeeded in {succeeded} runs: {outcomes[0].GetValueOrDefault(task)}, {outcomes[1].GetValueOrDefault(task)}");
        }

        var runs = (await folder.RunAsync("history", "--output", "json")).ExitsWith(0).Json().EnumerateArray().ToList();
        Assert.Equal(2, runs.Count);
        Assert.True(
            Started(runs[0]) < Finished(runs[1]) && Started(runs[1]) < Finished(runs[0]),
            "the runners never overlapped, so nothing raced");
    }

    [Fact]
    public async Task Two_runners_share_the_work_each_running_at_least_a_third_of_it()
    {
        // Sixty days of three chained tasks, the first instant: the second runner meets the first one's leases at every step.
        using var folder = WorkFolder.Create().WithWorkflow("chained.yml", Chained);

        var one = folder.Start("run", "Chained", "--interval", "2026-01-01-2026-03-02", "--output", "json");
        var other = folder.Start("run", "Chained", "--interval", "2026-01-01-2026-03-02", "--output", "json");
        var results = await Task.WhenAll(one.WaitAsync(WorkFolder.CommandTimeout), other.WaitAsync(WorkFolder.CommandTimeout));

        Assert.All(results, r => r.ExitsWith(0));
        var ran = results.Select(r => r.Json().GetProperty("tasks").EnumerateArray().Count(t => t.GetProperty("outcome").GetString() == "succeeded")).ToList();
        Assert.Equal(180, ran.Sum());
        Assert.True(ran.Min() >= 60, $"the runners ran {ran[0]} and {ran[1]} of 180 tasks: one mostly waited for the other");
    }

    private const string Chained = """
        workflow: Chained
        parameters:
          interval: interval
        tasks:
          Extract:
            per_day: interval
            uses: shell
            with:
              command: echo ${date} > "${outputs.out}"
            outputs:
              out: out/extract/${date}.txt
          Transform:
            per_day: interval
            requires: [Extract]
            uses: shell
            with:
              command: sleep 0.1; cat "${tasks.Extract.outputs.out}" > "${outputs.out}"
            outputs:
              out: out/transform/${date}.txt
          Load:
            per_day: interval
            requires: [Transform]
            uses: shell
            with:
              command: sleep 0.1; cat "${tasks.Transform.outputs.out}" > "${outputs.out}"
            outputs:
              out: out/load/${date}.txt
        """;

    [Fact]
    public async Task A_task_that_failed_in_a_live_run_is_not_reported_as_running_elsewhere()
    {
        using var folder = WorkFolder.Create().WithWorkflow("mixed.yml", """
            workflow: Mixed
            tasks:
              Fails:
                uses: shell
                with:
                  command: echo broken; exit 1
                outputs:
                  out: out/fails.txt
              Long:
                uses: shell
                with:
                  command: sleep 6; echo done > "${outputs.out}"
                outputs:
                  out: out/long.txt
            """);
        folder.Environment["LOADER_state__lease_ttl"] = "30s";
        var first = folder.Start("run", "Mixed");
        await first.WaitForOutputAsync("FAILED  Fails()", WorkFolder.CommandTimeout);

        var second = await folder.RunAsync("run", "Mixed", "--no-wait", "--output", "json");

        Assert.False(first.HasExited, "the first run ended before the second asked, so nothing was held");
        var outcomes = second.Json().GetProperty("tasks").EnumerateArray()
            .ToDictionary(t => t.GetProperty("task").GetString()!, t => t.GetProperty("outcome").GetString());
        Assert.Equal("running_elsewhere", outcomes["Long()"]);
        Assert.Equal("failed", outcomes["Fails()"]);
        (await first.WaitAsync(WorkFolder.CommandTimeout)).ExitsWith(30);
    }

    private static DateTimeOffset Started(JsonElement run) => run.GetProperty("started").GetDateTimeOffset();

    private static DateTimeOffset Finished(JsonElement run) => run.GetProperty("finished").GetDateTimeOffset();
}
