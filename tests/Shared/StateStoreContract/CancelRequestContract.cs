using Loader.State;

namespace Loader.Tests.Shared.StateStoreContract;

/// <summary>Requests to cancel a run are recorded once and read by every store on the same storage.</summary>
public abstract class CancelRequestContract : StoreContract
{
    [Fact]
    public async Task A_request_to_cancel_is_recorded_once_and_read_by_another_store()
    {
        var asker = await OpenAsync();
        var runner = await OpenAsync();
        var runId = await runner.StartRunAsync(new RunStart("Nightly", "", "host:1", Now), None);

        var before = await runner.GetCancelRequestAsync(runId, None);
        var first = await asker.RequestCancelAsync(new CancelRequest(runId, "studio on host:2", Now.AddMinutes(1)), None);
        var second = await asker.RequestCancelAsync(new CancelRequest(runId, "loader cancel on host:3", Now.AddMinutes(2)), None);

        Assert.Null(before);
        Assert.True(first);
        Assert.False(second);
        Assert.Equal(new CancelRequest(runId, "studio on host:2", Now.AddMinutes(1)), await runner.GetCancelRequestAsync(runId, None));
        Assert.Null(await runner.GetCancelRequestAsync(runId + 1, None));
    }
}
