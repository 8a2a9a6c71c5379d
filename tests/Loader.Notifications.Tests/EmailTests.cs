using System.Net;
using System.Net.Sockets;
using Loader.Notifications.Tests.Support;
using Loader.Tests.Shared;

namespace Loader.Notifications.Tests;

/// <summary>Mails sent over SMTP to a real server on loopback and read back from what it received.</summary>
public sealed class EmailTests : IDisposable
{
    private const string MailPassword = "Smtp-Pw-Qq83vN";
    private readonly ConfigFolder _config = new();

    [Fact]
    public async Task Failure_mail_says_kind_schedule_parameters_task_error_log_tail_and_run_link_without_a_secret()
    {
        using var sink = await SmtpSink.StartAsync();
        var notifier = Notifier(sink.Url);

        var problems = await notifier.SendAsync(Nightly.Failure(), CancellationToken.None);

        Assert.Empty(problems);
        var mail = Assert.Single(sink.Messages());
        Assert.Equal("loader@example.org", mail.From);
        Assert.Equal(["ops@example.org", "data@example.org"], mail.To);
        Assert.Equal("FAILED StudentLoad (nightly-students) for 2026-12-07", mail.Subject);
        Assert.Contains("Parameters: date=2026-12-07 art_password=***", mail.Text, StringComparison.Ordinal);
        Assert.Contains("Task: LoadStudents(date=2026-12-07)", mail.Text, StringComparison.Ordinal);
        Assert.Contains("Error: POST https://art.example.org/batch refused the login 'loader' / '***': 401 Unauthorized", mail.Text, StringComparison.Ordinal);
        Assert.Contains("Run: http://127.0.0.1:5080/runs/42", mail.Text, StringComparison.Ordinal);
        Assert.Contains("    token *** expired\n", mail.Text, StringComparison.Ordinal);
        Assert.Contains("    gave up after 8 retries\n", mail.Text, StringComparison.Ordinal);
        Assert.False(Nightly.Leaks(mail.Raw), mail.Raw);
    }

