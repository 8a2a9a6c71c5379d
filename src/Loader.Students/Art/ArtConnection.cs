namespace Loader.Students.Art;

/// <summary>How to reach ART: its token and batch endpoints, the OAuth2 password-grant credentials and the sending limits.</summary>
internal sealed record ArtConnection
{
    /// <summary>The OAuth2 token endpoint (password grant).</summary>
    public required Uri AuthEndpoint { get; init; }

    /// <summary>The batch endpoint students are posted to.</summary>
    public required Uri Endpoint { get; init; }

    /// <summary>The OAuth2 client id.</summary>
    public required string ClientId { get; init; }

    /// <summary>The OAuth2 client secret.</summary>
    public required string ClientSecret { get; init; }

    /// <summary>The ART user.</summary>
    public required string Username { get; init; }

    /// <summary>The ART user's password.</summary>
    public required string Password { get; init; }

    /// <summary>Students per POST.</summary>
    public int ChunkSize { get; init; } = 10_000;

    /// <summary>How many batches are posted at once.</summary>
    public int Concurrency { get; init; } = 4;

    /// <summary>How long one request may take before it is abandoned and retried.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>How many times a failed request (5xx, 429, timeout, refused connection) is retried.</summary>
    public int Retries { get; init; } = 8;

    /// <summary>The first retry's delay; later ones back off exponentially, with jitter, up to a minute.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How long the batch-status check waits for ART to finish processing the batches.</summary>
    public TimeSpan VerifyTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>How long the batch-status check waits before asking again about a batch still being processed.</summary>
    public TimeSpan VerifyPollDelay { get; init; } = TimeSpan.FromSeconds(2);

    // Records print every property; this one holds secrets.
    /// <inheritdoc />
    public override string ToString() => $"{Username} at {Endpoint}";
}
