using System.Text.Json;
using System.Text.RegularExpressions;
using Loader.Cli.Tests.Infrastructure;
using Loader.Tests.Shared;

namespace Loader.Cli.Tests.Service;

/// <summary>
/// A real <c>loader serve</c> process whose schedule fires every few seconds tells a real SMTP server and a real webhook
/// receiver on loopback what went wrong: once per change of the schedule's health, with what failed and a link to the
/// run, and without a secret.
/// </summary>
[Collection(SerialCollection.Name)]
public sealed partial class ServeNotificationTests
{
    private const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const string ArtPassword = "Art-Pw-e2e-7fQ2zK";
    private const string MailPassword = "Smtp-Pw-e2e-Qq83vN";
    private const string WebhookToken = "hook-Secret-e2e-9ZtR4";

    // Fails, quoting the password it was given, while data/broken.flag exists; succeeds once it is gone.
    private const string Nightly = """
        workflow: Nightly
        parameters:
          at: string
        tasks:
          Load:
            uses: shell
            with:
              command: 'echo "batch 1 of 3 sent for ${at}"; if [ -e broken.flag ]; then echo "login loader/$ART_PASSWORD refused"; exit 1; fi; touch "${outputs.done}"'
              workdir: data
              env: {ART_PASSWORD: "${config.art.password}"}
            outputs:
              done: "data/loaded-${at}.txt"
        """;

    // Waits for a dump that never comes.
    private const string Arrival = """
        workflow: Arrival
        parameters:
          at: string
        tasks:
          Dump:
            uses: external
            outputs:
              file: "data/dump-${at}.csv"
          Load:
            uses: shell
            requires: [Dump]
            with:
              command: 'touch "${outputs.done}"'
            outputs:
              done: "data/loaded-${at}.txt"
        """;

