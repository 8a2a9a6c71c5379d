using System.Text.Json;
using Loader.State;

namespace Loader.Students.Loading;

/// <summary>
/// The resume point of one file's load into one ART, in the state store: the offset up to which every batch was
/// acknowledged and how many students that was. Removed once the finished load's marker is in place.
/// </summary>
internal sealed class ResumeCheckpoint(IStateStore state, string key)
{
    /// <summary>The state-store key.</summary>
    public string Key { get; } = key;

    /// <summary>The saved point, or null when there is none.</summary>
    public async Task<(long Offset, long Students)?> LoadAsync(CancellationToken cancellationToken)
    {
        if (await state.GetCheckpointAsync(Key, cancellationToken) is not { Length: > 0 } text)
        {
            return null;
        }
        try
        {
            var point = JsonSerializer.Deserialize<Point>(text);
            return point is { Offset: >= 0 } ? (point.Offset, point.Students) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Saves the point.</summary>
    public Task SaveAsync(long offset, long students, CancellationToken cancellationToken) =>
        state.SetCheckpointAsync(Key, JsonSerializer.Serialize(new Point(offset, students)), cancellationToken);

    /// <summary>Removes the point.</summary>
    public Task ClearAsync(CancellationToken cancellationToken) => state.SetCheckpointAsync(Key, null, cancellationToken);

    private sealed record Point(long Offset, long Students);
}
