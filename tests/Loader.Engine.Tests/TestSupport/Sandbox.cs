using Loader.Configuration;
using Loader.Parameters;
using Loader.Steps;
using Loader.Tasks;
using Loader.Workflows;
using Microsoft.Extensions.Time.Testing;

namespace Loader.Engine.Tests.TestSupport;

/// <summary>
/// A temporary folder for one test: workflow files, a config folder and a data folder, removed when the test ends.
/// The configuration's <c>data_dir</c> points at <see cref="Data"/>, given through the environment layer.
/// </summary>
public sealed class Sandbox : IDisposable
{
    /// <summary>The "now" of every fake clock: 2026-01-20, mid-morning UTC.</summary>
    public static readonly DateTimeOffset Now = new(2026, 1, 20, 9, 30, 0, TimeSpan.Zero);

    private readonly Dictionary<string, string?> _environment = new(StringComparer.Ordinal);

    public Sandbox()
    {
        Directory.CreateDirectory(Root);
        Directory.CreateDirectory(Workflows);
        Directory.CreateDirectory(ConfigFolder);
        _environment["LOADER_data_dir"] = Data;
    }

    /// <summary>The folder.</summary>
    public string Root { get; } = Path.Combine(Path.GetTempPath(), "loader-engine-tests", Guid.NewGuid().ToString("N"));

    /// <summary>Where workflow files go.</summary>
    public string Workflows => Path.Combine(Root, "workflows");

    /// <summary>Where <c>default.yml</c> and <c>secret.yml</c> go.</summary>
    public string ConfigFolder => Path.Combine(Root, "config");

    /// <summary>Where tasks write their outputs: <c>${config.data_dir}</c>.</summary>
    public string Data => Path.Combine(Root, "data");

    /// <summary>A clock stopped at <see cref="Now"/>.</summary>
    public FakeTimeProvider Clock { get; } = new(Now);

    /// <summary>The built-in steps: shell, noop, external.</summary>
    public StepRegistry Steps { get; } = StepRegistry.WithBuiltIns();

    /// <summary>A path under the sandbox.</summary>
    public string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    /// <summary>Writes a file (creating its folder) and returns its path.</summary>
    public string Write(string relativePath, string text)
    {
        var path = Path.Combine(Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>Writes a workflow file under <see cref="Workflows"/>.</summary>
    public string WriteWorkflow(string fileName, string yaml) => Write(Path.Combine("workflows", fileName), yaml);

    /// <summary>Writes <c>config/default.yml</c>.</summary>
    public void WriteDefaults(string yaml) => Write(Path.Combine("config", "default.yml"), yaml);

    /// <summary>Sets an environment variable of the configuration's environment layer (never the process's).</summary>
    public void SetEnvironment(string name, string? value) => _environment[name] = value;

    /// <summary>Every workflow file under <see cref="Workflows"/>, read and checked.</summary>
    public WorkflowCatalog Catalog() => WorkflowCatalog.Load([Workflows], Steps);

    /// <summary>The catalog, which must have no problem.</summary>
    public WorkflowCatalog ValidCatalog()
    {
        var catalog = Catalog();
        Assert.Empty(catalog.Problems);
        return catalog;
    }

    /// <summary>The layered configuration of <see cref="ConfigFolder"/>, the given files and the sandbox's environment.</summary>
    public LoaderConfiguration Configuration(params string[] files) =>
        LoaderConfiguration.Load(new ConfigLayers(ConfigFolder, files, _environment));

    /// <summary>A parser whose "today" is the fake clock's date.</summary>
    public ParameterParser Parser() => new(Clock);

    /// <summary>Binds <paramref name="workflow"/> from the sandbox's workflow files and configuration.</summary>
    public TaskGraph Bind(string workflow, IReadOnlyDictionary<string, string>? arguments = null) =>
        new GraphBinder(ValidCatalog(), Configuration(), Parser()).Bind(workflow, arguments ?? new Dictionary<string, string>());

    /// <inheritdoc />
    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }
}
