using System.Globalization;
using Loader.Configuration;
using Loader.Parameters;
using Loader.Sftp;
using Loader.Steps;
using Loader.Targets;
using Loader.Tasks;
using Loader.Workflows;
using Microsoft.Extensions.Configuration;

namespace Loader.Bench.Sftp;

/// <summary>Runs the sftp.download step as the runner does: a bound task instance, a temporary output renamed into place.</summary>
internal sealed class StepDownload
{
    private readonly SftpDownloadStep _step = new();
    private readonly TaskInstance _task;
    private readonly ServerEndpoint _server;
    private readonly string _folder;
    private readonly string _remoteName;

    public StepDownload(ServerEndpoint server, string folder, string remoteName)
    {
        _server = server;
        _folder = folder;
        _remoteName = remoteName;
        var workflows = Path.Combine(folder, "workflows");
        Directory.CreateDirectory(workflows);
        File.WriteAllText(Path.Combine(workflows, "bench.yml"), $$"""
            workflow: SftpBench
            tasks:
              Download:
                uses: sftp.download
                with:
                  remote_path: ./{{remoteName}}
                outputs:
                  file: {{Output}}

            """);
        var steps = StepRegistry.WithBuiltIns().Add(_step);
        var catalog = WorkflowCatalog.Load([workflows], steps);
        catalog.ThrowIfInvalid();
        var configuration = LoaderConfiguration.Load(new ConfigLayers(Path.Combine(folder, "config"), [], new Dictionary<string, string?>()));
        _task = new GraphBinder(catalog, configuration, new ParameterParser(TimeProvider.System))
            .Bind("SftpBench", new Dictionary<string, string>()).Instances.Single();
    }

    public string Output => Path.Combine(_folder, "step-output.bin");

    public async Task<string> RunAsync(CancellationToken cancellationToken)
    {
        var written = AtomicFile.TemporaryPathFor(Output);
        var log = Path.Combine(_folder, "step.log");
        File.Delete(log);
        await using var taskLog = new TaskLog(log, SecretMasker.None);
        var context = new StepContext
        {
            Task = _task,
            Attempt = 1,
            RunId = 1,
            Inputs = new Dictionary<string, object>
            {
                ["host"] = "127.0.0.1",
                ["port"] = _server.Port.ToString(CultureInfo.InvariantCulture),
                ["user"] = ServerEndpoint.User,
                ["key_file"] = _server.UserKey,
                ["known_hosts"] = _server.KnownHosts,
                ["remote_path"] = "./" + _remoteName,
            },
            Outputs = new Dictionary<string, string> { ["file"] = written },
            Log = taskLog,
            Configuration = new ConfigurationBuilder().Build(),
            State = null!,
            Clock = TimeProvider.System,
            Progress = _ => { },
            Step = _step.Descriptor,
        };
        await _step.RunAsync(context, cancellationToken);
        AtomicFile.MoveIntoPlace(written, Output);
        await taskLog.DisposeAsync();
        return await File.ReadAllTextAsync(log, cancellationToken);
    }
}
