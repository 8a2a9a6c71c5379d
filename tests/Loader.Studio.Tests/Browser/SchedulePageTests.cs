using System.Text.Json;
using System.Text.RegularExpressions;
using Loader.Studio.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Loader.Studio.Tests.Browser;

/// <summary>The Schedules view of a real <c>loader serve</c> process: its scheduler, state store and Studio in one.</summary>
public sealed class SchedulePageTests(ChromiumSession chromium) : IClassFixture<ChromiumSession>, IAsyncLifetime
{
    private readonly StudioFolder _folder = new();
    private ServeProcess _serve = null!;

    public async Task InitializeAsync()
    {
        File.Delete(Path.Combine(_folder.Root, "workflows", "broken.yml"));
        File.WriteAllText(Path.Combine(_folder.Root, "schedules.yml"), """
            schedules:
              nightly:
                workflow: SecretFlow
                cron: "0 2 * * *"
                time_zone: Europe/Paris
              flaky:
                workflow: FlakyFlow
                cron: "30 3 * * 1"
                parameters:
                  days: "2026-01-02"
            """);
        _serve = await ServeProcess.StartAsync(_folder.Root, "--config", "schedules.yml");
    }

    [Fact]
    public async Task The_schedules_of_loader_serve_are_run_paused_and_resumed_from_the_page()
    {
        var page = await chromium.OpenAsync(_serve.Address);
        await page.GotoAsync(_serve.Link);
        await page.ClickAsync("#nav-schedules");
        var nightly = page.Locator("#schedules tr[data-schedule=nightly]");
        var flaky = page.Locator("#schedules tr[data-schedule=flaky]");
        await nightly.WaitForAsync();
        Assert.Contains("0 2 * * *", await nightly.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("Europe/Paris", await nightly.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("never fired", await flaky.Locator(".last-fire").InnerTextAsync(), StringComparison.Ordinal);

        await flaky.Locator("button.run-now").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("#/runs/[0-9]+$"));
        await Assertions.Expect(page.Locator("#run-status")).ToHaveTextAsync("failed", new() { Timeout = 60_000 });
        var failedRun = page.Url[(page.Url.LastIndexOf('/') + 1)..];
        await page.ClickAsync("#nav-schedules");
        await Assertions.Expect(flaky.Locator(".last-fire .badge")).ToHaveTextAsync("failed", new() { Timeout = 30_000 });
        Assert.Equal("rgb(161, 43, 43)", await flaky.Locator(".last-fire .badge").EvaluateAsync<string>("b => getComputedStyle(b).color"));
        Assert.Equal($"#/runs/{failedRun}", await flaky.Locator($".last-fire a").GetAttributeAsync("href"));

        await nightly.Locator("button.pause").ClickAsync();
        await Assertions.Expect(nightly).ToHaveAttributeAsync("data-paused", "true");
        Assert.True(await PausedAsync("nightly"));
        await nightly.Locator("button.resume").ClickAsync();
        await Assertions.Expect(nightly).ToHaveAttributeAsync("data-paused", "false");
        Assert.False(await PausedAsync("nightly"));

        await nightly.Locator("button.run-now").ClickAsync();
        await Assertions.Expect(page.Locator("#run-status")).ToHaveTextAsync("succeeded", new() { Timeout = 60_000 });
        Assert.Contains("SecretFlow", await page.Locator("h1").InnerTextAsync(), StringComparison.Ordinal);
        await page.ClickAsync("#nav-schedules");
        await Assertions.Expect(nightly.Locator(".last-fire .badge")).ToHaveTextAsync("succeeded", new() { Timeout = 30_000 });
        Assert.DoesNotContain("—", await nightly.Locator(".last-success").InnerTextAsync(), StringComparison.Ordinal);
        await ChromiumSession.ScreenshotAsync(page, "serve-schedules");
    }

    private async Task<bool> PausedAsync(string name)
    {
        using var client = new RecordingClient(_serve.Address, _serve.Token);
        var schedules = (await client.GetJsonAsync("/api/schedules")).GetProperty("schedules").EnumerateArray();
        return schedules.Single(s => s.GetProperty("name").GetString() == name).GetProperty("paused").GetBoolean();
    }

    public async Task DisposeAsync()
    {
        await _serve.DisposeAsync();
        _folder.Dispose();
    }
}
