using Cronos;
using Loader.Configuration;
using Loader.Configuration.Settings;
using Loader.Expressions;
using Loader.Workflows;
using Microsoft.Extensions.Configuration;

namespace Loader.Scheduling.Schedules;

/// <summary>
/// Reads the <c>schedules:</c> section of configuration. Every mistake is a <see cref="ConfigurationException"/> naming the
/// schedule, the key, the value and what is allowed.
/// </summary>
public static class ScheduleConfig
{
    /// <summary>The configuration section schedules live in.</summary>
    public const string Section = "schedules";

    private static readonly string[] Keys =
        ["workflow", "cron", "time_zone", "parameters", "catchup", "catchup_limit", "overlap", "paused", "wait_for_data", "complete_within"];

    /// <summary>Every schedule in <paramref name="configuration"/>, by name.</summary>
    public static IReadOnlyList<Schedule> Read(LoaderConfiguration configuration) => Read(configuration.Root);

    /// <summary>Every schedule in the configuration <paramref name="root"/>, by name.</summary>
    public static IReadOnlyList<Schedule> Read(IConfiguration root)
    {
        var schedules = new List<Schedule>();
        if (root.GetSection(Section).Value is { Length: > 0 } text)
        {
            throw new ConfigurationException($"schedules is '{text}': it is a map of schedules, each NAME: with its workflow, cron and parameters (see docs/operations.md)");
        }
        foreach (var section in root.GetSection(Section).GetChildren())
        {
            schedules.Add(ReadOne(root, section));
        }
        return schedules;
    }

    /// <summary>The <c>schedules:</c> section as a setting, checked with the others at start and when configuration is re-read.</summary>
    public static Setting Setting { get; } = new SchedulesSetting();

    private sealed class SchedulesSetting() : Setting(Section, "schedules with a workflow, a cron expression and known keys (see docs/operations.md)")
    {
        public override void Check(IConfiguration configuration) => Read(configuration);
    }

    private static Schedule ReadOne(IConfiguration root, IConfigurationSection section)
    {
        var name = section.Key;
        var where = $"schedules.{name}";
        if (name.All(char.IsAsciiDigit))
        {
            throw new ConfigurationException($"{where}: schedules is written as a list; write it as a map, each schedule under its name (nightly: with workflow, cron and parameters)");
        }
        if (!SafeName(name))
        {
            throw new ConfigurationException($"{where}: a schedule's name may hold letters, digits, '_' and '-' only");
        }
        foreach (var key in section.GetChildren().Select(c => c.Key).Where(k => !Keys.Contains(k)))
        {
            throw new ConfigurationException($"{where}.{key}: not a schedule setting; a schedule takes {string.Join(", ", Keys)}");
        }
        var workflow = Required(section, where, "workflow");
        var cron = Required(section, where, "cron");
        var waiting = section.GetSection("wait_for_data");
        var schedule = new Schedule
        {
            Name = name,
            Workflow = workflow,
            Cron = cron,
            Expression = Cron(cron, where),
            TimeZone = Zone(section["time_zone"], where),
            Parameters = Parameters(section.GetSection("parameters"), where),
            CatchUp = Choice(section, where, "catchup", CatchUp.Latest),
            CatchUpLimit = new WholeSetting($"{section.Path}:catchup_limit", 1, 10_000, 10).Read(root),
            Overlap = Choice(section, where, "overlap", Overlap.Skip),
            Paused = new FlagSetting($"{section.Path}:paused", false).Read(root),
            WaitEvery = waiting.Exists()
                ? new DurationSetting($"{waiting.Path}:every", TimeSpan.FromSeconds(1), TimeSpan.FromDays(1), TimeSpan.FromMinutes(5)).Read(root)
                : null,
            WaitFor = new DurationSetting($"{waiting.Path}:for", TimeSpan.FromSeconds(1), TimeSpan.FromDays(30), TimeSpan.FromHours(6)).Read(root),
            CompleteWithin = section["complete_within"] is { Length: > 0 }
                ? new DurationSetting($"{section.Path}:complete_within", TimeSpan.FromSeconds(1), TimeSpan.FromDays(30), TimeSpan.FromHours(4)).Read(root)
                : null,
        };
        return Checked(schedule, where);
    }

