using Loader.Configuration;
using Loader.Events;
using Loader.State;
using Loader.Steps;
using Loader.Targets;

namespace Loader.Running;

/// <summary>What a runner works with: the state store, step types, target stores, the event stream, the clock and configuration.</summary>
public sealed record RunnerServices(
    IStateStore State,
    StepRegistry Steps,
    TargetStores Targets,
    IRunEventSink Events,
    TimeProvider Clock,
    LoaderConfiguration Configuration);
