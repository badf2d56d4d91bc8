namespace FaaSr.Testing.Containers.Running;

/// <summary>How one containerised command ended: its exit code (137 when killed at the timeout) and its output.</summary>
public sealed record ContainerCommandResult(long ExitCode, string StandardOutput, string StandardError, bool TimedOut, TimeSpan Elapsed);
