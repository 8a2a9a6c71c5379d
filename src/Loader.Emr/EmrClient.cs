using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Amazon.Runtime;
using Amazon.Runtime.Credentials;
using Amazon.Runtime.Signing;
using Amazon;
using Polly;
using Polly.Retry;

namespace Loader.Emr;

/// <summary>An error EMR answered with (<c>__type</c> and <c>message</c>), or an HTTP failure.</summary>
public sealed class EmrException(string operation, HttpStatusCode status, string? type, string message)
    : Exception($"EMR {operation} failed: {(type is null ? "" : type + ": ")}{message} (HTTP {(int)status})")
{
    /// <summary>The operation.</summary>
    public string Operation { get; } = operation;

    /// <summary>The HTTP status.</summary>
    public HttpStatusCode Status { get; } = status;

    /// <summary>The error type without its namespace, such as <c>ThrottlingException</c>.</summary>
    public string? Type { get; } = type;

    /// <summary>Whether EMR refused the request for its rate: it was not carried out, and another try may succeed.</summary>
    public bool Throttled => Type is "ThrottlingException" or "Throttling" or "RequestLimitExceeded";

    /// <summary>Whether another try may succeed: throttling and server errors.</summary>
    public bool Transient => Throttled || (int)Status >= 500;
}

/// <summary>A thin EMR client: JSON 1.1 POSTs signed by AWSSDK.Core's SigV4 signer, retried with backoff when throttled or on 5xx.</summary>
public sealed class EmrClient : IDisposable
{
    internal static readonly JsonSerializerOptions Json = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    private readonly HttpClient _http;
    private readonly bool _ownsHttp;
    private readonly EmrSettings _settings;
    private readonly AWSCredentials _credentials;
    private readonly RegionEndpoint _region;
    private readonly ResiliencePipeline _retry;
    private readonly ResiliencePipeline _retryThrottled;
    private readonly TimeProvider _clock;
    private int _requests;

    /// <summary>A client for <paramref name="settings"/>; <paramref name="http"/> for tests.</summary>
    public EmrClient(EmrSettings settings, HttpClient? http = null, TimeProvider? clock = null)
    {
        _settings = settings;
        _ownsHttp = http is null;
        _http = http ?? new HttpClient();
        _clock = clock ?? TimeProvider.System;
        _credentials = settings.AccessKey is { } accessKey
            ? new BasicAWSCredentials(accessKey, settings.SecretKey)
            : DefaultAWSCredentialsIdentityResolver.GetCredentials(null);
        _region = RegionEndpoint.GetBySystemName(settings.Region);
        _retry = Retrying(settings, new PredicateBuilder().Handle<EmrException>(e => e.Transient).Handle<HttpRequestException>());
        // RunJobFlow and AddJobFlowSteps take no idempotency token: after a 5xx or a dropped connection the
        // cluster or step may exist already, so only a throttled (refused, not carried out) call is sent again.
        _retryThrottled = Retrying(settings, new PredicateBuilder().Handle<EmrException>(e => e.Throttled));
    }

