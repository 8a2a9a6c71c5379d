using Loader.Cli.Tests.Infrastructure;

namespace Loader.Cli.Tests.Commands;

/// <summary>The <c>notifications:</c> section is read by the command line: checked, its webhook URL masked, never called unread.</summary>
public sealed class NotificationsSectionTests
{
    private const string Token = "Tok-6631-hook";

    [Fact]
    public async Task Config_masks_the_webhook_url_and_a_run_does_not_call_the_section_unread()
    {
        using var folder = WorkFolder.Create().WithDailyPipeline()
            .WithFile("extra.yml", "notifications:\n  attempts: 2\n  email: {smtp: 'smtp://mail.example.org:587', from: loader@example.org, to: [ops@example.org]}\n")
            .WithSecret($"notifications:\n  webhook:\n    url: https://hooks.example.org/services/T0/B0/{Token}\n", UnixFileMode.UserRead | UnixFileMode.UserWrite);

        var config = await folder.RunAsync("--config", "extra.yml", "config");
        var run = await folder.RunAsync("--config", "extra.yml", "run", "DailyPipeline", "--interval", "2026-01-01-2026-01-03");

        config.ExitsWith(0).Prints("notifications:webhook:url").Prints("***");
        Assert.DoesNotContain(Token, config.Output, StringComparison.Ordinal);
        run.ExitsWith(0);
        Assert.DoesNotContain("notifications", run.Output, StringComparison.Ordinal);
    }
}
