using Loader.Engine.Tests.TestSupport;
using Loader.Targets;

namespace Loader.Engine.Tests.Targets;

public sealed class LocalTargetStoreTests : IDisposable
{
    private static readonly CancellationToken None = CancellationToken.None;

    private readonly Sandbox _sandbox = new();
    private readonly LocalTargetStore _store = new();

    public void Dispose() => _sandbox.Dispose();

    private Target FileTarget(string name) => new(TargetKind.File, _sandbox.PathOf("data", name));

    private string[] FilesIn(params string[] folder) =>
        Directory.EnumerateFiles(_sandbox.PathOf(["data", .. folder])).Select(f => Path.GetFileName(f)!).Order(StringComparer.Ordinal).ToArray();

    private async Task<bool> ExistsAsync(Target target) => (await _store.WhichExistAsync([target], None)).Contains(target);

    [Fact]
    public async Task A_marker_can_be_written_in_a_folder_removed_after_it_was_first_prepared()
    {
        var partition = new Target(TargetKind.Flag, _sandbox.PathOf("data", "warehouse", "dt=2026-01-01") + "/");
        var marker = new Target(TargetKind.Marker, _sandbox.PathOf("data", "warehouse", "dt=2026-01-01", "audit.done"));
        await _store.PrepareAsync(marker, None);

        Directory.Delete(_sandbox.PathOf("data", "warehouse", "dt=2026-01-01"), recursive: true);
        var writtenAt = await _store.PrepareAsync(marker, None);
        await _store.CommitAsync(marker, writtenAt, "{}", None);

        Assert.True(await ExistsAsync(marker));
    }

    [Fact]
    public async Task A_file_exists_once_written()
    {
        var target = FileTarget("a.csv");
        Assert.False(await ExistsAsync(target));

        _sandbox.Write("data/a.csv", "x");

        Assert.True(await ExistsAsync(target));
    }

    [Fact]
    public async Task WhichExist_answers_for_many_targets_in_many_folders_at_once()
    {
        _sandbox.Write("data/one/a.csv", "x");
        _sandbox.Write("data/two/b.csv", "x");
        Directory.CreateDirectory(_sandbox.PathOf("data", "two", "dir"));
        var targets = new[]
        {
            FileTarget("one/a.csv"),
            FileTarget("one/missing.csv"),
            FileTarget("two/b.csv"),
            new Target(TargetKind.Folder, _sandbox.PathOf("data", "two", "dir")),
            FileTarget("three/c.csv"),
        };

        var existing = await _store.WhichExistAsync(targets, None);

        Assert.Equal([targets[0], targets[2], targets[3]], targets.Where(existing.Contains));
    }

    [Fact]
    public async Task A_file_target_is_not_satisfied_by_a_folder_of_that_name()
    {
        Directory.CreateDirectory(_sandbox.PathOf("data", "a.csv"));

        Assert.False(await ExistsAsync(FileTarget("a.csv")));
    }

    [Fact]
    public async Task A_folder_target_exists_as_a_folder_even_when_empty()
    {
        var target = new Target(TargetKind.Folder, _sandbox.PathOf("data", "dir") + "/");
        Assert.False(await ExistsAsync(target));

        Directory.CreateDirectory(_sandbox.PathOf("data", "dir"));

        Assert.True(await ExistsAsync(target));
    }

    [Fact]
    public async Task A_flag_folder_without_its_success_flag_does_not_count()
    {
        var target = new Target(TargetKind.Flag, _sandbox.PathOf("data", "warehouse", "dt=2026-01-01") + "/");
        _sandbox.Write("data/warehouse/dt=2026-01-01/part-0.csv", "x");

        Assert.False(await ExistsAsync(target));

        _sandbox.Write("data/warehouse/dt=2026-01-01/_SUCCESS", "");

        Assert.True(await ExistsAsync(target));
    }

