namespace Loader.Studio.Tests.Infrastructure;

/// <summary>
/// A temporary working folder as a user has it: workflows/ (the shipped DailyPipeline, one that uses a secret, a slow one, one that talks while it waits, one that fails on one day, a broken one),
/// config/default.yml and a private config/secret.yml holding <see cref="SecretValue"/>.
/// </summary>
public sealed class StudioFolder : IDisposable
{
    /// <summary>The secret no response may ever contain.</summary>
    public const string SecretValue = "Xq7-secret-value-91c4";

    /// <summary>The value of the workflow's own <c>secret: true</c> parameter.</summary>
    public const string SecretParameterValue = "param-secret-5e2b";

    public StudioFolder()
    {
        Root = Path.Combine(Path.GetTempPath(), "loader-studio-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(Root, "workflows"));
        Directory.CreateDirectory(Path.Combine(Root, "config"));
        File.Copy(Path.Combine(AppContext.BaseDirectory, "Shipped", "daily-pipeline.yml"), Path.Combine(Root, "workflows", "daily-pipeline.yml"));
        File.WriteAllText(Path.Combine(Root, "workflows", "secret-flow.yml"), $$"""
            workflow: SecretFlow
            description: Calls a service with a password from secret.yml.
            parameters:
              api_key:
                type: string
                secret: true
                default: {{SecretParameterValue}}
              pin:
                type: int
                secret: true
                default: "7"
            tasks:
              UseSecret:
                description: Prints the password and the key to its log, which the Studio must mask.
                uses: shell
                with:
                  command: echo "password ${config.api.password} key ${api_key}" && touch "${outputs.done}"
                outputs:
                  done: ${config.data_dir}/secret-flow.done
            """);
        File.WriteAllText(Path.Combine(Root, "workflows", "hourly-flow.yml"), """
            workflow: HourlyFlow
            parameters:
              interval: interval
            tasks:
              Fetch:
                per_hour: interval
                uses: noop
                outputs:
                  log: ${config.data_dir}/hourly/${hour:yyyyMMddHH}.log
            """);
        File.WriteAllText(Path.Combine(Root, "workflows", "slow-flow.yml"), """
            workflow: SlowFlow
            tasks:
              Sleep:
                uses: shell
                with:
                  command: sleep 60 && touch "${outputs.done}"
                outputs:
                  done: ${config.data_dir}/slow-flow.done
            """);
        File.WriteAllText(Path.Combine(Root, "workflows", "chatty-flow.yml"), """
            workflow: ChattyFlow
            tasks:
              Talk:
                description: Says a line, waits for the file 'release' in the data folder, then says another with the password.
                uses: shell
                with:
                  command: |
                    echo "first line"
                    while [ ! -e "${config.data_dir}/release" ]; do sleep 0.05; done
                    echo "second line, password ${config.api.password}"
                    touch "${outputs.done}"
                outputs:
                  done: ${config.data_dir}/chatty.done
            """);
        File.WriteAllText(Path.Combine(Root, "workflows", "flaky-flow.yml"), """
            workflow: FlakyFlow
            parameters:
              days: {type: interval}
            tasks:
              Daily:
                per_day: days
                uses: shell
                with:
                  command: test "${date}" != "2026-01-02" && touch "${outputs.done}"
                outputs:
                  done: ${config.data_dir}/flaky/${date}.done
            """);
        File.WriteAllText(Path.Combine(Root, "workflows", "broken.yml"), "workflow: Broken\ntasks:\n  A:\n    uses: no-such-step\n");
        File.WriteAllText(Path.Combine(Root, "config", "default.yml"), $"""
            data_dir: {Path.Combine(Root, "data")}
            state:
              sqlite: {Path.Combine(Root, "state.db")}
            runner:
              logs: {LogFolder}
            DailyPipeline:
              overwrite_n_days: 0
            api:
              user: studio
            """);
        var secret = Path.Combine(Root, "config", "secret.yml");
        File.WriteAllText(secret, $"api:\n  password: {SecretValue}\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(secret, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    /// <summary>The working folder.</summary>
    public string Root { get; }

    /// <summary>Where attempt logs go.</summary>
    public string LogFolder => Path.Combine(Root, "logs");

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A run's log may still be open; the folder is under /tmp.
        }
    }
}
