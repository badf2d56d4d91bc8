namespace FaaSr.Testing.Local.Execution;

/// <summary>What a function's process reported through faasr_exit: the error message and the Python traceback.</summary>
internal sealed record FunctionExitReport(string? Message, string? Traceback);
