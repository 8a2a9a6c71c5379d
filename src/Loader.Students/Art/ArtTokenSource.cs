using System.Net;
using System.Text.Json;
using Loader.Steps;
using Polly;
using Polly.Timeout;

namespace Loader.Students.Art;

/// <summary>
/// The OAuth2 password grant: fetches ART's access token once and again when ART refuses it (expired during a long run).
/// The token goes to the masker as soon as it is known and into no message.
/// </summary>
internal sealed class ArtTokenSource(HttpClient http, ArtConnection art, ResiliencePipeline<HttpResponseMessage> pipeline, SecretMasker masker)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private string? _token;

    /// <summary>How many tokens were fetched.</summary>
    public int Fetched { get; private set; }

    /// <summary>The current token, fetched on first use.</summary>
    public async ValueTask<string> GetAsync(CancellationToken cancellationToken) =>
        Volatile.Read(ref _token) ?? await FetchAsync(rejected: null, cancellationToken);

    /// <summary>A new token in place of <paramref name="rejected"/>; senders that saw the same refusal share one fetch.</summary>
    public Task<string> RefreshAsync(string rejected, CancellationToken cancellationToken) => FetchAsync(rejected, cancellationToken);

    private async Task<string> FetchAsync(string? rejected, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_token is { } current && current != rejected)
            {
                return current;
            }
            var context = ResilienceContextPool.Shared.Get(cancellationToken);
            context.Properties.Set(ArtRetry.What, "the access token");
            try
            {
                using var response = await pipeline.ExecuteAsync(
                    async c => await http.SendAsync(Request(), c.CancellationToken), context);
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    var message = masker.Mask(await ArtMessages.ReadAsync(response, cancellationToken));
                    var status = $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}";
                    throw ArtRetry.IsTransient(response.StatusCode)
                        ? new StepFailedException($"ART's token endpoint {art.AuthEndpoint} kept failing ({status}): {message}")
                        : new ArtRefusedException(
                            $"ART's token endpoint {art.AuthEndpoint} refused client '{art.ClientId}' and user '{art.Username}' ({status}): {message}. "
                            + "Check art.client_id, art.client_secret, art.username and art.password.");
                }
                var token = await ReadTokenAsync(response, cancellationToken);
                masker.Add(token);
                Fetched++;
                Volatile.Write(ref _token, token);
                return token;
            }
            catch (HttpRequestException e)
            {
                throw new StepFailedException($"cannot reach ART's token endpoint {art.AuthEndpoint}: {e.Message}", e);
            }
            catch (TimeoutRejectedException e)
            {
                throw new StepFailedException($"ART's token endpoint {art.AuthEndpoint} did not answer within {art.RequestTimeout.TotalSeconds:0} s", e);
            }
            finally
            {
                ResilienceContextPool.Shared.Return(context);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private HttpRequestMessage Request() => new(HttpMethod.Post, art.AuthEndpoint)
    {
        Content = new FormUrlEncodedContent(
        [
            new("client_id", art.ClientId),
            new("client_secret", art.ClientSecret),
            new("grant_type", "password"),
            new("username", art.Username),
            new("password", art.Password),
        ]),
    };

    private async Task<string> ReadTokenAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            using var document = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("access_token", out var value)
                && value.GetString() is { Length: > 0 } token)
            {
                return token;
            }
        }
        catch (JsonException)
        {
        }
        throw new ArtRefusedException($"ART's token endpoint {art.AuthEndpoint} answered without an access_token; is art.auth_endpoint the OAuth2 token URL?");
    }
}
