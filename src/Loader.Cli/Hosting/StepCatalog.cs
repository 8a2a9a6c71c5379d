using Loader.Configuration;
using Loader.Emr;
using Loader.MySql;
using Loader.Notifications.Settings;
using Loader.S3.Steps;
using Loader.Sftp;
using Loader.Steps;
using Loader.Students;

namespace Loader.Cli.Hosting;

/// <summary>Every step type the command line offers.</summary>
internal static class StepCatalog
{
    /// <summary>The steps; the MySQL ones read credentials and sources with <paramref name="files"/> (default: local files only).</summary>
    public static StepRegistry Create(FileSources? files = null)
    {
        var steps = StepRegistry.WithBuiltIns().AddStudentLoad()
            .Add(new SftpDownloadStep())
            .AddS3Steps()
            .Add(new MySqlLoadStep(files)).Add(new MySqlQueryStep(files))
            .AddEmrSteps();
        steps.ConfigSections.Add(SftpDownloadStep.ConfigSection);
        steps.Settings.AddRange(Loader.Sftp.Settings.SftpConfig.All);
        steps.ConfigSections.Add(MySqlConnections.ConfigSection);
        steps.ConfigSections.Add(Loader.Remote.RemoteSettings.Section);
        steps.ConfigSections.Add(NotificationConfig.Section);
        steps.ConfigSections.Add(Loader.Scheduling.Schedules.ScheduleConfig.Section);
        steps.Settings.AddRange(NotificationConfig.All);
        return steps;
    }
}
