using System.Collections.Concurrent;
using System.Threading.Channels;
using Loader.Steps;
using Loader.Students.Art;
using Loader.Students.Batching;
using Loader.Students.Csv;
using Loader.Students.Json;

namespace Loader.Students.Loading;

/// <summary>
/// One load of a student file into ART: one reader maps rows into batches, <c>concurrency</c> senders post them, and the
/// offset up to which every batch is acknowledged is saved after each advance so a rerun resumes there.
/// </summary>
internal sealed class StudentLoad(StudentLoadSettings settings, StudentLoadServices services)
{
    private readonly ArtConnection _art = settings.Art;
    private ResumeCheckpoint? _finished;

    /// <summary>
    /// Removes the resume point of a finished load; called once its marker is in place, so a crash before that resumes
    /// at the end of the file instead of posting every student again.
    /// </summary>
    public Task ForgetResumePointAsync(CancellationToken cancellationToken) =>
        _finished?.ClearAsync(cancellationToken) ?? Task.CompletedTask;

    /// <summary>Runs the load; throws a <see cref="Loader.Steps.StepFailedException"/> that says what went wrong and where.</summary>
    public async Task<StudentLoadSummary> RunAsync(CancellationToken cancellationToken)
    {
        var started = services.Clock.GetTimestamp();
        services.Masker.Add(_art.Password);
        services.Masker.Add(_art.ClientSecret);

        // Everything about the file is checked before anything is sent.
        var file = StudentCsvFile.Open(settings.File, settings.Delimiter, StudentFileEncoding.Resolve(settings.Encoding));
        var (start, resumed, checkpoint, identity) = await ResumePointAsync(file, cancellationToken);
        using var rows = file.ReadFrom(start);

        using var http = ArtHttp.CreateClient(_art);
        var pipeline = ArtRetry.Create(_art, services.Clock, services.Log);
        var tokens = new ArtTokenSource(http, _art, pipeline, services.Masker);
        await tokens.GetAsync(cancellationToken);
        services.Log($"authenticated as {_art.Username} at {_art.AuthEndpoint}");
        services.Log($"{(settings.DryRun ? "dry run: reading" : "loading")} {file.Path} ({file.Length:N0} bytes) from byte {rows.Start:N0} "
            + $"into {_art.Endpoint}: {_art.ChunkSize:N0} students a batch, {_art.Concurrency} at once");

        var tally = new LoadTally();
        using var rejects = new RejectsFile(Path.Combine(settings.RejectsFolder, $"{Path.GetFileName(file.Path)}.{services.AttemptLabel}.rejects.csv"));
        using var pool = new BatchPool(_art.Concurrency + 1, Math.Min(_art.ChunkSize * 768, 16 << 20));
        var prefix = new AcknowledgedPrefix(rows.Start, resumed, _art.Concurrency,
            checkpoint is null ? (_, _, _) => Task.CompletedTask : checkpoint.SaveAsync);
        var accepted = new ConcurrentQueue<(long Sequence, PostedBatch Batch)>();
        var poster = new StudentBatchPoster(http, _art, tokens, pipeline, services.Masker);
        var reader = new StudentBatchReader(rows, new StudentJsonWriter(file.Layout, new GradeMap(settings.GradeMaps)),
            pool, rejects, tally, _art.ChunkSize, settings.Number);
        var progress = new LoadProgress(tally, () => prefix.Offset, file.Length, settings.DryRun, services.Clock, services.Progress);

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var progressStop = new CancellationTokenSource();
        var reporting = progress.RunAsync(progressStop.Token);
        var batches = Channel.CreateUnbounded<StudentBatch>(new UnboundedChannelOptions { SingleWriter = true });
        var work = new List<Task> { FirstFailure.Guard(() => reader.RunAsync(rows.Start, file.Length, batches.Writer, stop.Token), stop) };
        for (var i = 0; i < _art.Concurrency; i++)
        {
            work.Add(FirstFailure.Guard(() => SendAsync(batches.Reader, poster, identity, prefix, pool, tally, accepted, stop.Token), stop));
        }
        try
        {
            await FirstFailure.WhenAllAsync(work, cancellationToken);
        }
        catch (Exception e)
        {
            services.Log($"{(e is OperationCanceledException ? "cancelled" : "stopped")}: {tally.Posted:N0} students posted in this run; "
                + $"every batch is acknowledged up to byte {prefix.SavedOffset:N0}, where a rerun resumes");
            throw;
        }
        finally
        {
            await progressStop.CancelAsync();
            await reporting;
        }
        services.Progress(progress.Line());
        NothingPostedCheck(file, rows.Start, resumed, tally);

        long? artRejected = null;
        var unverified = 0;
        if (settings.VerifyBatches && !settings.DryRun)
        {
            var verifier = new BatchStatusVerifier(http, _art, tokens, pipeline, services.Clock, services.Log);
            (var rejectedByArt, unverified) = await verifier.VerifyAsync(accepted.OrderBy(a => a.Sequence).Select(a => a.Batch).ToList(), cancellationToken);
            artRejected = rejectedByArt;
        }
        _finished = checkpoint;
        var summary = new StudentLoadSummary
        {
            Read = tally.Read,
            Posted = tally.Posted,
            Batches = tally.Batches,
            Rejected = tally.Rejected,
            RejectsFile = rejects.Count > 0 ? rejects.Path : null,
            UnknownGrades = new Dictionary<string, long>(tally.UnknownGrades),
            Resumed = resumed,
            StartOffset = rows.Start,
            EndOffset = prefix.Offset,
            ArtRejected = artRejected,
            Unverified = unverified,
            Elapsed = services.Clock.GetElapsedTime(started),
        };
        foreach (var line in summary.Describe(settings.DryRun))
        {
            services.Log(line);
        }
        return summary;
    }

