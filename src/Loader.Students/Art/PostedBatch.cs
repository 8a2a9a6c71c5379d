namespace Loader.Students.Art;

/// <summary>A batch ART accepted: where to ask how it went, and which lines it held.</summary>
/// <param name="Location">The batch-status URL from the 202's Location header.</param>
/// <param name="Lines">The batch as people read it ("lines 2–10,001 (bytes ...)").</param>
/// <param name="Students">How many students it held.</param>
internal sealed record PostedBatch(Uri Location, string Lines, int Students);