    /// <summary>
    /// Refuses a cron expression that never fires (30 February) and parameters that do not render (an unknown name, a bad
    /// format), so such a schedule stops every command at start instead of failing at its first fire.
    /// </summary>
    private static Schedule Checked(Schedule schedule, string where)
    {
        var fire = schedule.NextFire(DateTimeOffset.UnixEpoch)
            ?? throw new ConfigurationException($"{where}.cron is '{schedule.Cron}': it never fires (no such date); write one that does, and paused: true to keep a schedule that runs only when asked");
        try
        {
            schedule.ArgumentsAt(fire);
        }
        catch (ExpressionException e)
        {
            throw new ConfigurationException(e.Message);
        }
        return schedule;
    }

    private static string Required(IConfigurationSection section, string where, string key) =>
        section[key] is { } value && value.Trim() is { Length: > 0 } trimmed
            ? trimmed
            : throw new ConfigurationException($"{where}.{key} is missing: every schedule names its workflow and its cron expression (for example cron: \"0 2 * * *\")");

    private static CronExpression Cron(string text, string where)
    {
        var fields = text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        try
        {
            return CronExpression.Parse(text, fields == 6 ? CronFormat.IncludeSeconds : CronFormat.Standard);
        }
        catch (CronFormatException e)
        {
            throw new ConfigurationException(
                $"{where}.cron is '{text}': {e.Message.TrimEnd('.')}; write five fields (minute hour day-of-month month day-of-week, as \"0 2 * * *\") or six with seconds first");
        }
    }

    private static TimeZoneInfo Zone(string? text, string where)
    {
        if (text is not { Length: > 0 })
        {
            return TimeZoneInfo.Utc;
        }
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(text.Trim());
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            throw new ConfigurationException($"{where}.time_zone is '{text}': not a time zone this machine knows; write an IANA name such as America/Los_Angeles or UTC");
        }
    }

    private static T Choice<T>(IConfigurationSection section, string where, string key, T fallback) where T : struct, Enum
    {
        if (section[key] is not { Length: > 0 } text)
        {
            return fallback;
        }
        return Enum.GetNames<T>().FirstOrDefault(n => n.Equals(text.Trim(), StringComparison.OrdinalIgnoreCase)) is { } match
            ? Enum.Parse<T>(match)
            : throw new ConfigurationException($"{where}.{key} is '{text}'; it must be one of {string.Join(", ", Enum.GetNames<T>().Select(n => n.ToLowerInvariant()))}");
    }

    private static Dictionary<string, Template> Parameters(IConfigurationSection section, string where)
    {
        var parameters = new Dictionary<string, Template>(StringComparer.Ordinal);
        if (section.Value is { Length: > 0 } text)
        {
            throw new ConfigurationException($"{where}.parameters is '{text}': write each parameter on its own line as NAME: VALUE (at: \"${{fire.date}}\")");
        }
        foreach (var entry in section.GetChildren())
        {
            if (entry.Key.All(char.IsAsciiDigit))
            {
                throw new ConfigurationException($"{where}.parameters is written as a list; write each parameter as NAME: VALUE (at: \"${{fire.date}}\")");
            }
            if (entry.Value is null)
            {
                throw new ConfigurationException($"{where}.parameters.{entry.Key}: a parameter's value is one text, such as \"${{fire.date}}\"");
            }
            try
            {
                parameters[entry.Key] = Template.Parse(entry.Value, new SourceSpan($"{where}.parameters.{entry.Key}", 0, 0));
            }
            catch (WorkflowException e)
            {
                throw new ConfigurationException($"{where}.parameters.{entry.Key}: {string.Join("; ", e.Diagnostics.Select(d => d.Message))}");
            }
        }
        return parameters;
    }

    private static bool SafeName(string name) => name.Length is > 0 and <= 100 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-');
}