    private static ResiliencePipeline Retrying(EmrSettings settings, PredicateBuilder<object> shouldHandle) =>
        new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = shouldHandle,
                MaxRetryAttempts = settings.Retries,
                Delay = settings.RetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
            })
            .Build();

    /// <summary>The settings.</summary>
    public EmrSettings Settings => _settings;

    /// <summary>The clock requests are signed and polls are timed by.</summary>
    public TimeProvider Clock => _clock;

    /// <summary>Requests sent, retries included.</summary>
    public int Requests => _requests;

    /// <summary>Creates a cluster; sent again only when throttled.</summary>
    public Task<RunJobFlowResponse> RunJobFlowAsync(RunJobFlowRequest request, CancellationToken ct) =>
        _retryThrottled.ExecuteAsync(async token => await SendOnceAsync<RunJobFlowResponse>("RunJobFlow", request, token), ct).AsTask();

    public Task<DescribeClusterResponse> DescribeClusterAsync(string clusterId, CancellationToken ct) =>
        CallAsync<DescribeClusterResponse>("DescribeCluster", new DescribeClusterRequest { ClusterId = clusterId }, ct);

    public Task<ListClustersResponse> ListClustersAsync(ListClustersRequest request, CancellationToken ct) => CallAsync<ListClustersResponse>("ListClusters", request, ct);

    /// <summary>Adds steps to a cluster; sent again only when throttled.</summary>
    public Task<AddJobFlowStepsResponse> AddJobFlowStepsAsync(AddJobFlowStepsRequest request, CancellationToken ct) =>
        _retryThrottled.ExecuteAsync(async token => await SendOnceAsync<AddJobFlowStepsResponse>("AddJobFlowSteps", request, token), ct).AsTask();

    public Task<DescribeStepResponse> DescribeStepAsync(string clusterId, string stepId, CancellationToken ct) =>
        CallAsync<DescribeStepResponse>("DescribeStep", new DescribeStepRequest { ClusterId = clusterId, StepId = stepId }, ct);

    public Task<ListStepsResponse> ListStepsAsync(ListStepsRequest request, CancellationToken ct) => CallAsync<ListStepsResponse>("ListSteps", request, ct);

    public Task<CancelStepsResponse> CancelStepsAsync(CancelStepsRequest request, CancellationToken ct) => CallAsync<CancelStepsResponse>("CancelSteps", request, ct);

    public Task TerminateJobFlowsAsync(IEnumerable<string> clusterIds, CancellationToken ct) =>
        CallAsync<EmptyResponse>("TerminateJobFlows", new TerminateJobFlowsRequest { JobFlowIds = [.. clusterIds] }, ct);

    /// <summary>Every cluster in <paramref name="states"/> (all pages).</summary>
    public async Task<List<ClusterSummary>> ListAllClustersAsync(IEnumerable<string>? states, CancellationToken ct)
    {
        var all = new List<ClusterSummary>();
        string? marker = null;
        do
        {
            var page = await ListClustersAsync(new ListClustersRequest { ClusterStates = states?.ToList(), Marker = marker }, ct);
            all.AddRange(page.Clusters);
            marker = page.Marker;
        }
        while (marker is { Length: > 0 });
        return all;
    }

    /// <summary>Sends one operation that is safe to repeat, retrying transient failures.</summary>
    public async Task<T> CallAsync<T>(string operation, object request, CancellationToken ct) =>
        await _retry.ExecuteAsync(async token => await SendOnceAsync<T>(operation, request, token), ct);

    private async Task<T> SendOnceAsync<T>(string operation, object request, CancellationToken ct)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(request, request.GetType(), Json);
        const string contentType = "application/x-amz-json-1.1";
        var target = "ElasticMapReduce." + operation;
        var signing = new AWSSigningRequest { HttpMethod = HttpMethod.Post, RequestUri = _settings.ServiceUrl, Content = body };
        signing.Headers["Content-Type"] = contentType;
        signing.Headers["X-Amz-Target"] = target;
        var signed = await AWSSigV4Signer.SignAsync(signing, new AWSSigV4Parameters
        {
            Credentials = _credentials,
            Region = _region,
            Service = "elasticmapreduce",
            SignedAt = _clock.GetUtcNow().UtcDateTime,
        }, ct);
        using var message = new HttpRequestMessage(HttpMethod.Post, _settings.ServiceUrl);
        message.Content = new ByteArrayContent(body);
        message.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        message.Headers.TryAddWithoutValidation("X-Amz-Target", target);
        foreach (var (name, value) in signed.Headers)
        {
            message.Headers.TryAddWithoutValidation(name, value);
        }
        Interlocked.Increment(ref _requests);
        using var response = await _http.SendAsync(message, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode)
        {
            EmrErrorBody? error = null;
            try
            {
                error = text.Length > 0 ? JsonSerializer.Deserialize<EmrErrorBody>(text, Json) : null;
            }
            catch (JsonException)
            {
            }
            var type = error?.Type is { } t ? t[(t.LastIndexOf('#') + 1)..] : null;
            throw new EmrException(operation, response.StatusCode, type, error?.Message ?? error?.UpperMessage ?? (text.Length > 0 ? text : response.ReasonPhrase ?? ""));
        }
        return (text.Length == 0 ? default : JsonSerializer.Deserialize<T>(text, Json)) ?? Activator.CreateInstance<T>();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_ownsHttp)
        {
            _http.Dispose();
        }
    }
}
