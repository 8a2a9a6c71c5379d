using Loader.Steps;

namespace Loader.Sftp.Transfer;

/// <summary>Writing the local partial file failed (disk full, permissions): no reconnect can help within this attempt.</summary>
internal sealed class LocalFileException(string message, Exception inner) : StepFailedException(message, inner);
