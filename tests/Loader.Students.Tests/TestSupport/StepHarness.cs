using System.Collections.Concurrent;
using Loader.State.Sqlite;
using Loader.Steps;
using Microsoft.Extensions.Configuration;

namespace Loader.Students.Tests.TestSupport;

/// <summary>
/// Runs <c>students.load</c> the way the runner does (a <see cref="StepContext"/> with configuration, a SQLite state store and a
/// log) in a temporary folder, with the <c>art:</c> section pointing at a receiver.
/// </summary>
public sealed class StepHarness : IAsyncDisposable
{
    private int _attempt;

    private StepHarness(ArtReceiver? receiver)
    {
        Directory.CreateDirectory(Folder);
        State = new SqliteStateStore(Path.Combine(Folder, "state.db"));
        Config["students:rejects"] = Path.Combine(Folder, "rejects");
        Config["art:retry_delay"] = "10ms";
        if (receiver is not null)
        {
            Config["art:auth_endpoint"] = receiver.AuthEndpoint.ToString();
            Config["art:endpoint"] = receiver.Endpoint.ToString();
            Config["art:client_id"] = ArtReceiver.ClientId;
            Config["art:client_secret"] = ArtReceiver.ClientSecret;
            Config["art:username"] = ArtReceiver.Username;
            Config["art:password"] = ArtReceiver.Password;
        }
    }

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "loader-students-tests", Guid.NewGuid().ToString("N"));

    public SqliteStateStore State { get; }

    /// <summary>The configuration the step sees, as flat keys ("art:endpoint").</summary>
    public Dictionary<string, string?> Config { get; } = [];

    public ConcurrentQueue<string> Progress { get; } = new();

    public StudentLoadStep Step { get; } = new();

    public string LogPath => Path.Combine(Folder, "logs", $"attempt{_attempt}.log");

    public string LogText => File.Exists(LogPath) ? File.ReadAllText(LogPath) : "";

    public string RejectsFolder => Path.Combine(Folder, "rejects");

    public static async Task<StepHarness> CreateAsync(ArtReceiver? receiver)
    {
        var harness = new StepHarness(receiver);
        await harness.State.InitializeAsync(CancellationToken.None);
        return harness;
    }

    /// <summary>Writes a file in the folder and returns its path.</summary>
    public string Write(string name, string text, System.Text.Encoding? encoding = null)
    {
        var path = Path.Combine(Folder, name);
        File.WriteAllText(path, text, encoding ?? System.Text.Encoding.Latin1);
        return path;
    }

    /// <summary>Runs one attempt with <paramref name="inputs"/>; returns its context (for the counts).</summary>
    public async Task<StepContext> RunAsync(Dictionary<string, object> inputs, CancellationToken cancellationToken = default)
    {
        _attempt++;
        await using var log = new TaskLog(LogPath, SecretMasker.None);
        var context = new StepContext
        {
            Task = null!,
            Attempt = _attempt,
            RunId = 1,
            Inputs = inputs,
            Outputs = new Dictionary<string, string>(),
            Log = log,
            Configuration = new ConfigurationBuilder().AddInMemoryCollection(Config).Build(),
            State = State,
            Clock = TimeProvider.System,
            Progress = Progress.Enqueue,
            Step = Step.Descriptor,
        };
        await Step.RunAsync(context, cancellationToken);
        return context;
    }

    public async ValueTask DisposeAsync()
    {
        await State.DisposeAsync();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
