using Loader.Scheduling;
using Loader.Studio.Hosting;
using Loader.Studio.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Loader.Studio.Tests.Browser;

public sealed class SchedulePageTests(ChromiumSession chromium) : IClassFixture<ChromiumSession>, IAsyncLifetime
{
    private static readonly DateTimeOffset NextFire = new(2026, 12, 8, 1, 0, 0, TimeSpan.Zero);

    private readonly StudioFolder _folder = new();
    private readonly InMemorySchedules _schedules = new(
        new ScheduleView("nightly", "SecretFlow", "0 2 * * *", "Europe/Paris", false, NextFire,
            new FireView(NextFire.AddDays(-1), "failed", null, NextFire.AddDays(-1).AddMinutes(4), "UseSecret: exit code 1"), NextFire.AddDays(-2)),
        new ScheduleView("hourly", "DailyPipeline", "0 * * * *", "UTC", true, null, null, null));
    private StudioServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = StudioFixture.Start(_folder, null, _schedules);
        _schedules.Launcher = _server.Launcher;
        await _server.StartAsync(CancellationToken.None);
    }

    [Fact]
    public async Task The_schedules_show_their_fires_and_are_paused_resumed_and_run_from_the_page()
    {
        var page = await chromium.OpenAsync(_server.Address);
        await page.GotoAsync("/");
        await page.ClickAsync("#nav-schedules");
        var nightly = page.Locator("#schedules tr[data-schedule=nightly]");
        await nightly.WaitForAsync();
        await ChromiumSession.ScreenshotAsync(page, "schedules");

        Assert.Contains("0 2 * * *", await nightly.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("Europe/Paris", await nightly.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("UseSecret: exit code 1", await nightly.Locator(".last-fire").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("rgb(161, 43, 43)", await nightly.Locator(".last-fire .badge").EvaluateAsync<string>("b => getComputedStyle(b).color"));
        Assert.Equal("true", await page.Locator("#schedules tr[data-schedule=hourly]").GetAttributeAsync("data-paused"));

        await nightly.Locator("button.pause").ClickAsync();
        await Assertions.Expect(nightly).ToHaveAttributeAsync("data-paused", "true");
        Assert.True((await _schedules.ListAsync(CancellationToken.None)).Single(s => s.Name == "nightly").Paused);
        await nightly.Locator("button.resume").ClickAsync();
        await Assertions.Expect(nightly).ToHaveAttributeAsync("data-paused", "false");

        await nightly.Locator("button.run-now").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("#/runs/[0-9]+$"));
        await Assertions.Expect(page.Locator("#run-status")).ToHaveTextAsync("succeeded", new() { Timeout = 60_000 });
        Assert.Contains("SecretFlow", await page.Locator("h1").InnerTextAsync(), StringComparison.Ordinal);
        await ChromiumSession.ScreenshotAsync(page, "schedule-run-now");
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _folder.Dispose();
    }
}
