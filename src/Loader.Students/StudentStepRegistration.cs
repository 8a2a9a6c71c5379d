using Loader.Steps;
using Loader.Students.Loading;

namespace Loader.Students;

/// <summary>Adds the student steps to a step registry.</summary>
public static class StudentStepRegistration
{
    /// <summary>Adds <c>students.load</c> and claims its configuration sections, <c>art</c> and <c>students</c>.</summary>
    public static StepRegistry AddStudentLoad(this StepRegistry steps)
    {
        steps.Add(new StudentLoadStep());
        steps.ConfigSections.UnionWith(StudentLoadStep.ConfigSections);
        steps.Settings.AddRange(StudentLoadConfig.All);
        return steps;
    }
}
