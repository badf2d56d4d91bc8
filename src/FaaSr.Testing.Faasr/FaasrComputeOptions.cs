using FaaSr.Testing.Faasr.Sources;
using FaaSr.Testing.Local.Execution;

namespace FaaSr.Testing.Faasr;

/// <summary>How the <see cref="FaasrCompute"/> runs the user's FaaSr on this machine.</summary>
public sealed record FaasrComputeOptions
{
    /// <summary>The default machine-wide lock: every faasr-it process of this machine runs its actions under it.</summary>
    public const string DefaultLockPath = "/tmp/faasr-it-faasr-actions.lock";

    /// <summary>FaaSr-Backend, FaaSr-Docker and FaaSr-workflow (folders or git URLs with @ref).</summary>
    public FaasrSourceOptions Sources { get; init; } = new();

    /// <summary>The interpreter; null: python3, else /usr/bin/python3, whichever has every module (see <see cref="Prerequisites.FaasrPython"/>).</summary>
    public string? PythonInterpreter { get; init; }

    /// <summary>Where PyPIPackageDownloads come from (the same --pip-find-links/--pip-index as the emulated compute).</summary>
    public PipSources Pip { get; init; } = PipSources.None;

    /// <summary>An action still running after this long is killed (its instance then never completes).</summary>
    public TimeSpan ActionTimeLimit { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// The lock file that makes actions of every faasr-it process on this machine run one at a time: FaaSr-Backend
    /// binds 127.0.0.1:8000 and writes fixed /tmp paths, so two at once would corrupt each other.
    /// </summary>
    public string LockPath { get; init; } = DefaultLockPath;

    /// <summary>Lines for the person running it: sources used, hosts an action tried, actions that exited non-zero.</summary>
    public Action<string>? Report { get; init; }

    /// <summary>Called as each action ends, with how it ran (for benchmarks and tests that want more than the lines).</summary>
    public Action<Running.ActionRun>? ActionFinished { get; init; }

    public TimeProvider Clock { get; init; } = TimeProvider.System;
}
