using FaaSr.Testing.Local.Execution;

namespace FaaSr.Testing.Local.Sessions;

/// <summary>How the <see cref="EmulatedCompute"/> runs functions on this machine.</summary>
public sealed record EmulatedComputeOptions
{
    /// <summary>The Python interpreter; null means python3 found on PATH.</summary>
    public string? PythonInterpreter { get; init; }

    /// <summary>At most this many function instances run at once.</summary>
    public int MaxParallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>Wait this long between a dispatch and the successor's start, to behave more like a cloud run.</summary>
    public TimeSpan DispatchDelay { get; init; } = TimeSpan.Zero;

    /// <summary>Where pip finds the workflow's packages (--pip-find-links, --pip-index).</summary>
    public PipSources Pip { get; init; } = PipSources.None;

    public TimeProvider Clock { get; init; } = TimeProvider.System;
}
