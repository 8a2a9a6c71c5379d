using System.Diagnostics;
using System.Text.Json;

namespace Loader.Studio.Tests.Monitoring;

/// <summary>A <c>/metrics</c> answer as Prometheus's own parser (prometheus-client, run by Debian's python3) reads it.</summary>
public sealed class Scrape
{
    private const string Python = "/usr/bin/python3";

    private readonly JsonElement _parsed;

    private Scrape(JsonElement parsed) => _parsed = parsed;

    /// <summary>Parses <paramref name="text"/>; fails the test with the parser's error when it refuses a line.</summary>
    public static async Task<Scrape> ParseAsync(string text)
    {
        Assert.True(File.Exists(Python), $"{Python} is missing: run scripts/prepare.sh (it installs python3-prometheus-client)");
        var start = new ProcessStartInfo(Python, [Path.Combine(AppContext.BaseDirectory, "Monitoring", "prometheus_parse.py")])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.StandardInput.WriteAsync(text);
        process.StandardInput.Close();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"the Prometheus parser refused the scrape: {await error}\n{text}");
        return new Scrape(JsonDocument.Parse(await output).RootElement.Clone());
    }

    /// <summary>The type of family <paramref name="name"/> (counter, gauge, histogram), or null when absent.</summary>
    public string? TypeOf(string name) =>
        _parsed.GetProperty("families").EnumerateArray().Where(f => f.GetProperty("name").GetString() == name).Select(f => f.GetProperty("type").GetString()).FirstOrDefault();

    /// <summary>The value of sample <paramref name="name"/> with exactly <paramref name="labels"/>, or null when absent.</summary>
    public double? Value(string name, params (string Name, string Value)[] labels)
    {
        foreach (var sample in _parsed.GetProperty("samples").EnumerateArray())
        {
            var sampleLabels = sample.GetProperty("labels").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString());
            if (sample.GetProperty("name").GetString() == name && sampleLabels.Count == labels.Length && labels.All(l => sampleLabels.GetValueOrDefault(l.Name) == l.Value))
            {
                return sample.GetProperty("value").GetDouble();
            }
        }
        return null;
    }
}
