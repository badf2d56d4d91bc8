using FaaSr.Testing.Errors;

namespace FaaSr.Testing.Faasr.Running;

/// <summary>
/// A FaaSr-workflow script (register_workflow.py, invoke_workflow.py) failed, so the run could not start; the message
/// has its last lines.
/// </summary>
public sealed class FaasrStepException(string message) : EnvironmentProblemException(message);
