namespace Loader.Bench.Students;

/// <summary>A reason the benchmark cannot run or its figures cannot be trusted, said in one message without a stack trace.</summary>
internal sealed class BenchFailure(string message) : Exception(message);
