using Microsoft.Data.Sqlite;

namespace Loader.Cli.Tests.Hostile;

/// <summary>
/// A state store that cannot be used: locked by another process, damaged, read-only, on a full disk, or a folder. Each
/// names the store's file, says what is wrong and what to do, and ends with its own exit code, never "internal error".
/// Read-only and full disks are real: a read-only bind mount or a small tmpfs in a mount namespace of the command's own
/// (<c>unshare -rm</c>), so the tests need neither root nor a disk image, and behave the same when run as root.
/// </summary>
public sealed class StateStoreCases
{
    private const int Locked = 40;
    private const int Damaged = 41;
    private const int ReadOnly = 42;
    private const int DiskFull = 43;
    private const int Unusable = 44;

    private const string Stamp = """
        workflow: Stamp
        tasks:
          Write:
            uses: shell
            with:
              command: echo stamped > "${outputs.out}"
            outputs:
              out: out/stamp.txt
        """;

    // Fill fills the disk the store is on, the first time only; the store fails at the run's next write.
    private const string Hog = """
        workflow: Hog
        tasks:
          Fill:
            uses: shell
            with:
              command: if [ ! -e filled-once ]; then touch filled-once; head -c 4000000 /dev/zero > store/hog; fi; echo filled > "${outputs.out}"
            outputs:
              out: out/fill.txt
          After:
            uses: shell
            requires: [Fill]
            with:
              command: echo after > "${outputs.out}"
            outputs:
              out: out/after.txt
        """;

    private static readonly HostileCases Cases = new()
    {
        Store("state.sqlite naming a folder", "store", Unusable)
            .WithSetup(folder => folder.WithFolder("store"))
            .Says("store is a folder, not a file", "point state.sqlite at a file"),
        Store("state.sqlite inside a path that is a file", "afile/state.db", Unusable)
            .WithFile("afile", "not a folder\n")
            .Says("afile is a file, not a folder"),
        Store("a store of random bytes", "state.db", Damaged)
            .WithBytes("state.db", Random(5000))
            .Says("state.db is damaged or is not a Loader state store", "mv "),
        Store("a store that is a text file", "state.db", Damaged)
            .WithFile("state.db", "runs:\n  - this is not a database\n".PadRight(4096, '#'))
            .Says("state.db is damaged or is not a Loader state store"),
        Store("a store cut short", ".loader/state.db", Damaged)
            .WithWorkflow("stamp.yml", Stamp)
            .WithSetup(async folder =>
            {
                (await folder.RunAsync("run", "Stamp")).ExitsWith(0);
                using var file = File.OpenWrite(folder.Path(".loader/state.db"));
                file.SetLength(3000);
            })
            .Says(".loader/state.db is damaged", "restore it from a backup"),

        Store("a store locked by another process for longer than state.lock_wait", ".loader/state.db", Locked, "run", "Stamp")
            .WithWorkflow("stamp.yml", Stamp)
            .WithEnvironment("LOADER_state__lock_wait", "2s")
            .WithSetup(HoldLockAsync)
            .Within(TimeSpan.FromSeconds(30))
            .Says("is locked by another process; waiting up to 2s (state.lock_wait)",
                ".loader/state.db stayed locked by another process for 2s",
                $"it is open in pid {Environment.ProcessId} ",
                "let that process finish or stop it"),
        Store("a locked store with state.lock_wait 0s fails at once", ".loader/state.db", Locked, "run", "Stamp")
            .WithWorkflow("stamp.yml", Stamp)
            .WithEnvironment("LOADER_state__lock_wait", "0s")
            .WithSetup(HoldLockAsync)
            .Within(TimeSpan.FromSeconds(15))
            .Says("stayed locked by another process for 0s"),
        new HostileCase("state.lock_wait of two hours")
            .WithEnvironment("LOADER_state__lock_wait", "2h")
            .Running("history")
            .Says("LOADER_state__lock_wait: state.lock_wait is '2h'", "a duration from 0s to 1h"),

        Store("a store on a read-only mount", "store/state.db", ReadOnly, "run", "Stamp")
            .WithWorkflow("stamp.yml", Stamp)
            .WithSetup(async folder => await MakeStoreAsync(folder, "store/state.db"))
            .LaunchedBy(Mounted("mount --bind store store && mount -o remount,bind,ro store store"))
            .Says("store/state.db cannot be written", "make the file and its folder writable"),
        Store("a new store in a read-only folder", "store/state.db", ReadOnly)
            .WithSetup(folder => folder.WithFolder("store"))
            .LaunchedBy(Mounted("mount --bind store store && mount -o remount,bind,ro store store"))
            .Says("store/state.db cannot be written", "point state.sqlite at a writable place"),
        Store("a read-only store file in a writable folder", "store/state.db", ReadOnly, "run", "Stamp")
            .WithWorkflow("stamp.yml", Stamp)
            .WithSetup(async folder => await MakeStoreAsync(folder, "store/state.db"))
            .LaunchedBy(Mounted("mount --bind store/state.db store/state.db && mount -o remount,bind,ro store/state.db store/state.db"))
            .Says("store/state.db cannot be written"),

        Store("a store on a full disk", "store/state.db", DiskFull)
            .WithSetup(folder => folder.WithFolder("store"))
            .LaunchedBy(Mounted("mount -t tmpfs -o size=64k tmpfs store && (head -c 1000000 /dev/zero > store/filler || true)"))
            .Says("the disk holding state store", "store/state.db is full", "free space there"),
        new HostileCase("a disk filling up mid-run: the run fails with 43 and the next runner closes it as abandoned")
            .WithWorkflow("hog.yml", Hog)
            .WithEnvironment("LOADER_state__sqlite", "store/state.db")
            .WithSetup(folder => folder.WithFolder("store"))
            .Running("run", "Hog")
            .LaunchedBy("unshare", "-rm", "sh", "-c",
                """mount -t tmpfs -o size=1m tmpfs store && "$@"; echo "first run exited $?" >&2; rm -f store/hog; "$1" "$2" run Hog && exec "$1" "$2" history""",
                "sh")
            .ExitsWith(0)
            .Says("first run exited 43", "the disk holding state store", "store/state.db is full")
            .Prints("abandoned", "ended without finishing"),
    };

