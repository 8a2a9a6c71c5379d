using Loader.Yaml;
using YamlDotNet.Core;

namespace Loader.Engine.Tests.Yaml;

public sealed class YamlLimitsTests
{
    [Fact]
    public void Anchors_and_aliases_within_the_limit_pass()
    {
        YamlLimits.Check("base: &base {image: emr-7, count: 2}\nmaster: *base\ncore: *base\n");
    }

    [Fact]
    public void Aliases_count_every_value_they_repeat()
    {
        // 1 root + 1 key + (1 list + 999 items) as the anchor = 1,002, then 198 keys with an alias of 1,000 values each.
        var fits = "a: &a [" + string.Join(", ", Enumerable.Repeat("x", 999)) + "]\n" + string.Concat(Enumerable.Range(1, 198).Select(i => $"k{i}: *a\n"));
        YamlLimits.Check(fits);

        var error = Assert.Throws<YamlLimitException>(() => YamlLimits.Check(fits + "k199: *a\n"));

        Assert.Equal(200, error.Start.Line);
        Assert.Contains("aliases expand to more than 200,000 values", error.Message);
    }

    [Fact]
    public void Nesting_of_64_levels_passes_and_65_is_refused_at_the_65th()
    {
        YamlLimits.Check(new string('[', 64) + new string(']', 64));

        var error = Assert.Throws<YamlLimitException>(() => YamlLimits.Check(new string('[', 65) + new string(']', 65)));

        Assert.Equal(65, error.Start.Column);
    }

    [Fact]
    public void An_alias_before_its_anchor_is_refused_naming_it()
    {
        var error = Assert.Throws<YamlException>(() => YamlLimits.Check("a: *later\nb: &later 1\n"));

        Assert.Contains("the alias *later names no anchor", error.Message);
    }

    [Fact]
    public void A_tab_is_found_on_its_own_line()
    {
        var text = "a:\n\tb: 1\n";
        var error = Assert.ThrowsAny<YamlException>(() => YamlLimits.Check(text));

        var at = YamlLimits.Where(error, text);

        Assert.Equal((2, 1), ((int)at.Line, (int)at.Column));
    }
}
