namespace Loader.Configuration;

/// <summary>The configuration cannot be used as it is: the message says which file and what to do.</summary>
public sealed class ConfigurationException(string message, Exception? inner = null) : Exception(message, inner);
