namespace Loader.Configuration;

/// <summary>
/// A remote configuration layer could not be fetched (refused, not found, unreachable, timed out): the message names
/// its URL, credentials masked. An <see cref="IOException"/>, as the service behind it, not the user's input, failed.
/// </summary>
public sealed class ConfigurationFetchException(string message, Exception? inner = null) : IOException(message, inner);
