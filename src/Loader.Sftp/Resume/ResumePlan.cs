namespace Loader.Sftp.Resume;

/// <summary>Where a download starts: the <c>.part</c> is cut to <paramref name="Offset"/> bytes and reading starts there.</summary>
/// <param name="Offset">The first byte to fetch; equal to the remote size when nothing is left to fetch.</param>
/// <param name="Reason">Why, for the log: "no partial download", "resuming at byte ...", "the partial download belongs to another version ...".</param>
internal sealed record ResumePlan(long Offset, string Reason);
