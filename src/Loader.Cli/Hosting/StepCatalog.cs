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
            .Add(new SftpDownloadStep());
        steps.ConfigSections.Add(SftpDownloadStep.ConfigSection);
        return steps;
    }
}
