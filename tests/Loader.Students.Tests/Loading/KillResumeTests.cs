using System.Diagnostics;
using System.Text.Json;
using Loader.Students.Generator;
using Loader.Students.Tests.TestSupport;

namespace Loader.Students.Tests.Loading;

/// <summary>The real command line, killed with SIGKILL in the middle of a load, then run again.</summary>
public sealed class KillResumeTests : IAsyncLifetime
{
    private const int Students = 200_000;
    private const int Concurrency = 4;

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "loader-students-kill", Guid.NewGuid().ToString("N"));
    private ArtReceiver _art = null!;

    public async Task InitializeAsync()
    {
        _art = await ArtReceiver.StartAsync();
        Directory.CreateDirectory(Path.Combine(_folder, "workflows"));
        Directory.CreateDirectory(Path.Combine(_folder, "config"));
        await File.WriteAllTextAsync(Path.Combine(_folder, "workflows", "students.yml"), """
            workflow: KillTest
            parameters:
              csv: {type: string}
            tasks:
              Load:
                uses: students.load
                with:
                  file: ${csv}
                outputs:
                  done: {marker: "markers/${task.key}.json"}
            """);
        await File.WriteAllTextAsync(Path.Combine(_folder, "config", "default.yml"), $"""
            state:
              sqlite: .loader/state.db
            runner:
              workers: 1
              logs: .loader/logs
            art:
              auth_endpoint: "{_art.AuthEndpoint}"
              endpoint: "{_art.Endpoint}"
              client_id: {ArtReceiver.ClientId}
              client_secret: {ArtReceiver.ClientSecret}
              username: {ArtReceiver.Username}
              password: {ArtReceiver.Password}
              chunk_size: 2000
              concurrency: {Concurrency}
              retry_delay: 10ms
            students:
              rejects: rejects
            """);
        StudentFileGenerator.WriteFile(Path.Combine(_folder, "students.csv"), new StudentFileOptions { Students = Students, Seed = 9 });
    }

    public async Task DisposeAsync()
    {
        await _art.DisposeAsync();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [Fact]
    public async Task A_loader_killed_with_sigkill_resumes_where_every_batch_was_acknowledged()
    {
        _art.Delay = TimeSpan.FromMilliseconds(40);
        using (var first = Start())
        {
            var deadline = DateTime.UtcNow.AddSeconds(120);
            var firstErrors = first.StandardError.ReadToEndAsync();
            _ = first.StandardOutput.ReadToEndAsync();
            while (_art.Accepted < 30 && !first.HasExited && DateTime.UtcNow < deadline)
            {
                await Task.Delay(5);
            }
            var running = !first.HasExited;
            first.Kill(entireProcessTree: true);
            await first.WaitForExitAsync();
            Assert.True(running, $"the first run ended before it was killed: {await firstErrors}");
        }
        var afterKill = _art.Batches.Count;
        Assert.InRange(afterKill, 30, 90);

        _art.Delay = TimeSpan.Zero;
        using var second = Start();
        var output = second.StandardOutput.ReadToEndAsync();
        var errors = second.StandardError.ReadToEndAsync();
        Assert.True(second.WaitForExit(TimeSpan.FromSeconds(180)), "the second run did not finish");
        Assert.True(second.ExitCode == 0, $"exit code {second.ExitCode}: {await output}{await errors}");

        Deliveries.AssertComplete(_art.Batches, Path.Combine(_folder, "students.csv"), Concurrency);
        var marker = Directory.GetFiles(Path.Combine(_folder, "markers")).Single();
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(marker));
        var counts = json.RootElement.GetProperty("counts");
        Assert.True(counts.GetProperty("resumed_after").GetInt64() >= 50_000);
        Assert.Equal(Students, counts.GetProperty("resumed_after").GetInt64() + counts.GetProperty("posted").GetInt64());
    }

    private Process Start()
    {
        var loader = Path.Combine(AppContext.BaseDirectory, "loader.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = _folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { loader, "run", "KillTest", "--csv", Path.Combine(_folder, "students.csv") })
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment["CI"] = "true";
        return Process.Start(start)!;
    }
}
