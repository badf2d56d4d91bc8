using FaaSr.Testing.Errors;

namespace FaaSr.Testing.GitHub.Registration;

/// <summary>
/// FaaSr-workflow's register_workflow.py refused the workflow or failed to push it (it exits 1 after an ERROR line: a
/// container not in native_containers.txt without --custom-containers, a missing token, GitHub's refusal). The message
/// quotes its last lines, secrets masked. Bad input, exit 2.
/// </summary>
public sealed class RegistrationFailedException(string message) : BadInputException(message);