    [Fact]
    public async Task A_success_flag_deeper_down_does_not_complete_a_flag_folder()
    {
        var target = new Target(TargetKind.Flag, _sandbox.PathOf("data", "warehouse", "dt=2026-01-01"));
        _sandbox.Write("data/warehouse/dt=2026-01-01/nested/_SUCCESS", "");

        Assert.False(await ExistsAsync(target));
    }

    [Fact]
    public async Task The_flag_of_the_parent_folder_does_not_complete_a_subfolder_of_the_same_name()
    {
        var target = new Target(TargetKind.Flag, _sandbox.PathOf("data", "exports", "exports") + "/");
        _sandbox.Write("data/exports/_SUCCESS", "");
        Directory.CreateDirectory(_sandbox.PathOf("data", "exports", "exports"));

        Assert.False(await ExistsAsync(target));
    }

    [Fact]
    public async Task Flag_folders_of_many_days_are_answered_from_one_listing()
    {
        var days = Enumerable.Range(1, 5)
            .Select(d => new Target(TargetKind.Flag, _sandbox.PathOf("data", "warehouse", $"dt=2026-01-0{d}") + "/"))
            .ToList();
        _sandbox.Write("data/warehouse/dt=2026-01-02/_SUCCESS", "");
        _sandbox.Write("data/warehouse/dt=2026-01-04/_SUCCESS", "");
        _sandbox.Write("data/warehouse/dt=2026-01-05/part-0.csv", "");
        _sandbox.Write("data/warehouse/report.csv", "");

        var existing = await _store.WhichExistAsync([.. days, FileTarget("warehouse/report.csv")], None);

        Assert.Equal([days[1], days[3]], days.Where(existing.Contains));
        Assert.Contains(FileTarget("warehouse/report.csv"), existing);
    }

    [Fact]
    public async Task A_marker_exists_once_written()
    {
        var target = new Target(TargetKind.Marker, _sandbox.PathOf("data", "markers", "Load_abc.json"));
        Assert.False(await ExistsAsync(target));

        _sandbox.Write("data/markers/Load_abc.json", "{}");

        Assert.True(await ExistsAsync(target));
    }

    [Fact]
    public async Task File_urls_are_local_paths()
    {
        _sandbox.Write("data/a.csv", "x");

        Assert.True(await ExistsAsync(new Target(TargetKind.File, "file://" + _sandbox.PathOf("data", "a.csv"))));
    }

    [Fact]
    public async Task A_prepared_file_is_not_visible_under_its_name_until_committed()
    {
        var target = FileTarget("out/a.csv");

        var writtenAt = await _store.PrepareAsync(target, None);
        await File.WriteAllTextAsync(writtenAt, "day,events\n");

        Assert.NotEqual(target.Location, writtenAt);
        Assert.Equal(Path.GetDirectoryName(target.Location), Path.GetDirectoryName(writtenAt));
        Assert.False(await ExistsAsync(target));

        await _store.CommitAsync(target, writtenAt, "", None);

        Assert.True(await ExistsAsync(target));
        Assert.Equal("day,events\n", await File.ReadAllTextAsync(target.Location));
        Assert.False(File.Exists(writtenAt));
    }

    [Fact]
    public async Task Committing_replaces_an_existing_file()
    {
        var target = FileTarget("a.csv");
        _sandbox.Write("data/a.csv", "old");

        var writtenAt = await _store.PrepareAsync(target, None);
        await File.WriteAllTextAsync(writtenAt, "new");
        await _store.CommitAsync(target, writtenAt, "", None);

        Assert.Equal("new", await File.ReadAllTextAsync(target.Location));
    }

    [Fact]
    public async Task A_discarded_attempt_leaves_nothing_behind()
    {
        var target = FileTarget("out/a.csv");

        var writtenAt = await _store.PrepareAsync(target, None);
        await File.WriteAllTextAsync(writtenAt, "half a fi");
        await _store.DiscardAsync(target, writtenAt, None);

        Assert.False(await ExistsAsync(target));
        Assert.Empty(Directory.EnumerateFileSystemEntries(_sandbox.PathOf("data", "out")));
    }

