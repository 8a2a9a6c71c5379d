using System.Globalization;
using Loader.Parameters;
using Loader.Steps;

namespace Loader.Sftp.Settings;

/// <summary>
/// Reads one input of the step: the task's <c>with</c> first, then the key of the same name in the
/// <c>sftp:</c> configuration section, then the descriptor's default.
/// </summary>
internal sealed class SettingSource(StepContext context)
{
    /// <summary>The configuration section every input falls back to.</summary>
    public const string Section = "sftp";

    /// <summary>The value of <paramref name="name"/> as text, or null when nothing gives it.</summary>
    public string? Text(string name)
    {
        if (context.Inputs.ContainsKey(name))
        {
            return Blank(context.Text(name));
        }
        return Blank(context.Configuration[$"{Section}:{name}"]) ?? Blank(context.Step?.Input(name)?.Default);
    }

    /// <summary>Where a value of <paramref name="name"/> can be given, for error messages.</summary>
    public static string WhereToGive(string name) => $"give '{name}' under the task's 'with' or in the '{Section}:' configuration section";

    /// <summary>The value of <paramref name="name"/> as a whole number, or null.</summary>
    public long? Number(string name) => Text(name) switch
    {
        null => null,
        var text when long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) => n,
        var text => throw new StepInputException($"sftp.download: '{name}' must be a whole number, not '{text}'"),
    };

    /// <summary>The value of <paramref name="name"/> as true or false (false when not given).</summary>
    public bool Flag(string name) => Text(name)?.ToLowerInvariant() switch
    {
        null or "false" or "no" or "0" => false,
        "true" or "yes" or "1" => true,
        var text => throw new StepInputException($"sftp.download: '{name}' must be true or false, not '{text}'"),
    };

    /// <summary>The value of <paramref name="name"/> as a duration, or null.</summary>
    public TimeSpan? Duration(string name)
    {
        var text = Text(name);
        try
        {
            return text is null ? null : Durations.Parse(text);
        }
        catch (FormatException e)
        {
            throw new StepInputException($"sftp.download: '{name}': {e.Message}", e);
        }
    }

    // Not trimmed: a password may start or end with a space.
    private static string? Blank(string? text) => string.IsNullOrEmpty(text) ? null : text;
}