    [Fact]
    public async Task Recovery_mail_says_recovered()
    {
        using var sink = await SmtpSink.StartAsync();

        var problems = await Notifier(sink.Url).SendAsync(Nightly.Failure(NotificationKind.Recovered) with { Task = null, Error = null, LogTail = [] }, CancellationToken.None);

        Assert.Empty(problems);
        var mail = Assert.Single(sink.Messages());
        Assert.Equal("RECOVERED StudentLoad (nightly-students) for 2026-12-07", mail.Subject);
        Assert.Contains("recovered", mail.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Error:", mail.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Server_that_requires_a_login_takes_the_mail_from_the_configured_user_and_password()
    {
        using var sink = await SmtpSink.StartAsync("--user", "loader", "--password", MailPassword);

        var problems = await Notifier(sink.Url, user: "loader", password: MailPassword).SendAsync(Nightly.Failure(), CancellationToken.None);

        Assert.Empty(problems);
        var mail = Assert.Single(sink.Messages());
        Assert.Equal("loader", mail.User);
        Assert.DoesNotContain(MailPassword, mail.Raw, StringComparison.Ordinal);
        Assert.False(Nightly.Leaks(mail.Raw), mail.Raw);
    }

    [Fact]
    public async Task Wrong_password_is_a_problem_naming_the_user_and_never_the_password()
    {
        using var sink = await SmtpSink.StartAsync("--user", "loader", "--password", "the-right-one");

        var problems = await Notifier(sink.Url, user: "loader", password: MailPassword).SendAsync(Nightly.Failure(), CancellationToken.None);

        var problem = Assert.Single(problems);
        Assert.Contains("refused the user 'loader'", problem, StringComparison.Ordinal);
        Assert.Contains("535", problem, StringComparison.Ordinal);
        Assert.DoesNotContain("tries", problem, StringComparison.Ordinal);
        Assert.DoesNotContain(MailPassword, problem, StringComparison.Ordinal);
        Assert.False(Nightly.Leaks(problem), problem);
        Assert.Empty(sink.Messages());
    }

    [Fact]
    public async Task Server_that_refuses_the_sender_is_a_problem_with_its_reply_tried_once()
    {
        using var sink = await SmtpSink.StartAsync("--refuse", $"550 5.7.1 relaying denied for {Nightly.ConfigSecret}");

        var problems = await Notifier(sink.Url, user: null, password: null).SendAsync(Nightly.Failure(), CancellationToken.None);

        var problem = Assert.Single(problems);
        Assert.StartsWith("FAILED StudentLoad (nightly-students) for 2026-12-07: not sent by email to ops@example.org, data@example.org (127.0.0.1:", problem, StringComparison.Ordinal);
        Assert.Contains("refused the sender: 550 5.7.1 relaying denied for ***", problem, StringComparison.Ordinal);
        Assert.DoesNotContain("tries", problem, StringComparison.Ordinal);
        Assert.False(Nightly.Leaks(problem), problem);
    }

    [Fact]
    public async Task Server_that_says_try_later_is_tried_again_then_reported()
    {
        using var sink = await SmtpSink.StartAsync("--refuse", "451 4.3.0 try again later");

        var problems = await Notifier(sink.Url).SendAsync(Nightly.Failure(), CancellationToken.None);

        var problem = Assert.Single(problems);
        Assert.Contains("(after 3 tries)", problem, StringComparison.Ordinal);
        Assert.Contains("451 4.3.0 try again later", problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_server_listening_is_a_problem_not_an_exception()
    {
        var problems = await Notifier($"smtp://127.0.0.1:{ClosedPort()}", user: "loader", password: MailPassword).SendAsync(Nightly.Failure(), CancellationToken.None);

        var problem = Assert.Single(problems);
        Assert.Contains("cannot connect to 127.0.0.1:", problem, StringComparison.Ordinal);
        Assert.Contains("(after 3 tries)", problem, StringComparison.Ordinal);
        Assert.DoesNotContain(MailPassword, problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Starttls_is_used_when_offered_and_an_untrusted_certificate_stops_the_mail()
    {
        using var sink = await SmtpSink.StartAsync("--starttls", "--user", "loader", "--password", MailPassword);

        var problems = await Notifier(sink.Url, user: "loader", password: MailPassword).SendAsync(Nightly.Failure(), CancellationToken.None);

        var problem = Assert.Single(problems);
        Assert.Contains("TLS with 127.0.0.1:", problem, StringComparison.Ordinal);
        Assert.DoesNotContain(MailPassword, problem, StringComparison.Ordinal);
        Assert.Empty(sink.Messages());
    }

    [Fact]
    public async Task Smtps_speaks_tls_from_the_start_and_an_untrusted_certificate_stops_the_mail()
    {
        using var sink = await SmtpSink.StartAsync("--tls");

        var problems = await Notifier($"smtps://127.0.0.1:{sink.Port}").SendAsync(Nightly.Failure(), CancellationToken.None);

        Assert.Contains($"TLS with 127.0.0.1:{sink.Port} failed", Assert.Single(problems), StringComparison.Ordinal);
        Assert.Empty(sink.Messages());
    }

    public void Dispose() => _config.Dispose();

    private Notifier Notifier(string smtp, string? user = null, string? password = null)
    {
        var configuration = _config.Load(
            $"""
            notifications:
              attempts: 3
              retry_delay: 10ms
              timeout: 10s
              email:
                smtp: {smtp}
                from: loader@example.org
                to: [ops@example.org, data@example.org]
            {(user is null ? "" : $"    user: {user}\n")}
            """,
            Nightly.SecretYaml + (password is null ? "" : $"notifications:\n  email:\n    password: \"{password}\"\n"));
        configuration.Secrets.Add(Nightly.RunSecret);
        return Loader.Notifications.Notifier.FromConfiguration(configuration, TimeProvider.System);
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
