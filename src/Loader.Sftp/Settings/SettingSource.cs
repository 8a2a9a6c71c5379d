using System.Globalization;
using Loader.Configuration;
using Loader.Configuration.Settings;
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

    /// <summary>
    /// The value of <paramref name="setting"/>: the task's <c>with</c> checked by the setting's rules, else the configuration
    /// (checked when the command started), else the setting's default.
    /// </summary>
    public T Typed<T>(TypedSetting<T> setting)
    {
        var name = setting.Key[(Section.Length + 1)..];
        try
        {
            return context.Inputs.ContainsKey(name) && Blank(context.Text(name)) is { } given
                ? setting.Parse(given, "the task's 'with'", name)
                : setting.Read(context.Configuration);
        }
        catch (ConfigurationException e)
        {
            throw new StepInputException($"sftp.download: {e.Message}", e);
        }
    }

    // Not trimmed: a password may start or end with a space.
    private static string? Blank(string? text) => string.IsNullOrEmpty(text) ? null : text;
}
