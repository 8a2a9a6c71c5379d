namespace Loader.S3.Client;

/// <summary>A bucket or object that a request needed does not exist; the message names it.</summary>
public sealed class S3ObjectMissingException(string message, Exception? inner = null) : IOException(message, inner);
