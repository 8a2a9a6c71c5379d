using System.Security.Cryptography;
using System.Text;
using Loader.Engine.Tests.TestSupport;
using Loader.Tasks;
using static Loader.Engine.Tests.TestSupport.Workflows;

namespace Loader.Engine.Tests.Tasks;

public sealed class TaskIdTests : IDisposable
{
    private readonly Sandbox _sandbox = new();

    public void Dispose() => _sandbox.Dispose();

    private static KeyValuePair<string, string> P(string name, string value) => new(name, value);

    [Fact]
    public void Text_lists_parameters_sorted_by_name()
    {
        var id = TaskId.Create("Load", [P("region", "eu"), P("date", "2026-01-02"), P("Zone", "z")]);

        Assert.Equal("Load(Zone=z, date=2026-01-02, region=eu)", id.Text);
        Assert.Equal(["Zone", "date", "region"], id.Parameters.Select(p => p.Key));
        Assert.Equal(id.Text, id.ToString());
    }

    [Fact]
    public void A_task_without_parameters_has_empty_parentheses()
    {
        Assert.Equal("Report()", TaskId.Create("Report", []).Text);
    }

    [Fact]
    public void Key_is_the_family_and_12_hex_digits_of_the_sha256_of_the_canonical_json()
    {
        var id = TaskId.Create("Load", [P("region", "eu"), P("date", "2026-01-02")]);

        var hash = SHA256.HashData(Encoding.UTF8.GetBytes("""["Load",{"date":"2026-01-02","region":"eu"}]"""));
        Assert.Equal("Load_" + Convert.ToHexStringLower(hash)[..12], id.Key);
        Assert.Matches("^Load_[0-9a-f]{12}$", id.Key);
    }

    [Fact]
    public void Identity_is_stable_across_calls_and_parameter_order()
    {
        var first = TaskId.Create("Load", [P("a", "1"), P("b", "2")]);
        var second = TaskId.Create("Load", [P("b", "2"), P("a", "1")]);

        Assert.Equal(first, second);
        Assert.Equal(first.Key, second.Key);
        Assert.Equal(first.GetHashCode(), second.GetHashCode());
    }

    [Fact]
    public void A_different_value_or_family_is_a_different_identity()
    {
        var load = TaskId.Create("Load", [P("a", "1")]);

        Assert.NotEqual(load, TaskId.Create("Load", [P("a", "2")]));
        Assert.NotEqual(load.Key[5..], TaskId.Create("Load", [P("a", "2")]).Key[5..]);
        Assert.NotEqual(load, TaskId.Create("Extract", [P("a", "1")]));
        Assert.NotEqual(load, TaskId.Create("Load", [P("b", "1")]));
    }

    [Fact]
    public void Values_that_would_read_alike_in_the_text_have_different_keys()
    {
        var one = TaskId.Create("T", [P("a", "1, b=2")]);
        var two = TaskId.Create("T", [P("a", "1"), P("b", "2")]);

        Assert.Equal(one.Text, two.Text);
        Assert.NotEqual(one.Key, two.Key);
        Assert.NotEqual(one, two);
    }

    [Fact]
    public void Insignificant_and_secret_parameters_do_not_change_identity()
    {
        _sandbox.WriteWorkflow("daily.yml", Daily);

        var plain = _sandbox.Bind("Daily", Args(("interval", "2026-01-05")));
        var other = _sandbox.Bind("Daily", Args(("interval", "2026-01-05"), ("overwrite_n_days", "3"), ("password", "hunter22")));

        Assert.Equal(plain.Instances.Select(i => i.Id.Key), other.Instances.Select(i => i.Id.Key));
        Assert.All(other.Instances, i => Assert.DoesNotContain("hunter22", i.Id.Text));
        Assert.Equal(3L, other.Instances[0].Parameters["overwrite_n_days"]);
    }

    [Fact]
    public void A_significant_parameter_changes_identity()
    {
        _sandbox.WriteWorkflow("daily.yml", Daily);

        var us = _sandbox.Bind("Daily", Args(("interval", "2026-01-05")));
        var eu = _sandbox.Bind("Daily", Args(("interval", "2026-01-05"), ("region", "eu")));

        Assert.Empty(us.Instances.Select(i => i.Id.Key).Intersect(eu.Instances.Select(i => i.Id.Key)));
        Assert.Equal("Extract(date=2026-01-05, region=eu)", eu.Instances[0].Id.Text);
    }

    [Fact]
    public void A_per_day_task_has_the_same_identity_in_every_interval_that_holds_its_day()
    {
        _sandbox.WriteWorkflow("daily.yml", Daily);

        var day = _sandbox.Bind("Daily", Args(("interval", "2026-01-05")));
        var month = _sandbox.Bind("Daily", Args(("interval", "2026-01")));

        var extract = day.Instances.Single(i => i.Family == "Extract");
        Assert.Contains(month.Instances, i => i.Id.Equals(extract.Id));
        Assert.DoesNotContain(month.Instances, i => i.Id.Equals(day.Goals[0].Id));
    }
}
