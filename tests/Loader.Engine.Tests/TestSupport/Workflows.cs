namespace Loader.Engine.Tests.TestSupport;

/// <summary>Workflow files shared by the binding, planning and running tests.</summary>
public static class Workflows
{
    /// <summary>
    /// Per day Extract -> Transform, then a Report over every day. <c>region</c> is significant and named in every output,
    /// <c>overwrite_n_days</c> is insignificant and <c>password</c> is secret.
    /// </summary>
    public const string Daily = """
        workflow: Daily
        parameters:
          interval: interval
          region: {type: string, default: us}
          overwrite_n_days: {type: int, default: 0, significant: false}
          password: {type: string, default: none, secret: true}
        tasks:
          Extract:
            per_day: interval
            overwrite_n_days: ${overwrite_n_days}
            uses: shell
            with: {command: "echo ${date} ${password} > ${outputs.events}"}
            outputs: {events: "${config.data_dir}/extract/${region}/${date}.csv"}
          Transform:
            per_day: interval
            overwrite_n_days: ${overwrite_n_days}
            requires: [Extract]
            uses: shell
            with: {command: "cp ${tasks.Extract.outputs.events} ${outputs.totals}"}
            outputs: {totals: "${config.data_dir}/transform/${region}/${date}.csv"}
          Report:
            requires: [Transform]
            uses: shell
            with: {command: "cat ${tasks.Transform.outputs.totals} > ${outputs.report}"}
            outputs: {report: "${config.data_dir}/report-${region}-${interval}.csv"}
        """;

    /// <summary>Command-line arguments, by name.</summary>
    public static Dictionary<string, string> Args(params (string Name, string Value)[] arguments) =>
        arguments.ToDictionary(a => a.Name, a => a.Value, StringComparer.Ordinal);
}
