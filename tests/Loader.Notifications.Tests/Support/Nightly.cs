namespace Loader.Notifications.Tests.Support;

/// <summary>The nightly student load's notifications, carrying the test secrets where a careless run would leak them.</summary>
internal static class Nightly
{
    /// <summary>A password in secret.yml (<c>art.password</c>) that the run's parameters, error and log quote.</summary>
    public const string ConfigSecret = "Art-Pw-7fQ2zK";

    /// <summary>A secret a run adds to the masker (a <c>secret: true</c> parameter's value), quoted in the log tail.</summary>
    public const string RunSecret = "Run-Token-X91qL";

    /// <summary>The secret.yml line that holds <see cref="ConfigSecret"/>.</summary>
    public const string SecretYaml = $"art:\n  password: \"{ConfigSecret}\"\n";

    /// <summary>The night the schedule fired for.</summary>
    public static readonly DateTimeOffset FireTime = new(2026, 12, 7, 0, 0, 0, TimeSpan.FromHours(-8));

    /// <summary>A failure of StudentLoad by the nightly-students schedule.</summary>
    public static Notification Failure(NotificationKind kind = NotificationKind.Failed) => new(
        kind,
        "nightly-students",
        "StudentLoad",
        $"date=2026-12-07 art_password={ConfigSecret}",
        FireTime,
        "LoadStudents(date=2026-12-07)",
        $"POST https://art.example.org/batch refused the login 'loader' / '{ConfigSecret}': 401 Unauthorized",
        ["batch 1 of 3 sent", $"token {RunSecret} expired", $"retrying with password {ConfigSecret}", "gave up after 8 retries"],
        new Uri("http://127.0.0.1:5080/runs/42"),
        FireTime.AddHours(2).AddMinutes(13));

    /// <summary>Whether <paramref name="text"/> quotes either test secret.</summary>
    public static bool Leaks(string text) =>
        text.Contains(ConfigSecret, StringComparison.Ordinal) || text.Contains(RunSecret, StringComparison.Ordinal);
}
