using System.Diagnostics;
using Loader.Studio.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Loader.Studio.Tests.Browser;

public sealed class StudioPageTests(StudioFixture studio, ChromiumSession chromium) : IClassFixture<StudioFixture>, IClassFixture<ChromiumSession>
{
    [Fact]
    public async Task The_workflow_list_shows_every_workflow_and_the_broken_file()
    {
        var page = await chromium.OpenAsync(studio.Server.Address);
        await page.GotoAsync(studio.Server.Link);

        await page.Locator("a[data-workflow=DailyPipeline]").WaitForAsync();
        await ChromiumSession.ScreenshotAsync(page, "workflow-list");

        Assert.Equal(7, await page.Locator("a[data-workflow]").CountAsync());
        var broken = await page.Locator("li.invalid").InnerTextAsync();
        Assert.Contains("broken.yml", broken, StringComparison.Ordinal);
        Assert.Contains("no-such-step", broken, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DailyPipeline_graph_opens_and_a_click_on_a_task_shows_its_inspector()
    {
        var page = await chromium.OpenAsync(studio.Server.Address);
        await page.GotoAsync(studio.Server.Link);
        await page.Locator("a[data-workflow=DailyPipeline]").ClickAsync();
        await page.Locator("g.node[data-family=Report]").WaitForAsync();
        await page.FillAsync("input[name=interval]", "2026-04-01-2026-04-08");
        await page.ClickAsync("#plan-button");
        await page.Locator("g.node.group[data-family=Transform]").WaitForAsync();

        await page.Locator("g.node[data-family=Transform]").ClickAsync();
        await Assertions.Expect(page.Locator("#inspector-title")).ToContainTextAsync("Transform(date=2026-04-01)");
        await ChromiumSession.ScreenshotAsync(page, "graph-and-inspector");

        var parameters = await page.Locator("#inspector table[data-name=parameters]").InnerTextAsync();
        Assert.Contains("command line", parameters, StringComparison.Ordinal);
        Assert.Contains("default.yml", parameters, StringComparison.Ordinal);
        Assert.Contains("missing", await page.Locator("#inspector table[data-name=outputs]").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("run", await page.Locator("g.node[data-family=Transform]").GetAttributeAsync("data-state"));
    }

    [Fact]
    public async Task Per_hour_instances_are_one_node_of_hours_that_expands_into_a_node_per_hour_named_by_it()
    {
        var page = await chromium.OpenAsync(studio.Server.Address);
        await page.GotoAsync(studio.Server.Link + "#/workflows/HourlyFlow");
        await page.Locator("g.node[data-family=Fetch]").WaitForAsync();
        await page.FillAsync("input[name=interval]", "2026-03-01T22-2026-03-02T02");
        await page.ClickAsync("#plan-button");
        await Assertions.Expect(page.Locator("g.node.group[data-family=Fetch]")).ToContainTextAsync("4 hours");

        await page.ClickAsync("text[data-toggle=Fetch]");

        await Assertions.Expect(page.Locator("g.node[data-family=Fetch]")).ToHaveCountAsync(4);
        Assert.Equal(
            ["Fetch 2026-03-01T22", "Fetch 2026-03-01T23", "Fetch 2026-03-02T00", "Fetch 2026-03-02T01"],
            (await page.Locator("g.node[data-family=Fetch] text.label").AllTextContentsAsync()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_run_started_from_the_page_completes_live_and_opens_in_history()
    {
        var page = await chromium.OpenAsync(studio.Server.Address);
        await page.GotoAsync(studio.Server.Link + "#/workflows/DailyPipeline");
        await page.FillAsync("input[name=interval]", "2026-05-01-2026-05-04");

        await page.ClickAsync("#run-button");
        await Assertions.Expect(page.Locator("#live-status")).ToHaveAttributeAsync("data-status", "succeeded", new() { Timeout = 120_000 });
        await page.ClickAsync("button[data-tab=grid]");
        await ChromiumSession.ScreenshotAsync(page, "run-live");
        Assert.Equal(9, await page.Locator("#interval-grid td[data-state=complete]").CountAsync());

        await page.ClickAsync("#live-run-link");
        await Assertions.Expect(page.Locator("#run-status")).ToHaveTextAsync("succeeded");
        Assert.Equal(10, await page.Locator("#timeline .bar.state-succeeded").CountAsync());
        Assert.Equal(10, await page.Locator("table[data-name=attempts] tbody tr").CountAsync());
        await ChromiumSession.ScreenshotAsync(page, "run-detail");

        await page.ClickAsync("#nav-runs");
        await page.Locator("#runs tbody tr").First.WaitForAsync();
        Assert.Contains("DailyPipeline", await page.Locator("#runs").InnerTextAsync(), StringComparison.Ordinal);
        await ChromiumSession.ScreenshotAsync(page, "run-history");
    }

    [Fact]
    public async Task A_running_run_is_cancelled_from_the_page()
    {
        var page = await chromium.OpenAsync(studio.Server.Address);
        await page.GotoAsync(studio.Server.Link + "#/workflows/SlowFlow");
        await page.Locator("g.node[data-family=Sleep]").WaitForAsync();

        await page.ClickAsync("#run-button");
        await Assertions.Expect(page.Locator("#live-progress")).ToContainTextAsync("1 running");
        await page.ClickAsync("#cancel-button");

        await Assertions.Expect(page.Locator("#live-status")).ToHaveAttributeAsync("data-status", "cancelled", new() { Timeout = 45_000 });
        await ChromiumSession.ScreenshotAsync(page, "run-cancelled");
    }

    [Fact]
    public async Task An_attempt_log_opens_from_the_run_page_with_secrets_masked()
    {
        var started = await studio.Client.PostJsonAsync("/api/workflows/SecretFlow/runs", new { }, 202);
        var runId = started.GetProperty("runId").GetInt64();
        await studio.Client.ReadEventsAsync(runId, TimeSpan.FromMinutes(1));
        var page = await chromium.OpenAsync(studio.Server.Address);

        await page.GotoAsync(studio.Server.Link + $"#/runs/{runId}");
        await page.Locator("table[data-name=attempts] a").First.ClickAsync();

        await Assertions.Expect(page.Locator("#log")).ToContainTextAsync("password *** key ***");
        Assert.DoesNotContain(StudioFolder.SecretValue, await page.ContentAsync(), StringComparison.Ordinal);
        await ChromiumSession.ScreenshotAsync(page, "attempt-log");
    }

    [Fact]
    public async Task The_grid_shows_a_day_that_failed_last_time_as_failed()
    {
        var started = await studio.Client.PostJsonAsync("/api/workflows/FlakyFlow/runs", new { parameters = new { days = "2026-01-01-2026-01-04" } }, 202);
        await studio.Client.ReadEventsAsync(started.GetProperty("runId").GetInt64(), TimeSpan.FromMinutes(1));
        var page = await chromium.OpenAsync(studio.Server.Address);
        await page.GotoAsync(studio.Server.Link + "#/workflows/FlakyFlow");
        await page.FillAsync("input[name=days]", "2026-01-01-2026-01-04");

        await page.ClickAsync("#plan-button");
        await page.Locator("g.node.group[data-family=Daily]").WaitForAsync();
        await page.ClickAsync("button[data-tab=grid]");

        var cells = page.Locator("#interval-grid td.cell");
        await Assertions.Expect(cells).ToHaveCountAsync(3);
        string[] states = [
            await cells.Nth(0).GetAttributeAsync("data-state") ?? "", await cells.Nth(1).GetAttributeAsync("data-state") ?? "", await cells.Nth(2).GetAttributeAsync("data-state") ?? ""];
        Assert.Equal(["complete", "failed", "complete"], states);
        await ChromiumSession.ScreenshotAsync(page, "grid-with-failure");
    }

    [Fact]
    public async Task A_plan_of_2000_instances_draws_collapsed_and_quickly()
    {
        var page = await chromium.OpenAsync(studio.Server.Address);
        await page.GotoAsync(studio.Server.Link + "#/workflows/DailyPipeline");
        await page.FillAsync("input[name=interval]", "2024-01-01-2025-10-29");

        var clock = Stopwatch.StartNew();
        await page.ClickAsync("#plan-button");
        await page.Locator("g.node.group[data-family=Extract]").WaitForAsync();
        var planned = clock.Elapsed;

        Assert.Equal(4, await page.Locator("g.node").CountAsync());
        Assert.Contains("667 days", await page.Locator("g.node[data-family=Load]").TextContentAsync(), StringComparison.Ordinal);
        Assert.True(planned < TimeSpan.FromSeconds(15), $"planning and drawing 2,002 instances took {planned}");
        clock.Restart();
        await page.ClickAsync("button[data-tab=grid]");
        await page.Locator("#interval-grid").WaitForAsync();
        Assert.Equal(2001, await page.Locator("#interval-grid td.cell").CountAsync());
        await page.ClickAsync("button[data-tab=graph]");
        await page.Locator("g.node.group[data-family=Load] .toggle").ClickAsync();
        await Assertions.Expect(page.Locator("g.node[data-family=Load]")).ToHaveCountAsync(667, new() { Timeout = 30_000 });
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"the grid and one expanded family took {clock.Elapsed}");
        await ChromiumSession.ScreenshotAsync(page, "large-plan");
    }

    [Fact]
    public async Task Without_a_scheduler_the_schedules_page_says_where_schedules_are_served()
    {
        var page = await chromium.OpenAsync(studio.Server.Address);
        await page.GotoAsync(studio.Server.Link + "#/schedules");

        await Assertions.Expect(page.Locator("#no-scheduler")).ToContainTextAsync("served by 'loader serve' only");
    }
}
