using System.Globalization;
using Loader.Studio.Hosting;
using Loader.Studio.Security;

namespace Loader.Studio.Monitoring;

/// <summary>Whether the state store answers: opened as every request opens it, asked for one run, within <see cref="Patience"/>.</summary>
internal sealed class StateProbe(StudioOptions options, StudioSecrets secrets)
{
    /// <summary>How long the store has to answer.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(2);

    /// <summary>Null when the store answers, else why not (masked).</summary>
    public async Task<string?> ProblemAsync(CancellationToken cancellationToken)
    {
        using var patience = new CancellationTokenSource(Patience, options.Clock);
        using var either = CancellationTokenSource.CreateLinkedTokenSource(patience.Token, cancellationToken);
        try
        {
            // A store that blocks instead of honouring the token (a hung connect) still loses the request no more than the patience.
            await Task.Run(() => AskAsync(either.Token), either.Token).WaitAsync(Patience, options.Clock, cancellationToken);
            return null;
        }
        catch (Exception e) when (e is TimeoutException || (e is OperationCanceledException && patience.IsCancellationRequested))
        {
            return string.Create(CultureInfo.InvariantCulture, $"the state store did not answer within {Patience.TotalSeconds:0} s");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return secrets.Mask($"the state store does not answer: {e.Message}");
        }
    }

    private async Task AskAsync(CancellationToken cancellationToken)
    {
        await using var state = await options.OpenState(cancellationToken);
        await state.ListRunsAsync(null, 1, cancellationToken);
    }
}
