using FaaSr.Testing.Errors;

namespace FaaSr.Testing.Sessions;

/// <summary>
/// A compute or storage that is known by name but not available in this build or on this machine (an environment
/// problem, not bad input): the message names it and says what can be used instead.
/// </summary>
public sealed class BackendUnavailableException(string message) : EnvironmentProblemException(message);
