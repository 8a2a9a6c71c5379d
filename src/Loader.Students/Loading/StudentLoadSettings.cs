using Loader.Configuration;
using Loader.Configuration.Settings;
using Loader.Steps;
using Loader.Students.Art;
using Loader.Students.Csv;
using Microsoft.Extensions.Configuration;

namespace Loader.Students.Loading;

/// <summary>Everything one load needs to know: the file and how to read it, what to send, and where.</summary>
internal sealed record StudentLoadSettings
{
    /// <summary>The CSV file.</summary>
    public required string File { get; init; }

    /// <summary>The byte offset to start at (a line start), or null to resume from the checkpoint or start after the header.</summary>
    public long? Offset { get; init; }

    /// <summary>The most students to read, or null for all.</summary>
    public long? Number { get; init; }

    /// <summary>Authenticate, read and map everything, post nothing.</summary>
    public bool DryRun { get; init; }

    /// <summary>Ask every batch's status URL at the end and report the rows ART rejected.</summary>
    public bool VerifyBatches { get; init; }

    /// <summary>ART's endpoints, credentials and sending limits.</summary>
    public required ArtConnection Art { get; init; }

    /// <summary>The field delimiter.</summary>
    public char Delimiter { get; init; } = StudentCsvFormat.ParseDelimiter(StudentLoadConfig.Delimiter.Fallback!);

    /// <summary>The file's encoding.</summary>
    public string Encoding { get; init; } = StudentLoadConfig.Encoding.Fallback!;

    /// <summary>Grade-map entries applied over the built-in map, lowest layer first.</summary>
    public IReadOnlyList<IReadOnlyDictionary<string, string>> GradeMaps { get; init; } = [];

    /// <summary>Where the rejects file goes.</summary>
    public string RejectsFolder { get; init; } = Path.Combine(".loader", "rejects");

    /// <summary>
    /// Reads the task's inputs, each falling back to configuration (<c>art:</c> for ART, <c>students:</c> for the file) and then to
    /// the built-in default; throws <see cref="StepInputException"/> naming the setting that is missing or wrong.
    /// </summary>
    public static StudentLoadSettings Read(StepContext context)
    {
        var settings = new Settings(context);
        var art = new ArtConnection
        {
            AuthEndpoint = settings.Url(StudentLoadConfig.AuthEndpoint),
            Endpoint = settings.Url(StudentLoadConfig.Endpoint),
            ClientId = settings.Required("art", "client_id"),
            ClientSecret = settings.Required("art", "client_secret"),
            Username = settings.Required("art", "username"),
            Password = settings.Required("art", "password"),
            ChunkSize = settings.Typed(StudentLoadConfig.ChunkSize),
            Concurrency = settings.Typed(StudentLoadConfig.Concurrency),
            RequestTimeout = settings.Typed(StudentLoadConfig.RequestTimeout),
            Retries = settings.Typed(StudentLoadConfig.Retries),
            RetryDelay = settings.Typed(StudentLoadConfig.RetryDelay),
            VerifyTimeout = settings.Typed(StudentLoadConfig.VerifyTimeout),
            VerifyPollDelay = settings.Typed(StudentLoadConfig.VerifyPoll),
        };
        var configuredGrades = context.Configuration.GetSection("students:grade_map").GetChildren()
            .Where(c => c.Value is not null)
            .ToDictionary(c => c.Key, c => c.Value!);
        return new StudentLoadSettings
        {
            File = context.RequiredText("file"),
            Offset = AtLeast(context, "offset", 0, "leave it empty to resume where an interrupted load stopped"),
            Number = AtLeast(context, "number", 1, "leave it empty to load every student"),
            DryRun = context.Flag("dry_run"),
            VerifyBatches = context.Flag("verify_batches"),
            Art = art,
            Delimiter = ParseDelimiter(settings.Optional("students", "delimiter") ?? StudentLoadConfig.Delimiter.Fallback!),
            Encoding = settings.Optional("students", "encoding") ?? StudentLoadConfig.Encoding.Fallback!,
            GradeMaps = [configuredGrades, context.Map("grade_map")],
            RejectsFolder = settings.Optional("students", "rejects") ?? Path.Combine(".loader", "rejects"),
        };
    }

    /// <summary>An optional whole-number input: empty means not given, which is never the same as 0.</summary>
    private static long? AtLeast(StepContext context, string name, long min, string hint) => context.Number(name) switch
    {
        { } n when n < min => throw new StepInputException($"input '{name}' must be {min} or more, not {n}; {hint}"),
        var n => n,
    };

    private static char ParseDelimiter(string text)
    {
        try
        {
            return StudentCsvFormat.ParseDelimiter(text);
        }
        catch (ArgumentException e)
        {
            throw new StepInputException(e.Message, e);
        }
    }

    private sealed class Settings(StepContext context)
    {
        public string? Optional(string section, string name) =>
            context.Inputs.ContainsKey(name) && context.Text(name) is { Length: > 0 } given ? given
            : context.Configuration[$"{section}:{name}"] is { Length: > 0 } configured ? configured
            : null;

        public string Required(string section, string name) => Optional(section, name) ?? throw Missing(section, name);

        public Uri Url(UrlSetting setting) => Typed(setting) ?? throw Missing("art", setting.Key["art:".Length..]);

        private static StepInputException Missing(string section, string name) => new(
            $"ART setting '{name}' is missing: set {section}.{name} in config/secret.yml (or give the task input '{name}')");

        /// <summary>The task's input of the setting's name, checked by its rules, else the configuration, else the setting's default.</summary>
        public T Typed<T>(TypedSetting<T> setting)
        {
            var name = setting.Key[(setting.Key.IndexOf(':') + 1)..];
            try
            {
                return context.Inputs.ContainsKey(name) && context.Text(name) is { Length: > 0 } given
                    ? setting.Parse(given, "the task's 'with'", name)
                    : setting.Read(context.Configuration);
            }
            catch (ConfigurationException e)
            {
                throw new StepInputException(e.Message, e);
            }
        }
    }
}
