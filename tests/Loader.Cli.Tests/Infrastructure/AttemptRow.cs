namespace Loader.Cli.Tests.Infrastructure;

/// <summary>One attempt as <c>loader history RUN_ID --output json</c> lists it.</summary>
internal sealed record AttemptRow(string Task, string Family, int Attempt, string Status);
