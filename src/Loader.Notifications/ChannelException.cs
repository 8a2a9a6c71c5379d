namespace Loader.Notifications;

/// <summary>A channel could not deliver: why, in words that name no secret, and whether another try may succeed.</summary>
/// <param name="reason">Why, such as "the server refused the sender: 550 relaying denied".</param>
/// <param name="transient">Whether the cause may pass (a refused connection, a 503) rather than stay (a refused password, a 404).</param>
/// <param name="inner">The library's exception.</param>
internal sealed class ChannelException(string reason, bool transient, Exception? inner = null) : Exception(reason, inner)
{
    /// <summary>Whether another try may succeed.</summary>
    public bool Transient { get; } = transient;
}
