using System.Diagnostics;
using System.Text;
using Loader.Cli.Tests.Infrastructure;

namespace Loader.Cli.Tests.Commands;

/// <summary>A secret reaches a step through its environment, never its arguments, which every local user can read (<c>ps</c>).</summary>
[Collection(SerialCollection.Name)]
public sealed class SecretArgumentTests
{
    private const string Secret = "argv-s3cr3t-9f1c";

    private const string Workflow = """
        workflow: Secretive
        tasks:
          Login:
            uses: shell
            with:
              command: |
                echo "${config.art.password}" | wc -c > /dev/null
                touch started; sleep 2; sh -c 'echo child' > /dev/null
                printf '%s' "${config.art.password}" > "${outputs.out}"
            outputs:
              out: out/login.txt
        """;

    private const string AsArgument = """
        workflow: AsArgument
        tasks:
          AsArgument:
            uses: shell
            with:
              command: /bin/echo
              args: ["--password=${config.art.password}"]
            outputs:
              out: out/argument.txt
        """;

    [Fact]
    public async Task A_shell_line_with_a_secret_is_in_no_process_arguments_while_the_step_runs()
    {
        using var folder = Folder();
        var run = folder.Start("run", "Secretive");
        var seen = 0;
        var waited = Stopwatch.StartNew();
        while (!run.HasExited && waited.Elapsed < WorkFolder.CommandTimeout)
        {
            if (File.Exists(folder.Path("started")))
            {
                seen++;
                var leaking = ProcessTable.CommandLines().Where(p => p.Value.AsSpan().IndexOf(Encoding.UTF8.GetBytes(Secret)) >= 0).Select(p => p.Key);
                Assert.True(!leaking.Any(), $"the secret is in the arguments of {ProcessTable.Describe(leaking)}");
            }
            await Task.Delay(20);
        }

        (await run.WaitAsync(WorkFolder.CommandTimeout)).ExitsWith(0);
        Assert.True(seen > 10, "the step's processes were never scanned while it ran");
        // The step had the secret all along: it wrote it.
        Assert.Equal(Secret, File.ReadAllText(folder.Path("out/login.txt")));
    }

    [Fact]
    public async Task A_secret_in_args_is_refused_with_a_pointer_to_env()
    {
        using var folder = Folder();

        var result = await folder.RunAsync("run", "AsArgument");

        result.ExitsWith(30).Prints("input 'args' holds a secret").Prints("pass the secret in 'env'");
        Assert.DoesNotContain(Secret, result.Output);
        Assert.False(File.Exists(folder.Path("out/argument.txt")));
    }

    private static WorkFolder Folder() =>
        WorkFolder.Create()
            .WithWorkflow("secretive.yml", Workflow)
            .WithWorkflow("as-argument.yml", AsArgument)
            .WithSecret($"art:\n  password: {Secret}\n", UnixFileMode.UserRead | UnixFileMode.UserWrite);
}
