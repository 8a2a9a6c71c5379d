using System.Collections.Concurrent;
using System.Diagnostics;
using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Loader.Emr.Tests.Support;

/// <summary>
/// A stand-in for the EMR API on 127.0.0.1: checks the SigV4 signature of every request with the known secret, keeps
/// clusters and steps with EMR's state machines, and really runs each step's command-runner args on this machine.
/// </summary>
public sealed partial class FakeEmr : IAsyncDisposable
{
    public const string AccessKey = "AKIDEMRTEST";
    public const string SecretKey = "emr-test-secret";
    public const string Region = "us-east-1";

    private static readonly JsonSerializerOptions Json = new() { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, FakeCluster> _clusters = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _ticker;
    private int _throttle;
    private int _serverErrors;
    private int _ids;

    private FakeEmr(WebApplication app)
    {
        _app = app;
        _ticker = Task.Run(TickAsync);
    }

    /// <summary>The service URL.</summary>
    public Uri Url { get; private set; } = null!;

    /// <summary>Every operation received (signature checked or not).</summary>
    public ConcurrentQueue<string> Operations { get; } = new();

    /// <summary>Requests rejected for a bad signature.</summary>
    public int Rejected;

    /// <summary>Writes a step's stderr to S3 at <c>LOGURI/CLUSTER/steps/STEP/stderr.gz</c>; null: not kept.</summary>
    public Func<string, string, byte[], Task>? PutLog { get; set; }

    /// <summary>New clusters stay BOOTSTRAPPING for ever (a bootstrap action that hangs).</summary>
    public bool NeverReady { get; set; }

    /// <summary>Answers the next <paramref name="count"/> requests with HTTP 500 InternalServerError.</summary>
    public void FailWithServerErrors(int count) => Interlocked.Exchange(ref _serverErrors, count);

    /// <summary>Answers the next <paramref name="count"/> requests with ThrottlingException.</summary>
    public void Throttle(int count) => Interlocked.Exchange(ref _throttle, count);

    /// <summary>Starts the server.</summary>
    public static async Task<FakeEmr> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var fake = new FakeEmr(app);
        app.MapPost("/", fake.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        fake.Url = new Uri(address.EndsWith('/') ? address : address + "/");
        return fake;
    }

    /// <summary>Settings that reach this server with the known key.</summary>
    public EmrSettings Settings(string secret = SecretKey) => new()
    {
        Endpoint = Url,
        Region = Region,
        AccessKey = AccessKey,
        SecretKey = secret,
        Poll = TimeSpan.FromMilliseconds(50),
        MaxPoll = TimeSpan.FromMilliseconds(200),
        RetryDelay = TimeSpan.FromMilliseconds(20),
    };

    /// <summary>Configuration keys for the same settings.</summary>
    public Dictionary<string, string> ConfigurationKeys => new()
    {
        ["emr:endpoint"] = Url.ToString(),
        ["emr:region"] = Region,
        ["emr:access_key"] = AccessKey,
        ["emr:secret_key"] = SecretKey,
        ["emr:poll"] = "50ms",
        ["emr:max_poll"] = "200ms",
        ["emr:retry_delay"] = "20ms",
    };

    /// <summary>A cluster's state.</summary>
    public string ClusterState(string id) => _clusters[id].State;

    private async Task HandleAsync(HttpContext http)
    {
        using var buffer = new MemoryStream();
        await http.Request.Body.CopyToAsync(buffer);
        var body = buffer.ToArray();
        var target = http.Request.Headers["X-Amz-Target"].ToString();
        var operation = target.StartsWith("ElasticMapReduce.", StringComparison.Ordinal) ? target["ElasticMapReduce.".Length..] : "";
        Operations.Enqueue(operation);
        if (VerifySignature(http.Request, body) is { } problem)
        {
            Interlocked.Increment(ref Rejected);
            await ErrorAsync(http, 403, "InvalidSignatureException", problem);
            return;
        }
        if (http.Request.ContentType != "application/x-amz-json-1.1")
        {
            await ErrorAsync(http, 400, "SerializationException", $"content type {http.Request.ContentType}");
            return;
        }
        if (Interlocked.Decrement(ref _throttle) >= 0)
        {
            await ErrorAsync(http, 400, "ThrottlingException", "Rate exceeded");
            return;
        }
        Interlocked.Exchange(ref _throttle, Math.Max(0, _throttle));
        if (Interlocked.Decrement(ref _serverErrors) >= 0)
        {
            await ErrorAsync(http, 500, "InternalServerError", "We encountered an internal error. Please try again.");
            return;
        }
        Interlocked.Exchange(ref _serverErrors, Math.Max(0, _serverErrors));
        try
        {
            object? result = operation switch
            {
                "RunJobFlow" => RunJobFlow(Read<RunJobFlowRequest>(body)),
                "DescribeCluster" => new DescribeClusterResponse { Cluster = Cluster(Read<DescribeClusterRequest>(body).ClusterId).Snapshot() },
                "ListClusters" => ListClusters(Read<ListClustersRequest>(body)),
                "AddJobFlowSteps" => AddSteps(Read<AddJobFlowStepsRequest>(body)),
                "DescribeStep" => DescribeStep(Read<DescribeStepRequest>(body)),
                "ListSteps" => ListSteps(Read<ListStepsRequest>(body)),
                "CancelSteps" => CancelSteps(Read<CancelStepsRequest>(body)),
                "TerminateJobFlows" => Terminate(Read<TerminateJobFlowsRequest>(body)),
                _ => throw new FakeError(400, "UnknownOperationException", $"unknown operation '{operation}'"),
            };
            http.Response.ContentType = "application/x-amz-json-1.1";
            await http.Response.WriteAsync(JsonSerializer.Serialize(result, result!.GetType(), Json));
        }
        catch (FakeError e)
        {
            await ErrorAsync(http, e.Status, e.Type, e.Message);
        }
    }

    private string? VerifySignature(HttpRequest request, byte[] body)
    {
        var auth = request.Headers.Authorization.ToString();
        var match = AuthPattern().Match(auth);
        if (!match.Success)
        {
            return "missing or malformed Authorization header";
        }
        if (match.Groups["key"].Value != AccessKey)
        {
            return "unknown access key";
        }
        var date = request.Headers["X-Amz-Date"].ToString();
        if (date.Length < 8 || match.Groups["date"].Value != date[..8] || match.Groups["region"].Value != Region || match.Groups["service"].Value != "elasticmapreduce")
        {
            return "credential scope does not match";
        }
        var names = match.Groups["signed"].Value.Split(';');
        if (!names.Contains("host") || !names.Contains("x-amz-date") || !names.Contains("x-amz-target"))
        {
            return "host, x-amz-date and x-amz-target must be signed";
        }
        var headers = names.Select(n => (n, n == "host" ? request.Host.Value ?? "" : n == "content-type" ? request.ContentType ?? "" : request.Headers[n].ToString())).ToList();
        var expected = SigV4.Signature(SecretKey, Region, "elasticmapreduce", date, request.Method, request.Path.HasValue ? request.Path.Value! : "/", "", headers, body);
        return expected == match.Groups["sig"].Value ? null : "The request signature we calculated does not match the signature you provided.";
    }

    [GeneratedRegex(@"^AWS4-HMAC-SHA256 Credential=(?<key>[^/]+)/(?<date>\d{8})/(?<region>[^/]+)/(?<service>[^/]+)/aws4_request, ?SignedHeaders=(?<signed>[^,]+), ?Signature=(?<sig>[0-9a-f]{64})$")]
    private static partial Regex AuthPattern();

    private static async Task ErrorAsync(HttpContext http, int status, string type, string message)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "application/x-amz-json-1.1";
        await http.Response.WriteAsync(JsonSerializer.Serialize(new Dictionary<string, string> { ["__type"] = type, ["message"] = message }));
    }

