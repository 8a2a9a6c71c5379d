using System.Net;
using System.Text.Json;
using Loader.Notifications.Tests.Support;
using Loader.Tests.Shared;

namespace Loader.Notifications.Tests;

/// <summary>Webhook posts to a real HTTP server on loopback, read back as it received them.</summary>
public sealed class WebhookTests : IDisposable
{
    private const string Token = "hook-Secret-9ZtR4";
    private readonly ConfigFolder _config = new();
    private readonly WebhookReceiver _receiver = new(Token);

    [Fact]
    public async Task Webhook_gets_a_slack_text_and_the_fields_as_json_without_a_secret()
    {
        var notification = Nightly.Failure() with { Error = $"POST {_receiver.Url} answered 500 for {Nightly.ConfigSecret}" };

        var problems = await Notifier().SendAsync(notification, CancellationToken.None);

        Assert.Empty(problems);
        var post = Assert.Single(_receiver.Posts);
        Assert.Equal("POST", post.Method);
        Assert.StartsWith("application/json", post.ContentType, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(post.Body);
        var root = json.RootElement;
        Assert.StartsWith("FAILED StudentLoad (nightly-students) for 2026-12-07\n", root.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Equal("failed", root.GetProperty("kind").GetString());
        Assert.Equal("nightly-students", root.GetProperty("schedule").GetString());
        Assert.Equal("StudentLoad", root.GetProperty("workflow").GetString());
        Assert.Equal("date=2026-12-07 art_password=***", root.GetProperty("parameters").GetString());
        Assert.Equal(Nightly.FireTime, root.GetProperty("fireTime").GetDateTimeOffset());
        Assert.Equal("LoadStudents(date=2026-12-07)", root.GetProperty("task").GetString());
        Assert.Equal("POST *** answered 500 for ***", root.GetProperty("error").GetString());
        Assert.Equal(
            ["batch 1 of 3 sent", "token *** expired", "retrying with password ***", "gave up after 8 retries"],
            root.GetProperty("logTail").EnumerateArray().Select(l => l.GetString()));
        Assert.Equal("http://127.0.0.1:5080/runs/42", root.GetProperty("runLink").GetString());
        Assert.False(Nightly.Leaks(post.Body), post.Body);
        Assert.DoesNotContain(Token, post.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refused_configuration_is_posted_without_a_schedule_or_fire_time()
    {
        var notification = new Notification(
            NotificationKind.ConfigurationRefused, "", "", "", default, null,
            $"config/secret.yml:3:5: schedules.nightly.cron is 'every night' (password {Nightly.ConfigSecret})", [], null, DateTimeOffset.UnixEpoch);

        var problems = await Notifier().SendAsync(notification, CancellationToken.None);

        Assert.Empty(problems);
        using var json = JsonDocument.Parse(Assert.Single(_receiver.Posts).Body);
        Assert.Equal("configuration-refused", json.RootElement.GetProperty("kind").GetString());
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("fireTime").ValueKind);
        Assert.StartsWith("CONFIGURATION REFUSED", json.RootElement.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Contains("schedules.nightly.cron is 'every night' (password ***)", json.RootElement.GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Webhook_answering_503_is_tried_again_then_reported_by_its_host_only()
    {
        _receiver.Status = HttpStatusCode.ServiceUnavailable;

        var problems = await Notifier().SendAsync(Nightly.Failure(), CancellationToken.None);

        var problem = Assert.Single(problems);
        Assert.Equal(3, _receiver.Posts.Count);
        Assert.Contains("not sent by webhook on 127.0.0.1 (after 3 tries): the webhook answered 503 Service Unavailable: no_service", problem, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, problem, StringComparison.Ordinal);
        Assert.DoesNotContain("/services/", problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Webhook_answering_404_is_not_tried_again()
    {
        _receiver.Status = HttpStatusCode.NotFound;

        var problem = Assert.Single(await Notifier().SendAsync(Nightly.Failure(), CancellationToken.None));

        Assert.Single(_receiver.Posts);
        Assert.Contains("the webhook answered 404 Not Found", problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failing_channel_does_not_stop_the_others()
    {
        using var sink = await SmtpSink.StartAsync("--refuse", "550 5.7.1 relaying denied");

        var problems = await Notifier(smtp: sink.Url).SendAsync(Nightly.Failure(), CancellationToken.None);

        Assert.Contains("relaying denied", Assert.Single(problems), StringComparison.Ordinal);
        Assert.Single(_receiver.Posts);
    }

    [Fact]
    public async Task Cancellation_while_retrying_throws()
    {
        _receiver.Status = HttpStatusCode.ServiceUnavailable;
        var notifier = Notifier(retryDelay: "1m");
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => notifier.SendAsync(Nightly.Failure(), cancel.Token));

        Assert.Single(_receiver.Posts);
    }

    public void Dispose()
    {
        _receiver.Dispose();
        _config.Dispose();
    }

    private Notifier Notifier(string retryDelay = "10ms", string? smtp = null)
    {
        var email = smtp is null ? "" : $"  email: {{smtp: \"{smtp}\", from: loader@example.org, to: ops@example.org}}\n";
        var configuration = _config.Load(
            $"notifications:\n  attempts: 3\n  retry_delay: {retryDelay}\n{email}",
            Nightly.SecretYaml + $"notifications:\n  webhook:\n    url: \"{_receiver.Url}\"\n");
        configuration.Secrets.Add(Nightly.RunSecret);
        return Loader.Notifications.Notifier.FromConfiguration(configuration, TimeProvider.System);
    }
}
