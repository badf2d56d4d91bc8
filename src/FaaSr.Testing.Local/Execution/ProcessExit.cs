namespace FaaSr.Testing.Local.Execution;

/// <summary>How a child process ended. <see cref="ExitCode"/> is null when it was killed for running too long.</summary>
internal sealed record ProcessExit(int? ExitCode, bool TimedOut, DateTimeOffset StartedAt, string OutputTail);
