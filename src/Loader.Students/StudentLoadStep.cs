using Loader.Steps;
using Loader.Students.Loading;

namespace Loader.Students;

/// <summary>
/// <c>students.load</c>: loads the CALPADS student CSV into ART's REST API, as csv_load_students.py did, with concurrent
/// senders, retries, token renewal, rejects for unreadable rows and a resume point saved after every acknowledged batch.
/// </summary>
public sealed class StudentLoadStep : IStep
{
    /// <summary>The configuration sections the step reads.</summary>
    public static IReadOnlyList<string> ConfigSections { get; } = ["art", "students"];

    /// <inheritdoc />
    public StepDescriptor Descriptor { get; } = new(
        "students.load",
        "Loads the student CSV into ART's REST API in concurrent batches; resumes where an interrupted load stopped.",
        [
            new StepInput("file", "string", true, null, "The student CSV to load (the extract task's output)."),
            new StepInput("offset", "int", false, null,
                "Byte offset of a line to start at; the header is always read from byte 0 first. Empty: where an interrupted load of this file stopped, else after the header."),
            new StepInput("number", "int", false, null, "The most students to load in this run, 1 or more; empty loads them all."),
            new StepInput("dry_run", "bool", false, "false", "Authenticate, read and map every row, post nothing."),
            new StepInput("verify_batches", "bool", false, "false", "At the end, ask each batch's status URL and report the rows ART rejected."),
            new StepInput("auth_endpoint", "string", false, null, "OAuth2 token URL (default: config art.auth_endpoint)."),
            new StepInput("endpoint", "string", false, null, "ART's student batch URL (default: config art.endpoint)."),
            new StepInput("client_id", "string", false, null, "OAuth2 client id (default: config art.client_id)."),
            new StepInput("client_secret", "secret", false, null, "OAuth2 client secret (default: config art.client_secret)."),
            new StepInput("username", "string", false, null, "ART user (default: config art.username)."),
            new StepInput("password", "secret", false, null, "ART password (default: config art.password)."),
            new StepInput("chunk_size", "int", false, null, "Students per POST (default: config art.chunk_size, else 10000)."),
            new StepInput("concurrency", "int", false, null, "Batches posted at once (default: config art.concurrency, else 4)."),
            new StepInput("request_timeout", "duration", false, null, "Time one request may take before it is retried (default: config art.request_timeout, else 2m)."),
            new StepInput("delimiter", "string", false, null, "Field delimiter (default: config students.delimiter, else ^)."),
            new StepInput("encoding", "string", false, null, "latin1, cp1252, ascii or utf-8 (default: config students.encoding, else latin1)."),
            new StepInput("grade_map", "map", false, null, "Grade-map entries over config students.grade_map and the built-in map; unknown grades become UG."),
            new StepInput("rejects", "string", false, null, "Folder for the rejects file (default: config students.rejects, else .loader/rejects)."),
        ]);

    /// <inheritdoc />
    public async Task RunAsync(StepContext context, CancellationToken cancellationToken)
    {
        var settings = StudentLoadSettings.Read(context);
        var masker = context.Secrets;
        var services = new StudentLoadServices(
            context.State,
            context.Clock,
            line => context.Log.Line(masker.Mask(line)),
            line => context.Progress(masker.Mask(line)),
            masker,
            $"run{context.RunId}-attempt{context.Attempt}");
        var load = new StudentLoad(settings, services);
        var summary = await load.RunAsync(cancellationToken);
        context.AfterCommit.Add(load.ForgetResumePointAsync);
        context.Counts["read"] = summary.Read;
        context.Counts["posted"] = summary.Posted;
        context.Counts["rejected"] = summary.Rejected;
        context.Counts["acknowledged"] = summary.Acknowledged;
        context.Counts["unknown_grades"] = summary.UnknownGrades;
        context.Counts["batches"] = summary.Batches;
        context.Counts["start_offset"] = summary.StartOffset;
        context.Counts["end_offset"] = summary.EndOffset;
        if (summary.Resumed > 0)
        {
            context.Counts["resumed_after"] = summary.Resumed;
        }
        if (summary.ArtRejected is { } artRejected)
        {
            context.Counts["art_rejected"] = artRejected;
        }
        if (settings.DryRun)
        {
            context.Counts["dry_run"] = true;
        }
    }
}
