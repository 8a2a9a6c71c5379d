using Loader.State;
using Loader.Steps;

namespace Loader.Students.Loading;

/// <summary>What a load works with besides its settings.</summary>
/// <param name="State">Where the resume point is kept.</param>
/// <param name="Clock">The clock, for retries, timeouts and rates.</param>
/// <param name="Log">The attempt's log.</param>
/// <param name="Progress">Where progress lines go, about once a second.</param>
/// <param name="Masker">Masks the passwords, the client secret and the token in anything said.</param>
/// <param name="AttemptLabel">Names this attempt in the rejects file's name ("run12-attempt1").</param>
internal sealed record StudentLoadServices(
    IStateStore State,
    TimeProvider Clock,
    Action<string> Log,
    Action<string> Progress,
    SecretMasker Masker,
    string AttemptLabel);