    /// <summary>The case names, one test row each.</summary>
    public static TheoryData<string> Names => Cases.Names;

    [Theory]
    [MemberData(nameof(Names))]
    public Task Loader_says_what_is_wrong_with_the_state_store(string name) => Cases[name].AssertAsync();

    /// <summary>A case whose store is <paramref name="path"/>, running <paramref name="arguments"/> (<c>loader history</c> unless given).</summary>
    private static HostileCase Store(string name, string path, int exitCode, params string[] arguments) =>
        new HostileCase(name)
            .WithEnvironment("LOADER_state__sqlite", path)
            .Running(arguments.Length > 0 ? arguments : ["history"])
            .ExitsWith(exitCode)
            .Says(path);

    /// <summary>Runs the command after <paramref name="mounts"/> in a mount namespace of its own, where the mounts are allowed without root.</summary>
    private static string[] Mounted(string mounts) => ["unshare", "-rm", "sh", "-c", mounts + """ && exec "$@" """, "sh"];

    private static async Task MakeStoreAsync(Infrastructure.WorkFolder folder, string path)
    {
        folder.WithFolder(Path.GetDirectoryName(path)!);
        var made = await folder.Start("history").WaitAsync(Infrastructure.WorkFolder.CommandTimeout);
        made.ExitsWith(0);
        Assert.True(File.Exists(folder.Path(path)), $"no store at {path}.\n{made}");
    }

    /// <summary>Makes the store, then holds its write lock from this process for 30 s, longer than any case waits.</summary>
    private static async Task HoldLockAsync(Infrastructure.WorkFolder folder)
    {
        (await folder.RunAsync("history")).ExitsWith(0);
        var connection = new SqliteConnection($"Data Source={folder.Path(".loader/state.db")};Pooling=False");
        await connection.OpenAsync();
        await using (var begin = connection.CreateCommand())
        {
            begin.CommandText = "BEGIN EXCLUSIVE";
            await begin.ExecuteNonQueryAsync();
        }
        _ = Task.Delay(TimeSpan.FromSeconds(30)).ContinueWith(_ => connection.Dispose(), TaskScheduler.Default);
    }

    private static byte[] Random(int length)
    {
        var bytes = new byte[length];
        new Random(11).NextBytes(bytes);
        return bytes;
    }
}