    private static T Read<T>(byte[] body) => JsonSerializer.Deserialize<T>(body, Json) ?? throw new FakeError(400, "SerializationException", "empty body");

    private FakeCluster Cluster(string id) =>
        _clusters.TryGetValue(id, out var cluster) ? cluster : throw new FakeError(400, "InvalidRequestException", $"Cluster id '{id}' is not valid.");

    private RunJobFlowResponse RunJobFlow(RunJobFlowRequest request)
    {
        if (string.IsNullOrEmpty(request.Name))
        {
            throw new FakeError(400, "ValidationException", "Name is required");
        }
        var id = $"j-{Interlocked.Increment(ref _ids):D4}FAKE";
        var cluster = new FakeCluster(id, request.Name, request.LogUri, request.Instances.KeepJobFlowAliveWhenNoSteps, NeverReady);
        _clusters[id] = cluster;
        foreach (var step in request.Steps ?? [])
        {
            cluster.Add(NextStepId(), step);
        }
        return new RunJobFlowResponse { JobFlowId = id, ClusterArn = $"arn:aws:elasticmapreduce:{Region}:000000000000:cluster/{id}" };
    }

    private string NextStepId() => $"s-{Interlocked.Increment(ref _ids):D6}FAKE";

    private ListClustersResponse ListClusters(ListClustersRequest request) => new()
    {
        Clusters = [.. _clusters.Values.Where(c => request.ClusterStates is not { Count: > 0 } states || states.Contains(c.State))
            .Select(c => new ClusterSummary { Id = c.Id, Name = c.Name, Status = new ClusterStatus { State = c.State } })],
    };

