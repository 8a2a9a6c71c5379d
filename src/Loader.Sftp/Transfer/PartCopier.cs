using System.Buffers;
using Loader.Sftp.Connection;
using Loader.Sftp.Resume;
using Microsoft.Win32.SafeHandles;
using Renci.SshNet;

namespace Loader.Sftp.Transfer;

/// <summary>
/// Copies the remote file from an offset to its end into the <c>.part</c> file. SSH.NET's file stream keeps many read
/// requests in flight (read-ahead), so the copy is pipelined. The <c>.part</c> is flushed to disk before its record
/// moves forward, at checkpoints (see <see cref="CheckpointCadence"/>) and whenever the copy stops, so that a resume
/// never trusts bytes the disk may lack. Checkpoints run beside the copy, one at a time: a synchronous fsync every
/// 64 MiB cost about a third of the throughput. A process killed outright (kill -9) writes no last record; the next
/// attempt trusts the whole <c>.part</c> all the same while the machine has not restarted (see
/// <see cref="PartRecord.TrustedBytes"/>), so the checkpoints' cadence bounds what a machine crash loses.
/// </summary>
internal sealed class PartCopier(PartialFile part, TransferProgress progress, TimeProvider clock, Func<long, CancellationToken, ValueTask>? afterWrite)
{
    private const int BufferSize = 1 << 20;

    /// <summary>Copies bytes <paramref name="from"/> to the end of <paramref name="remote"/>; returns the length of the <c>.part</c> reached.</summary>
    public async Task<long> CopyAsync(SftpClient client, RemoteFileStat remote, long from, CancellationToken cancellationToken)
    {
        var source = await client.OpenAsync(remote.Path, FileMode.Open, FileAccess.Read, cancellationToken);
        source.Timeout = client.OperationTimeout;
        source.Seek(from, SeekOrigin.Begin);
        var position = from;
        var recorded = from;
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        var checkpoint = Task.CompletedTask;
        var cadence = new CheckpointCadence(clock);
        SafeFileHandle? target = null;
        try
        {
            target = Guard(() => File.OpenHandle(part.DataPath, FileMode.OpenOrCreate, FileAccess.Write, FileShare.Read));
            progress.Restart(from, remote.Size);
            while (position < remote.Size)
            {
                var wanted = (int)Math.Min(buffer.Length, remote.Size - position);
                var read = await source.ReadAsync(buffer.AsMemory(0, wanted), cancellationToken);
                if (read == 0)
                {
                    break;
                }
                // A write to the page cache; the disk catches up at the checkpoints.
                Guard(() => RandomAccess.Write(target, buffer.AsSpan(0, read), position));
                position += read;
                progress.Report(position);
                if (checkpoint.IsCompleted && cadence.IsDue(position - recorded))
                {
                    await checkpoint;
                    var mark = position;
                    cadence.Started();
                    checkpoint = Task.Run(() => CheckpointAsync(target, remote, mark, CancellationToken.None), CancellationToken.None);
                    recorded = mark;
                }
                if (afterWrite is not null)
                {
                    await afterWrite(position, cancellationToken);
                }
            }
            await checkpoint;
            await CheckpointAsync(target, remote, position, cancellationToken);
            progress.Report(position, force: true);
            return position;
        }
        catch when (target is not null)
        {
            // The connection dropped or the run was cancelled: keep what arrived for the next attempt.
            await TryCheckpointAsync(checkpoint, target, remote, position);
            throw;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            target?.Dispose();
            await CloseAsync(source);
        }
    }

    /// <summary>Fsyncs the <c>.part</c>, then records <paramref name="position"/>: the fsync covers every byte written before it.</summary>
    private async Task CheckpointAsync(SafeFileHandle target, RemoteFileStat remote, long position, CancellationToken cancellationToken)
    {
        Guard(() => RandomAccess.FlushToDisk(target));
        await part.WriteRecordAsync(PartRecord.Of(remote, position), cancellationToken);
    }

    private async Task TryCheckpointAsync(Task running, SafeFileHandle target, RemoteFileStat remote, long position)
    {
        try
        {
            await running;
        }
        catch (LocalFileException)
        {
        }
        try
        {
            await CheckpointAsync(target, remote, position, CancellationToken.None);
        }
        catch (LocalFileException)
        {
            // The record keeps its last checkpoint; the next attempt fetches again from there.
        }
    }

    /// <summary>
    /// Closes the remote handle. After a dropped connection closing fails too, and that failure must not hide the
    /// first one; after a complete copy a failed close loses nothing.
    /// </summary>
    private static async Task CloseAsync(Stream source)
    {
        try
        {
            await source.DisposeAsync();
        }
        catch (Exception e) when (ConnectionFailures.IsTransient(e))
        {
        }
    }

    private T Guard<T>(Func<T> action)
    {
        try
        {
            return action();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw PartialFile.Failure(part.DataPath, e);
        }
    }

    private void Guard(Action action) => Guard(() =>
    {
        action();
        return true;
    });
}
