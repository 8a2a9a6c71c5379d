namespace Loader.Cli.Tests.Hostile;

/// <summary>
/// Hostile configuration values, retry settings and command lines: each is refused with exit code 2 before anything
/// runs, naming the key, the layer it came from (file or <c>LOADER_</c> variable) and the allowed range.
/// </summary>
public sealed class ConfigurationCases
{
    private const string Stamp = """
        workflow: Stamp
        parameters:
          day: date
          token: {type: string, secret: true, default: ""}
        tasks:
          Write:
            uses: shell
            with:
              command: echo ${day} > "${outputs.out}"
            outputs:
              out: out/${day}.txt
        """;

    private static readonly HostileCases Cases = new()
    {
        Flag("--workers 0", "0"),
        Flag("--workers -1", "-1"),
        Flag("--workers 5000", "5000"),
        Flag("--workers abc", "abc"),

        Environment("runner.workers abc in LOADER_runner__workers", "runner__workers", "abc")
            .Says("environment variable LOADER_runner__workers: runner.workers is 'abc'", "a whole number from 1 to 1,024"),
        Environment("runner.workers 0 in LOADER_runner__workers", "runner__workers", "0")
            .Says("LOADER_runner__workers: runner.workers is '0'", "from 1 to 1,024"),
        ConfigFile("runner.workers abc in a --config file", "runner:\n  workers: abc\n")
            .Says("extra.yml: runner.workers is 'abc'", "a whole number from 1 to 1,024"),
        ConfigFile("runner.workers 1.5 in a --config file", "runner:\n  workers: 1.5\n")
            .Says("extra.yml: runner.workers is '1.5'"),
        new HostileCase("runner.workers abc in config/secret.yml names secret.yml")
            .WithWorkflow("stamp.yml", Stamp)
            .WithSetup(folder => folder.WithSecret("runner:\n  workers: abc\n", UnixFileMode.UserRead | UnixFileMode.UserWrite))
            .Running("run", "Stamp", "--day", "2026-01-01")
            .Says("config/secret.yml: runner.workers is 'abc'"),

        Environment("state.lease_ttl 0s stops at once instead of spinning", "state__lease_ttl", "0s")
            .Within(TimeSpan.FromSeconds(20))
            .Says("LOADER_state__lease_ttl: state.lease_ttl is '0s'", "a duration from 1s to 1d"),
        ConfigFile("state.lease_ttl 0s in a --config file", "state:\n  lease_ttl: 0s\n")
            .WithSetup(folder => folder.Environment.Remove("LOADER_state__lease_ttl"))
            .Says("extra.yml: state.lease_ttl is '0s'", "from 1s to 1d"),
        Environment("state.lease_ttl 500ms is below a second", "state__lease_ttl", "500ms").Says("state.lease_ttl is '500ms'", "from 1s"),
        Environment("state.lease_ttl 2d is above a day", "state__lease_ttl", "2d").Says("state.lease_ttl is '2d'", "to 1d"),
        Environment("state.lease_ttl soon is no duration", "state__lease_ttl", "soon").Says("state.lease_ttl is 'soon' (not a duration)"),
        Environment("state.lease_ttl with 26 digits overflows no number", "state__lease_ttl", "99999999999999999999999999d")
            .Says("state.lease_ttl is '99999999999999999999999999d' (not a duration)"),

        Environment("sftp.port 0", "sftp__port", "0").Says("LOADER_sftp__port: sftp.port is '0'", "from 1 to 65,535"),
        Environment("sftp.port 70000", "sftp__port", "70000").Says("sftp.port is '70000'", "from 1 to 65,535"),
        Environment("sftp.port abc", "sftp__port", "abc").Says("sftp.port is 'abc' (not a whole number)"),
        Environment("sftp.connect_timeout 0s", "sftp__connect_timeout", "0s").Says("sftp.connect_timeout is '0s'", "from 1s to 1h"),
        Environment("sftp.read_timeout forever", "sftp__read_timeout", "forever").Says("sftp.read_timeout is 'forever' (not a duration)"),
        Environment("sftp.attempts 1000", "sftp__attempts", "1000").Says("sftp.attempts is '1000'", "from 1 to 100"),
        Environment("sftp.backoff 0s", "sftp__backoff", "0s").Says("sftp.backoff is '0s'", "from 100ms"),
        ConfigFile("sftp.trust_unknown_host maybe", "sftp:\n  trust_unknown_host: maybe\n")
            .Says("extra.yml: sftp.trust_unknown_host is 'maybe'", "true or false"),

        Environment("art.chunk_size 0", "art__chunk_size", "0").Says("art.chunk_size is '0'", "from 1 to 1,000,000"),
        Environment("art.concurrency 1000", "art__concurrency", "1000").Says("art.concurrency is '1000'", "from 1 to 64"),
        Environment("art.request_timeout 0s", "art__request_timeout", "0s").Says("art.request_timeout is '0s'", "from 100ms to 1h"),
        Environment("art.retries -1", "art__retries", "-1").Says("art.retries is '-1'", "from 0 to 100"),
        Environment("art.retry_delay 0s", "art__retry_delay", "0s").Says("art.retry_delay is '0s'", "from 10ms"),
        Environment("art.verify_poll 0s", "art__verify_poll", "0s").Says("art.verify_poll is '0s'", "from 10ms"),
        Environment("art.endpoint ftp URL", "art__endpoint", "ftp://art.example.org/batch").Says("art.endpoint is 'ftp://art.example.org/batch'", "http:// or https://"),
        ConfigFile("art.auth_endpoint that is no URL", "art:\n  auth_endpoint: not a url\n").Says("extra.yml: art.auth_endpoint is 'not a url'", "http:// or https://"),
        Environment("students.delimiter of two characters", "students__delimiter", "ab").Says("students.delimiter is 'ab'", "one ASCII character"),
        Environment("students.encoding ebcdic", "students__encoding", "ebcdic").Says("students.encoding is 'ebcdic'", "latin1"),

        Environment("emr.poll 0s would poll without pause", "emr__poll", "0s").Says("LOADER_emr__poll: emr.poll is '0s'", "from 10ms to 10m"),
        Environment("emr.start_timeout forever", "emr__start_timeout", "forever").Says("emr.start_timeout is 'forever' (not a duration)"),
        Environment("emr.terminate maybe", "emr__terminate", "maybe").Says("emr.terminate is 'maybe'", "true or false"),
        ConfigFile("emr.endpoint that is no URL", "emr:\n  endpoint: elasticmapreduce\n").Says("extra.yml: emr.endpoint is 'elasticmapreduce'", "http:// or https://"),

        Environment("notifications.attempts 0", "notifications__attempts", "0").Says("LOADER_notifications__attempts: notifications.attempts is '0'", "from 1 to 10"),
        ConfigFile("notifications.email.smtp http URL", "notifications:\n  email:\n    smtp: http://mail.example.org\n")
            .Says("extra.yml: notifications.email.smtp is 'http://mail.example.org'", "smtp://host:port or smtps://host:port"),
        ConfigFile("notifications.email.smtp with a password does not echo it", "notifications:\n  email:\n    smtp: smtp://loader:Pw-5521@mail.example.org\n")
            .Says("extra.yml: notifications.email.smtp holds a user or password", "notifications.email.password in config/secret.yml")
            .NeverSays("Pw-5521"),
        ConfigFile("notifications.email.to that is no address", "notifications:\n  email:\n    to: [ops@example.org, nobody]\n")
            .Says("extra.yml: notifications.email.to[1] is 'nobody'", "a mail address"),
        ConfigFile("notifications.webhook.url that is no URL does not echo it", "notifications:\n  webhook:\n    url: hooks.example.org/T0/Tok-8812\n")
            .Says("extra.yml: notifications.webhook.url is not an http:// or https:// URL")
            .NeverSays("Tok-8812"),

        Retry("retry attempts 1000", "{attempts: 1000}").Says("retry attempts must be a whole number from 1 to 100, not '1000'"),
        Retry("retry 1000 as a number", "1000").Says("retry attempts must be a whole number from 1 to 100, not '1000'"),
        Retry("retry delay 0s", "{attempts: 3, delay: 0s}").Says("retry delay must be from 100ms to 1d, not '0s'"),
        Retry("retry delay 1ms", "{attempts: 3, delay: 1ms}").Says("retry delay must be from 100ms to 1d, not '1ms'"),
        Retry("retry max_delay 2d", "{attempts: 3, max_delay: 2d}").Says("retry max_delay must be from 100ms to 1d, not '2d'"),
        Retry("retry max_delay below delay", "{attempts: 3, delay: 10s, max_delay: 1s}")
            .Says("retry max_delay (1s) is shorter than delay (10s)"),
        Retry("retry delay that overflows", "{attempts: 3, delay: 99999999999999999999d}").Says("'99999999999999999999d'"),

        Run("a parameter given twice", ["--day", "2026-01-01", "--day", "2026-01-02"]).Says("parameter --day is given twice: give it once"),
        Run("a parameter given twice in two spellings", ["--day", "2026-01-01", "--day=2026-01-02"]).Says("parameter --day is given twice"),
        Run("a secret parameter given twice does not echo it", ["--day", "2026-01-01", "--token", "hunter2-first", "--token", "hunter2-second"])
            .Says("parameter --token is given twice")
            .NeverSays("hunter2"),
    };