    private AddJobFlowStepsResponse AddSteps(AddJobFlowStepsRequest request)
    {
        var cluster = Cluster(request.JobFlowId);
        if (cluster.State is "TERMINATING" or "TERMINATED" or "TERMINATED_WITH_ERRORS")
        {
            throw new FakeError(400, "ValidationException", $"A job flow that is shutting down, terminated, or finished may not be modified.");
        }
        return new AddJobFlowStepsResponse { StepIds = [.. request.Steps.Select(s => cluster.Add(NextStepId(), s).Id)] };
    }

    private DescribeStepResponse DescribeStep(DescribeStepRequest request) =>
        new() { Step = Cluster(request.ClusterId).Step(request.StepId).Snapshot() };

    private ListStepsResponse ListSteps(ListStepsRequest request) => new()
    {
        Steps = [.. Cluster(request.ClusterId).Steps.AsEnumerable().Reverse()
            .Where(s => request.StepStates is not { Count: > 0 } states || states.Contains(s.State))
            .Where(s => request.StepIds is not { Count: > 0 } ids || ids.Contains(s.Id))
            .Select(s => s.Snapshot())],
    };

    private CancelStepsResponse CancelSteps(CancelStepsRequest request)
    {
        var cluster = Cluster(request.ClusterId);
        return new CancelStepsResponse
        {
            CancelStepsInfoList = [.. request.StepIds.Select(id =>
            {
                var step = cluster.Step(id);
                var ok = step.Cancel();
                return new CancelStepsInfo { StepId = id, Status = ok ? "SUBMITTED" : "FAILED", Reason = ok ? null : $"step is {step.State}" };
            })],
        };
    }

    private EmptyResponse Terminate(TerminateJobFlowsRequest request)
    {
        foreach (var id in request.JobFlowIds)
        {
            Cluster(id).Terminate();
        }
        return new EmptyResponse();
    }

