using System.Net;
using System.Net.Http.Headers;
using Loader.Steps;
using Loader.Students.Batching;
using Polly;
using Polly.Timeout;

namespace Loader.Students.Art;

/// <summary>
/// Posts one batch to ART: 202 Accepted with a Location is success; transient failures are retried by the pipeline; a refused
/// token is renewed once; any other answer stops the load with the batch's lines and ART's message.
/// </summary>
internal sealed class StudentBatchPoster(
    HttpClient http,
    ArtConnection art,
    ArtTokenSource tokens,
    ResiliencePipeline<HttpResponseMessage> pipeline,
    SecretMasker masker)
{
    /// <summary>Posts <paramref name="batch"/> under <paramref name="idempotencyKey"/>; returns its status URL (null when ART gave none).</summary>
    public async Task<Uri?> PostAsync(StudentBatch batch, string idempotencyKey, CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(ArtRetry.What, $"the batch of {batch.Describe()}");
        try
        {
            using var response = await pipeline.ExecuteAsync(
                async c => await SendAsync(batch, idempotencyKey, c.CancellationToken), context);
            if (response.StatusCode == HttpStatusCode.Accepted)
            {
                return response.Headers.Location is { } location ? new Uri(art.Endpoint, location) : null;
            }
            var message = masker.Mask(await ArtMessages.ReadAsync(response, cancellationToken));
            var status = $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}";
            throw ArtRetry.IsTransient(response.StatusCode)
                ? new StepFailedException($"ART kept failing ({status}) for the batch of {batch.Describe()} after {art.Retries} retries: {message}")
                : new ArtRefusedException($"ART refused the batch of {batch.Describe()} ({status}): {message}");
        }
        catch (HttpRequestException e)
        {
            throw new StepFailedException($"cannot reach ART at {art.Endpoint} for the batch of {batch.Describe()} after {art.Retries} retries: {e.Message}", e);
        }
        catch (TimeoutRejectedException e)
        {
            throw new StepFailedException(
                $"ART did not answer within {art.RequestTimeout.TotalSeconds:0} s for the batch of {batch.Describe()}, {art.Retries + 1} times", e);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private async Task<HttpResponseMessage> SendAsync(StudentBatch batch, string idempotencyKey, CancellationToken cancellationToken)
    {
        var token = await tokens.GetAsync(cancellationToken);
        var response = await http.SendAsync(Request(batch, idempotencyKey, token), cancellationToken);
        if (response.StatusCode != HttpStatusCode.Unauthorized)
        {
            return response;
        }
        response.Dispose();
        token = await tokens.RefreshAsync(token, cancellationToken);
        response = await http.SendAsync(Request(batch, idempotencyKey, token), cancellationToken);
        if (response.StatusCode == HttpStatusCode.Unauthorized)
        {
            var message = masker.Mask(await ArtMessages.ReadAsync(response, cancellationToken));
            response.Dispose();
            throw new ArtRefusedException($"ART refused a freshly issued token for the batch of {batch.Describe()}: {message}. Check that user '{art.Username}' may load students");
        }
        return response;
    }

    private HttpRequestMessage Request(StudentBatch batch, string idempotencyKey, string token)
    {
        var content = new ReadOnlyMemoryContent(batch.Body.WrittenMemory);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        var request = new HttpRequestMessage(HttpMethod.Post, art.Endpoint) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.Add("Idempotency-Key", idempotencyKey);
        return request;
    }
}