    /// <summary>
    /// A load that ends with no student acknowledged is not done, whatever the reason, unless earlier attempts acknowledged
    /// them all: the checkpoint is kept, no marker is written, and the message says why nothing went.
    /// </summary>
    private void NothingPostedCheck(StudentCsvFile file, long start, long resumed, LoadTally tally)
    {
        if (settings.DryRun || tally.Posted > 0 || resumed > 0)
        {
            return;
        }
        var why = (tally.Read, tally.Rejected) switch
        {
            (0, 0) when settings.Offset is null => $"{file.Path} holds a header but no students",
            (0, 0) => $"there is no student after byte {start:N0} of {file.Path} ({file.Length:N0} bytes)",
            (0, var rejected) => $"all {rejected:N0} rows of {file.Path} were rejected (see the rejects file under {settings.RejectsFolder})",
            (var read, _) => $"{read:N0} students were read from {file.Path} but ART acknowledged none",
        };
        throw new StepInputException($"no student was loaded: {why}");
    }

    private async Task<(long Start, long Resumed, ResumeCheckpoint? Checkpoint, FileIdentity? Identity)> ResumePointAsync(
        StudentCsvFile file, CancellationToken cancellationToken)
    {
        if (settings.DryRun)
        {
            return (settings.Offset ?? 0, 0, null, null);
        }
        var identity = await FileIdentity.OfAsync(file.Path, cancellationToken);
        var checkpoint = new ResumeCheckpoint(services.State, identity.CheckpointKey(_art.Endpoint));
        var saved = await checkpoint.LoadAsync(cancellationToken);
        if (saved is not { } point)
        {
            return (settings.Offset ?? 0, 0, checkpoint, identity);
        }
        if (settings.Offset is { } given)
        {
            services.Log($"an earlier load of this file stopped at byte {point.Offset:N0}; starting at the given offset {given:N0} instead");
            return (given, 0, checkpoint, identity);
        }
        services.Log($"resuming at byte {point.Offset:N0}, where an earlier load of this file stopped after {point.Students:N0} acknowledged students");
        return (point.Offset, point.Students, checkpoint, identity);
    }

    private async Task SendAsync(
        ChannelReader<StudentBatch> batches,
        StudentBatchPoster poster,
        FileIdentity? identity,
        AcknowledgedPrefix prefix,
        BatchPool pool,
        LoadTally tally,
        ConcurrentQueue<(long, PostedBatch)> accepted,
        CancellationToken cancellationToken)
    {
        await foreach (var batch in batches.ReadAllAsync(cancellationToken))
        {
            try
            {
                await prefix.WaitForTurnAsync(batch.Sequence, cancellationToken);
                if (identity is not null)
                {
                    var location = await poster.PostAsync(batch, identity.IdempotencyKey(batch.FirstOffset, batch.EndOffset), cancellationToken);
                    if (location is not null && settings.VerifyBatches)
                    {
                        accepted.Enqueue((batch.Sequence, new PostedBatch(location, batch.Describe(), batch.Students)));
                    }
                    tally.Acknowledged(batch.Students);
                }
                await prefix.AcknowledgeAsync(batch.Sequence, batch.EndOffset, batch.Students, cancellationToken);
            }
            finally
            {
                pool.Return(batch);
            }
        }
    }
}