    /// <summary>Advances clusters and starts pending steps.</summary>
    private async Task TickAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            foreach (var cluster in _clusters.Values)
            {
                cluster.Advance(this);
            }
            try
            {
                await Task.Delay(40, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _ticker;
        foreach (var cluster in _clusters.Values)
        {
            cluster.Terminate();
        }
        await _app.StopAsync();
        await _app.DisposeAsync();
        _stop.Dispose();
    }

    private sealed class FakeError(int status, string type, string message) : Exception(message)
    {
        public int Status { get; } = status;
        public string Type { get; } = type;
    }

    private sealed class FakeCluster(string id, string name, string? logUri, bool keepAlive, bool neverReady)
    {
        private StateChangeReason? _reason;
        private readonly Lock _lock = new();
        private Task? _running;

        public string Id { get; } = id;
        public string Name { get; } = name;
        public string State { get; private set; } = "STARTING";
        public List<FakeStep> Steps { get; } = [];

        public Cluster Snapshot()
        {
            lock (_lock)
            {
                return new Cluster { Id = Id, Name = Name, LogUri = logUri, ReleaseLabel = "emr-7.5.0", MasterPublicDnsName = "127.0.0.1", Status = new ClusterStatus { State = State, StateChangeReason = _reason } };
            }
        }

        public FakeStep Add(string stepId, StepConfig config)
        {
            lock (_lock)
            {
                var step = new FakeStep(stepId, config);
                Steps.Add(step);
                return step;
            }
        }

        public FakeStep Step(string stepId)
        {
            lock (_lock)
            {
                return Steps.FirstOrDefault(s => s.Id == stepId) ?? throw new FakeError(400, "InvalidRequestException", $"Step id '{stepId}' is not valid.");
            }
        }

        public void Terminate()
        {
            lock (_lock)
            {
                if (State is "TERMINATED" or "TERMINATED_WITH_ERRORS")
                {
                    return;
                }
                State = "TERMINATING";
                _reason = new StateChangeReason { Code = "USER_REQUEST", Message = "Terminated by user request" };
                foreach (var step in Steps)
                {
                    step.Cancel();
                }
            }
        }

        public void Advance(FakeEmr emr)
        {
            lock (_lock)
            {
                switch (State)
                {
                    case "STARTING":
                        State = "BOOTSTRAPPING";
                        return;
                    case "BOOTSTRAPPING" when !neverReady:
                        State = "WAITING";
                        return;
                    case "TERMINATING":
                        if (_running is null || _running.IsCompleted)
                        {
                            State = "TERMINATED";
                        }
                        return;
                    case "WAITING" or "RUNNING":
                        if (_running is { IsCompleted: false })
                        {
                            return;
                        }
                        if (Steps.FirstOrDefault(s => s.State == "PENDING") is { } next)
                        {
                            State = "RUNNING";
                            _running = Task.Run(() => RunStepAsync(emr, next));
                        }
                        else
                        {
                            State = keepAlive ? "WAITING" : "TERMINATING";
                        }
                        return;
                }
            }
        }

        private async Task RunStepAsync(FakeEmr emr, FakeStep step)
        {
            var stderr = await step.RunAsync();
            if (emr.PutLog is { } put && logUri is { Length: > 0 })
            {
                using var gz = new MemoryStream();
                await using (var zip = new GZipStream(gz, CompressionLevel.Fastest, leaveOpen: true))
                {
                    await zip.WriteAsync(Encoding.UTF8.GetBytes(stderr));
                }
                await put(logUri, $"{Id}/steps/{step.Id}/stderr.gz", gz.ToArray());
            }
            step.Finish();
            lock (_lock)
            {
                if (step.State == "FAILED" && step.Config.ActionOnFailure is "TERMINATE_CLUSTER" or "TERMINATE_JOB_FLOW")
                {
                    State = "TERMINATING";
                }
                if (step.State == "FAILED" && step.Config.ActionOnFailure == "CANCEL_AND_WAIT")
                {
                    foreach (var pending in Steps.Where(s => s.State == "PENDING"))
                    {
                        pending.Cancel();
                    }
                }
            }
        }
    }

    private sealed class FakeStep(string id, StepConfig config)
    {
        private readonly Lock _lock = new();
        private Process? _process;
        private bool _cancelled;
        private int? _exit;
        private string? _failure;

        public string Id { get; } = id;
        public StepConfig Config { get; } = config;
        public string State { get; private set; } = "PENDING";

        public Step Snapshot()
        {
            lock (_lock)
            {
                return new Step
                {
                    Id = Id,
                    Name = Config.Name,
                    ActionOnFailure = Config.ActionOnFailure,
                    Config = Config.HadoopJarStep,
                    Status = new StepStatus
                    {
                        State = State,
                        FailureDetails = State == "FAILED" ? new FailureDetails { Reason = "Unknown Error.", Message = _failure } : null,
                    },
                };
            }
        }

        public bool Cancel()
        {
            lock (_lock)
            {
                switch (State)
                {
                    case "PENDING":
                        State = "CANCELLED";
                        return true;
                    case "RUNNING":
                        _cancelled = true;
                        State = "CANCEL_PENDING";
                        try
                        {
                            _process?.Kill(entireProcessTree: true);
                        }
                        catch (InvalidOperationException)
                        {
                        }
                        return true;
                    default:
                        return false;
                }
            }
        }

        /// <summary>Runs the command-runner args; returns stderr.</summary>
        public async Task<string> RunAsync()
        {
            var args = Config.HadoopJarStep.Args;
            var start = new ProcessStartInfo { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
            if (Config.HadoopJarStep.Jar != "command-runner.jar" || args.Count == 0)
            {
                lock (_lock)
                {
                    _exit = 1;
                    _failure = $"only command-runner.jar with args runs here, not {Config.HadoopJarStep.Jar}";
                }
                return _failure!;
            }
            start.FileName = args[0];
            foreach (var arg in args.Skip(1))
            {
                start.ArgumentList.Add(arg);
            }
            var stderr = new StringBuilder();
            lock (_lock)
            {
                if (State != "PENDING")
                {
                    return "";
                }
                State = "RUNNING";
                try
                {
                    _process = Process.Start(start)!;
                }
                catch (System.ComponentModel.Win32Exception e)
                {
                    _exit = 127;
                    _failure = e.Message;
                    return e.Message;
                }
            }
            var err = _process.StandardError.ReadToEndAsync();
            var output = _process.StandardOutput.ReadToEndAsync();
            await _process.WaitForExitAsync();
            stderr.Append(await err);
            await output;
            lock (_lock)
            {
                _exit = _process.ExitCode;
                _process.Dispose();
                _process = null;
            }
            return stderr.ToString();
        }

        public void Finish()
        {
            lock (_lock)
            {
                if (State is "CANCELLED")
                {
                    return;
                }
                State = _cancelled ? "CANCELLED" : _exit == 0 ? "COMPLETED" : "FAILED";
                if (State == "FAILED")
                {
                    _failure ??= $"command exited with code {_exit}";
                }
            }
        }
    }
}
