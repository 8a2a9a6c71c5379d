using Loader.MySql;
using Loader.S3.Steps;
using Loader.Sftp;
using Loader.Steps;
using Loader.Students;

namespace Loader.Cli.Hosting;

/// <summary>Every step type the command line offers.</summary>
internal static class StepCatalog
{
    public static StepRegistry Create()
    {
        var steps = StepRegistry.WithBuiltIns().AddStudentLoad()
            .Add(new SftpDownloadStep())
            .AddS3Steps()
            .Add(new MySqlLoadStep()).Add(new MySqlQueryStep());
        steps.ConfigSections.Add(SftpDownloadStep.ConfigSection);
        steps.ConfigSections.Add(MySqlConnections.ConfigSection);
        return steps;
    }
}
