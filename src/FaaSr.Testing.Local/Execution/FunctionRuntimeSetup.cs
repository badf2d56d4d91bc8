namespace FaaSr.Testing.Local.Execution;

/// <summary>What a runtime is given to set itself up for one run: the run's own folder (readable by this user only).</summary>
internal sealed record FunctionRuntimeSetup(string RunFolder);