    /// <summary>The case names, one test row each.</summary>
    public static TheoryData<string> Names => Cases.Names;

    [Theory]
    [MemberData(nameof(Names))]
    public Task Loader_refuses_the_hostile_configuration_clearly(string name) => Cases[name].AssertAsync();

    private static HostileCase Run(string name, string[] parameters) =>
        new HostileCase(name).WithWorkflow("stamp.yml", Stamp).Running(["run", "Stamp", .. parameters]);

    private static HostileCase Flag(string name, string workers) =>
        Run(name, ["--day", "2026-01-01", "--workers", workers]).Says($"--workers must be a whole number from 1 to 1024, not '{workers}'");

    private static HostileCase Environment(string name, string key, string value) =>
        Run(name, ["--day", "2026-01-01"]).WithEnvironment("LOADER_" + key, value);

    private static HostileCase ConfigFile(string name, string yaml) =>
        new HostileCase(name).WithWorkflow("stamp.yml", Stamp).WithFile("extra.yml", yaml)
            .Running("--config", "extra.yml", "run", "Stamp", "--day", "2026-01-01");

    private static HostileCase Retry(string name, string retry) =>
        new HostileCase(name).WithWorkflow("retry.yml", $"workflow: Retrying\ntasks:\n  Flaky:\n    uses: noop\n    retry: {retry}\n")
            .Says("workflows/retry.yml:5:");
}