    [Fact]
    public async Task Failing_fires_send_one_failed_message_per_channel_and_the_first_success_one_recovered_without_a_secret()
    {
        using var sink = await SmtpSink.StartAsync("--user", "loader", "--password", MailPassword);
        using var receiver = new WebhookReceiver(WebhookToken);
        using var folder = Project(sink, receiver, Nightly, """
            schedules:
              nightly:
                workflow: Nightly
                cron: "*/2 * * * * *"
                overlap: skip
                parameters:
                  at: "${fire:yyyyMMddHHmmss}"
            """);
        folder.WithFile("data/broken.flag", "");

        var serve = folder.Start("serve", "--urls", "http://127.0.0.1:0");
        await serve.WaitForOutputAsync("Studio at http://127.0.0.1:", TimeSpan.FromSeconds(30));
        var studio = StudioAddress().Match(serve.Stdout).Groups[1].Value;
        await WaitForEndsAsync(serve, "failed", 3);
        var whileFailing = (Mails: sink.Messages(), Posts: receiver.Posts);
        File.Delete(folder.Path("data/broken.flag"));
        await WaitForEndsAsync(serve, "succeeded", 2);
        await serve.TerminateAsync();
        var stopped = await serve.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.True(stopped.ExitCode == 0, stopped.ToString());
        Assert.Single(whileFailing.Mails);
        Assert.Single(whileFailing.Posts);
        var mails = sink.Messages();
        var posts = receiver.Posts.Select(p => JsonDocument.Parse(p.Body).RootElement).ToList();
        Assert.Equal(["FAILED", "RECOVERED"], mails.Select(m => m.Subject.Split(' ')[0]));
        Assert.Equal(["failed", "recovered"], posts.Select(p => p.GetProperty("kind").GetString()));

        var failed = mails[0];
        Assert.Equal("loader", failed.User);
        Assert.Matches(@"^FAILED Nightly \(nightly\) for \d{4}-\d\d-\d\d \d\d:\d\d", failed.Subject);
        Assert.Matches(@"\nParameters: at=\d{14}\n", failed.Text);
        Assert.Matches(@"\nTask: Load\(at=\d{14}\)\n", failed.Text);
        Assert.Contains("login loader/*** refused", failed.Text, StringComparison.Ordinal);
        Assert.Matches(@"\n    batch 1 of 3 sent for \d{14}\n", failed.Text);
        var link = Assert.Single(RunLink().Matches(failed.Text)).Groups;
        Assert.Equal(studio, link[1].Value);
        var hook = posts[0];
        Assert.Equal("nightly", hook.GetProperty("schedule").GetString());
        Assert.Equal("Nightly", hook.GetProperty("workflow").GetString());
        Assert.Matches(@"^at=\d{14}$", hook.GetProperty("parameters").GetString());
        Assert.Matches(@"^Load\(at=\d{14}\)$", hook.GetProperty("task").GetString());
        Assert.Contains("login loader/*** refused", hook.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Contains(hook.GetProperty("logTail").EnumerateArray(), l => l.GetString()!.StartsWith("batch 1 of 3 sent for ", StringComparison.Ordinal));
        Assert.Contains(hook.GetProperty("logTail").EnumerateArray(), l => l.GetString() == "login loader/*** refused");
        Assert.Equal($"{studio}/#/runs/{link[2].Value}", hook.GetProperty("runLink").GetString());
        var attempts = await folder.AttemptsAsync(long.Parse(link[2].Value, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("failed", Assert.Single(attempts, a => a.Family == "Load").Status);

        var recovered = mails[1];
        Assert.Matches(@"^RECOVERED Nightly \(nightly\) for ", recovered.Subject);
        Assert.DoesNotContain("Error:", recovered.Text, StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, posts[1].GetProperty("error").ValueKind);
        AssertNoSecret(mails, receiver, stopped);
    }

    [Fact]
    public async Task Data_missing_past_the_wait_sends_one_missing_data_message_per_channel_and_a_late_fire_one_late_each()
    {
        using var sink = await SmtpSink.StartAsync("--user", "loader", "--password", MailPassword);
        using var receiver = new WebhookReceiver(WebhookToken);
        using var folder = Project(sink, receiver, Arrival, """
            service:
              url: http://loader.example.org:5080/
            schedules:
              arrival:
                workflow: Arrival
                cron: "*/3 * * * * *"
                overlap: skip
                wait_for_data: {every: 1s, for: 4s}
                complete_within: 2s
                parameters:
                  at: "${fire:yyyyMMddHHmmss}"
            """);

        var serve = folder.Start("serve", "--urls", "http://127.0.0.1:0");
        await WaitForEndsAsync(serve, "missing-data", 2);
        await serve.TerminateAsync();
        var stopped = await serve.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.True(stopped.ExitCode == 0, stopped.ToString());
        var mails = sink.Messages();
        var posts = receiver.Posts.Select(p => JsonDocument.Parse(p.Body).RootElement).ToList();
        var missing = Assert.Single(mails, m => m.Subject.StartsWith("MISSING DATA Arrival (arrival) for ", StringComparison.Ordinal));
        Assert.Single(posts, p => p.GetProperty("kind").GetString() == "missing-data");
        Assert.Matches(@"\nTask: Dump\(at=\d{14}\)\n", missing.Text);
        Assert.Matches(@"\nRun: http://loader\.example\.org:5080/#/runs/\d+\n", missing.Text);
        Assert.Contains("data/dump-", missing.Text, StringComparison.Ordinal);
        // Each fire is late once: as many LATE messages as late fires, never the same fire twice.
        var late = posts.Where(p => p.GetProperty("kind").GetString() == "late").Select(p => p.GetProperty("fireTime").GetDateTimeOffset()).ToList();
        Assert.True(late.Count >= 2, string.Join('\n', mails.Select(m => m.Subject)));
        Assert.Equal(late.Distinct(), late);
        Assert.Equal(late.Count, mails.Count(m => m.Subject.StartsWith("LATE Arrival (arrival) for ", StringComparison.Ordinal)));
        Assert.Equal(mails.Count, posts.Count);
        AssertNoSecret(mails, receiver, stopped);
    }

    /// <summary>A project with <paramref name="workflow"/>, notifications to the two servers and <paramref name="settings"/>.</summary>
    private static WorkFolder Project(SmtpSink sink, WebhookReceiver receiver, string workflow, string settings)
    {
        var folder = WorkFolder.Create().WithWorkflow("workflow.yml", workflow).WithFolder("data")
            .WithSecret($"""
                art:
                  password: "{ArtPassword}"
                notifications:
                  email:
                    password: "{MailPassword}"
                  webhook:
                    url: "{receiver.Url}"
                """, Private);
        File.AppendAllText(folder.Path("config/default.yml"), $"""

            notifications:
              attempts: 2
              retry_delay: 10ms
              timeout: 10s
              email:
                smtp: {sink.Url}
                from: loader@example.org
                to: [ops@example.org]
                user: loader
            {settings}
            """);
        return folder;
    }

    /// <summary>Waits until the service has logged <paramref name="count"/> fires ending with <paramref name="status"/>.</summary>
    private static async Task WaitForEndsAsync(LoaderProcess serve, string status, int count)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (Ends(serve, status) < count)
        {
            Assert.False(serve.HasExited, $"serve ended:\n{serve.Stdout}\n{serve.Stderr}");
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(45), $"only {Ends(serve, status)} of {count} fires ended {status}:\n{serve.Stdout}\n{serve.Stderr}");
            await Task.Delay(100);
        }
    }

    private static int Ends(LoaderProcess serve, string status) =>
        serve.Stdout.Split('\n').Count(l => l.Contains($": {status}", StringComparison.Ordinal) && l.Contains("run-ended", StringComparison.Ordinal));

    private static void AssertNoSecret(IReadOnlyList<ReceivedMail> mails, WebhookReceiver receiver, LoaderResult service)
    {
        foreach (var secret in (string[])[ArtPassword, MailPassword, WebhookToken])
        {
            Assert.All(mails, m => Assert.DoesNotContain(secret, m.Raw, StringComparison.Ordinal));
            Assert.All(receiver.Posts, p => Assert.DoesNotContain(secret, p.Body, StringComparison.Ordinal));
            Assert.DoesNotContain(secret, service.Output, StringComparison.Ordinal);
        }
    }

    [GeneratedRegex(@"Studio at (http://127\.0\.0\.1:\d+)/")]
    private static partial Regex StudioAddress();

    [GeneratedRegex(@"\nRun: (http://127\.0\.0\.1:\d+)/#/runs/(\d+)\n")]
    private static partial Regex RunLink();
}