    [Fact]
    public async Task Committing_a_file_the_step_did_not_write_is_an_error_naming_the_output()
    {
        var target = FileTarget("a.csv");
        var writtenAt = await _store.PrepareAsync(target, None);

        var error = await Assert.ThrowsAsync<IOException>(() => _store.CommitAsync(target, writtenAt, "", None));

        Assert.Equal($"the step succeeded but did not write its output '{target.Location}'", error.Message);
        Assert.False(await ExistsAsync(target));
    }

    [Fact]
    public async Task A_prepared_folder_appears_whole_when_committed()
    {
        var target = new Target(TargetKind.Folder, _sandbox.PathOf("data", "export"));

        var writtenAt = await _store.PrepareAsync(target, None);
        await File.WriteAllTextAsync(Path.Combine(writtenAt, "part-0.csv"), "x");
        await File.WriteAllTextAsync(Path.Combine(writtenAt, "part-1.csv"), "y");

        Assert.False(await ExistsAsync(target));

        await _store.CommitAsync(target, writtenAt, "", None);

        Assert.True(await ExistsAsync(target));
        Assert.Equal(["part-0.csv", "part-1.csv"], Directory.EnumerateFiles(target.Location).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_discarded_folder_leaves_nothing_behind()
    {
        var target = new Target(TargetKind.Folder, _sandbox.PathOf("data", "export"));

        var writtenAt = await _store.PrepareAsync(target, None);
        await File.WriteAllTextAsync(Path.Combine(writtenAt, "part-0.csv"), "x");
        await _store.DiscardAsync(target, writtenAt, None);

        Assert.Empty(Directory.EnumerateFileSystemEntries(_sandbox.PathOf("data")));
    }

    [Fact]
    public async Task A_flag_folder_counts_only_after_commit_writes_its_flag()
    {
        var target = new Target(TargetKind.Flag, _sandbox.PathOf("data", "warehouse", "dt=2026-01-01") + "/");

        var writtenAt = await _store.PrepareAsync(target, None);
        await File.WriteAllTextAsync(Path.Combine(writtenAt, "part-0.csv"), "x");

        Assert.False(await ExistsAsync(target));

        await _store.CommitAsync(target, writtenAt, "", None);

        Assert.True(await ExistsAsync(target));
        Assert.True(File.Exists(_sandbox.PathOf("data", "warehouse", "dt=2026-01-01", "_SUCCESS")));
    }

    [Fact]
    public async Task A_failed_attempt_on_a_flag_folder_leaves_nothing_that_looks_complete()
    {
        var target = new Target(TargetKind.Flag, _sandbox.PathOf("data", "warehouse", "dt=2026-01-01") + "/");

        var writtenAt = await _store.PrepareAsync(target, None);
        await File.WriteAllTextAsync(Path.Combine(writtenAt, "part-0.csv"), "x");
        await _store.DiscardAsync(target, writtenAt, None);

        Assert.False(await ExistsAsync(target));
        Assert.False(File.Exists(_sandbox.PathOf("data", "warehouse", "dt=2026-01-01", "_SUCCESS")));
    }

    [Fact]
    public async Task Preparing_a_complete_flag_folder_again_gives_an_empty_folder_and_leaves_the_old_one_whole()
    {
        var target = new Target(TargetKind.Flag, _sandbox.PathOf("data", "warehouse", "dt=2026-01-01") + "/");
        _sandbox.Write("data/warehouse/dt=2026-01-01/part-0.csv", "old");
        _sandbox.Write("data/warehouse/dt=2026-01-01/_SUCCESS", "");

        var writtenAt = await _store.PrepareAsync(target, None);

        Assert.Empty(Directory.EnumerateFileSystemEntries(writtenAt));
        await File.WriteAllTextAsync(Path.Combine(writtenAt, "part-0.csv"), "half");
        Assert.True(await ExistsAsync(target));
        Assert.Equal("old", await File.ReadAllTextAsync(_sandbox.PathOf("data", "warehouse", "dt=2026-01-01", "part-0.csv")));

        await _store.DiscardAsync(target, writtenAt, None);

        Assert.True(await ExistsAsync(target));
        Assert.Equal(["_SUCCESS", "part-0.csv"], FilesIn("warehouse", "dt=2026-01-01"));
        Assert.Equal("old", await File.ReadAllTextAsync(_sandbox.PathOf("data", "warehouse", "dt=2026-01-01", "part-0.csv")));
        Assert.Equal(["dt=2026-01-01"], Directory.EnumerateFileSystemEntries(_sandbox.PathOf("data", "warehouse")).Select(Path.GetFileName));
    }

    [Fact]
    public async Task Committing_a_flag_folder_over_a_complete_one_swaps_in_the_new_folder_whole()
    {
        var target = new Target(TargetKind.Flag, _sandbox.PathOf("data", "warehouse", "dt=2026-01-01") + "/");
        _sandbox.Write("data/warehouse/dt=2026-01-01/part-0.csv", "old");
        _sandbox.Write("data/warehouse/dt=2026-01-01/part-1.csv", "old");
        _sandbox.Write("data/warehouse/dt=2026-01-01/_SUCCESS", "");

        var writtenAt = await _store.PrepareAsync(target, None);
        await File.WriteAllTextAsync(Path.Combine(writtenAt, "part-0.csv"), "new");
        await _store.CommitAsync(target, writtenAt, "", None);

        Assert.True(await ExistsAsync(target));
        Assert.Equal(["_SUCCESS", "part-0.csv"], FilesIn("warehouse", "dt=2026-01-01"));
        Assert.Equal("new", await File.ReadAllTextAsync(_sandbox.PathOf("data", "warehouse", "dt=2026-01-01", "part-0.csv")));
        Assert.Equal(["dt=2026-01-01"], Directory.EnumerateFileSystemEntries(_sandbox.PathOf("data", "warehouse")).Select(Path.GetFileName));
    }

    [Fact]
    public async Task Committing_a_folder_over_an_existing_one_swaps_in_the_new_folder_whole()
    {
        var target = new Target(TargetKind.Folder, _sandbox.PathOf("data", "export"));
        _sandbox.Write("data/export/part-0.csv", "old");
        _sandbox.Write("data/export/part-1.csv", "old");

        var writtenAt = await _store.PrepareAsync(target, None);
        Assert.Empty(Directory.EnumerateFileSystemEntries(writtenAt));
        await File.WriteAllTextAsync(Path.Combine(writtenAt, "part-0.csv"), "new");
        Assert.Equal(["part-0.csv", "part-1.csv"], FilesIn("export"));

        await _store.CommitAsync(target, writtenAt, "", None);

        Assert.Equal(["part-0.csv"], FilesIn("export"));
        Assert.Equal("new", await File.ReadAllTextAsync(_sandbox.PathOf("data", "export", "part-0.csv")));
        Assert.Equal(["export"], Directory.EnumerateFileSystemEntries(_sandbox.PathOf("data")).Select(Path.GetFileName));
    }

    [Fact]
    public async Task A_marker_is_written_with_its_content_at_commit()
    {
        var target = new Target(TargetKind.Marker, _sandbox.PathOf("data", "markers", "Load_abc.json"));

        var writtenAt = await _store.PrepareAsync(target, None);

        Assert.False(await ExistsAsync(target));

        await _store.CommitAsync(target, writtenAt, """{"task":"Load()"}""", None);

        Assert.Equal("""{"task":"Load()"}""", await File.ReadAllTextAsync(target.Location));
    }

    [Fact]
    public void The_scheme_of_a_plain_path_is_file()
    {
        Assert.Equal("file", FileTarget("a.csv").Scheme);
        Assert.Equal("s3", new Target(TargetKind.File, "s3://bucket/key").Scheme);
    }

    [Fact]
    public async Task Target_stores_refuse_a_scheme_nothing_serves()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            TargetStores.Local().WhichExistAsync([new Target(TargetKind.File, "s3://bucket/key")], None));

        Assert.Equal("no store serves 's3://' targets such as s3://bucket/key", error.Message);
    }
}
