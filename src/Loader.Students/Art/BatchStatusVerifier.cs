using System.Net;
using System.Net.Http.Headers;
using Loader.Steps;
using Polly;

namespace Loader.Students.Art;

/// <summary>
/// Asks each accepted batch's status URL how it went, waiting while ART still processes it, and reports the rows ART rejected:
/// the original loader never looked, so such rows went unnoticed.
/// </summary>
internal sealed class BatchStatusVerifier(
    HttpClient http,
    ArtConnection art,
    ArtTokenSource tokens,
    ResiliencePipeline<HttpResponseMessage> pipeline,
    TimeProvider clock,
    Action<string> log)
{
    /// <summary>Checks every batch; returns how many rows ART rejected and how many batches were still unfinished at the deadline.</summary>
    public async Task<(long Rejected, int Unfinished)> VerifyAsync(IReadOnlyList<PostedBatch> batches, CancellationToken cancellationToken)
    {
        var deadline = clock.GetUtcNow() + art.VerifyTimeout;
        long rejected = 0;
        var unfinished = 0;
        foreach (var batch in batches)
        {
            var status = await StatusAsync(batch, cancellationToken);
            while (!status.Finished && clock.GetUtcNow() < deadline)
            {
                await Task.Delay(art.VerifyPollDelay, clock, cancellationToken);
                status = await StatusAsync(batch, cancellationToken);
            }
            if (!status.Finished)
            {
                unfinished++;
                log($"ART is still processing the batch of {batch.Lines} ({status.Status}); not verified");
                continue;
            }
            if (status.Rejected > 0)
            {
                rejected += status.Rejected;
                log($"ART rejected {status.Rejected:N0} of the {batch.Students:N0} students of the batch of {batch.Lines}"
                    + (status.Errors.Count > 0 ? ": " + string.Join("; ", status.Errors) : ""));
            }
        }
        return (rejected, unfinished);
    }

    private async Task<BatchStatus> StatusAsync(PostedBatch batch, CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(ArtRetry.What, $"the status of the batch of {batch.Lines}");
        try
        {
            using var response = await pipeline.ExecuteAsync(async c => await SendAsync(batch.Location, c.CancellationToken), context);
            if (!response.IsSuccessStatusCode)
            {
                throw new StepFailedException(
                    $"ART answered HTTP {(int)response.StatusCode} for the status of the batch of {batch.Lines} at {batch.Location}: {await ArtMessages.ReadAsync(response, cancellationToken)}");
            }
            return BatchStatus.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private async Task<HttpResponseMessage> SendAsync(Uri location, CancellationToken cancellationToken)
    {
        var token = await tokens.GetAsync(cancellationToken);
        var response = await http.SendAsync(Request(location, token), cancellationToken);
        if (response.StatusCode == HttpStatusCode.Unauthorized)
        {
            response.Dispose();
            token = await tokens.RefreshAsync(token, cancellationToken);
            response = await http.SendAsync(Request(location, token), cancellationToken);
        }
        return response;
    }

    private static HttpRequestMessage Request(Uri location, string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, location);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    }
}
