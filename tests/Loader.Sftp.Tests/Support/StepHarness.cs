using System.Security.Cryptography;
using Loader.Configuration;
using Loader.Parameters;
using Loader.State.Sqlite;
using Loader.Steps;
using Loader.Targets;
using Loader.Tasks;
using Loader.Workflows;
using Microsoft.Extensions.Configuration;

namespace Loader.Sftp.Tests.Support;

/// <summary>
/// Runs the sftp.download step as the runner does: a task instance bound from a workflow file, a temporary output
/// beside the final path, the attempt's log; on success the output is renamed into place, on failure discarded.
/// </summary>
public sealed class StepHarness : IAsyncDisposable
{
    public const string Workflow = "StudentDownload";
    public static readonly DateOnly Day = new(2026, 1, 20);

    private readonly SqliteStateStore _state;

    /// <summary>A harness whose task has <paramref name="retry"/> (as written in a workflow file, like <c>{attempts: 3, delay: 30s}</c>), or none.</summary>
    public StepHarness(string? retry = null)
    {
        Directory.CreateDirectory(Path.Combine(Root, "workflows"));
        Directory.CreateDirectory(Path.Combine(Root, "config"));
        File.WriteAllText(Path.Combine(Root, "workflows", "download.yml"), $$"""
            workflow: {{Workflow}}
            parameters:
              interval:
                type: interval
            tasks:
              Download:
                per_day: interval
                uses: sftp.download
                with:
                  remote_path: ./Students/CA_students_${date:yyyyMMdd}.zip
                outputs:
                  archive: {{Data}}/CA_students_${date:yyyyMMdd}.zip
                {{(retry is null ? "" : $"retry: {retry}")}}

            """);
        _state = new SqliteStateStore(Path.Combine(Root, "state.db"));
    }

    /// <summary>The temporary folder of this harness.</summary>
    public string Root { get; } = Path.Combine(Path.GetTempPath(), "loader-sftp-harness", Guid.NewGuid().ToString("N"));

    /// <summary>Where the task's output goes.</summary>
    public string Data => Path.Combine(Root, "data");

    /// <summary>The final path of the task's output.</summary>
    public string FinalPath => Path.Combine(Data, "CA_students_20260120.zip");

    /// <summary>The remote path the workflow asks for, relative to the served folder.</summary>
    public const string RemoteRelative = "Students/CA_students_20260120.zip";

    public string PartPath => FinalPath + ".part";

    public string RecordPath => FinalPath + ".part.json";

    /// <summary>The steps the harness's workflows may use.</summary>
    public static StepRegistry Steps(SftpDownloadStep? step = null) => StepRegistry.WithBuiltIns().Add(step ?? new SftpDownloadStep());

    /// <summary>The configuration of the harness's config folder (default.yml, secret.yml).</summary>
    public LoaderConfiguration Configuration() =>
        LoaderConfiguration.Load(new ConfigLayers(Path.Combine(Root, "config"), [], new Dictionary<string, string?>()));

    /// <summary>The one task instance of the workflow, for 2026-01-20.</summary>
    public TaskInstance Task()
    {
        var catalog = WorkflowCatalog.Load([Path.Combine(Root, "workflows")], Steps());
        Assert.Empty(catalog.Problems);
        var graph = new GraphBinder(catalog, Configuration(), new ParameterParser(TimeProvider.System, Day))
            .Bind(Workflow, new Dictionary<string, string> { ["interval"] = "2026-01-20" });
        return Assert.Single(graph.Instances);
    }

    /// <summary>Runs <paramref name="step"/> once with <paramref name="inputs"/>, and <paramref name="configuration"/> for its fallbacks.</summary>
    public async Task<StepRun> RunAsync(
        SftpDownloadStep step, IReadOnlyDictionary<string, object> inputs, IConfiguration? configuration = null, CancellationToken cancellationToken = default)
    {
        // As the local target store prepares an output: its folder exists, the file does not.
        Directory.CreateDirectory(Data);
        var output = AtomicFile.TemporaryPathFor(FinalPath);
        var logPath = Path.Combine(Root, "logs", $"{Guid.NewGuid():N}.log");
        var progress = new List<string>();
        var context = new StepContext
        {
            Task = Task(),
            Attempt = 1,
            RunId = 1,
            Inputs = inputs,
            Outputs = new Dictionary<string, string> { ["archive"] = output },
            Log = new TaskLog(logPath, SecretMasker.None),
            Configuration = configuration ?? new ConfigurationBuilder().Build(),
            State = _state,
            Clock = TimeProvider.System,
            Progress = message => { lock (progress) { progress.Add(message); } },
            Step = step.Descriptor,
        };
        Exception? error = null;
        try
        {
            await step.RunAsync(context, cancellationToken);
            AtomicFile.MoveIntoPlace(output, FinalPath);
        }
        catch (Exception e)
        {
            error = e;
            File.Delete(output);
        }
        await context.Log.DisposeAsync();
        var log = File.Exists(logPath) ? await File.ReadAllTextAsync(logPath) : "";
        return new StepRun(error, log, progress, new Dictionary<string, object>(context.Counts));
    }

    /// <summary>The SHA-256 of a file, in hex.</summary>
    public static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexString(SHA256.HashData(stream));
    }

    /// <summary>Random bytes, the same for the same seed.</summary>
    public static byte[] RandomBytes(int count, int seed = 7)
    {
        var bytes = new byte[count];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    public async ValueTask DisposeAsync()
    {
        await _state.DisposeAsync();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

/// <summary>What one run of the step did.</summary>
public sealed record StepRun(Exception? Error, string Log, IReadOnlyList<string> Progress, IReadOnlyDictionary<string, object> Counts)
{
    /// <summary>Fails the test, showing the error and the log, unless the step succeeded.</summary>
    public StepRun Succeeded()
    {
        Assert.True(Error is null, $"the step failed: {Error}{Environment.NewLine}log:{Environment.NewLine}{Log}");
        return this;
    }

    /// <summary>The error, which must be of type <typeparamref name="T"/>.</summary>
    public T Failed<T>() where T : Exception
    {
        Assert.True(Error is T, $"expected {typeof(T).Name}, got {Error?.GetType().Name ?? "success"}: {Error?.Message}{Environment.NewLine}log:{Environment.NewLine}{Log}");
        return (T)Error!;
    }
}
