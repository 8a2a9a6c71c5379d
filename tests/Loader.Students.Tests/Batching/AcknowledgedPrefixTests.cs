using Loader.Students.Batching;

namespace Loader.Students.Tests.Batching;

public sealed class AcknowledgedPrefixTests
{
    private readonly List<(long Offset, long Students)> _saved = [];

    [Fact]
    public async Task Out_of_order_acknowledgements_advance_only_the_contiguous_prefix()
    {
        var prefix = new AcknowledgedPrefix(100, 0, 4, Save);

        await prefix.AcknowledgeAsync(1, 300, 10, CancellationToken.None);
        await prefix.AcknowledgeAsync(2, 400, 10, CancellationToken.None);
        Assert.Equal(100, prefix.Offset);
        Assert.Empty(_saved);

        await prefix.AcknowledgeAsync(0, 200, 10, CancellationToken.None);
        Assert.Equal(400, prefix.Offset);
        Assert.Equal([(400L, 30L)], _saved);
    }

    [Fact]
    public async Task A_batch_waits_while_it_is_window_batches_past_the_saved_point()
    {
        var prefix = new AcknowledgedPrefix(0, 0, 2, Save);
        await prefix.WaitForTurnAsync(0, CancellationToken.None);
        await prefix.WaitForTurnAsync(1, CancellationToken.None);

        var third = prefix.WaitForTurnAsync(2, CancellationToken.None);
        await prefix.AcknowledgeAsync(1, 20, 1, CancellationToken.None);
        await Task.Delay(50);
        Assert.False(third.IsCompleted);

        await prefix.AcknowledgeAsync(0, 10, 1, CancellationToken.None);
        await third.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(20, prefix.SavedOffset);
    }

    private Task Save(long offset, long students, CancellationToken cancellationToken)
    {
        _saved.Add((offset, students));
        return Task.CompletedTask;
    }
}
