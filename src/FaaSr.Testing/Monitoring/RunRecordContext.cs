namespace FaaSr.Testing.Monitoring;

/// <summary>
/// What a run record says about the run beside the monitor's states: the profile, storage and compute, and the
/// compute's links and sources.
/// </summary>
public sealed record RunRecordContext
{
    /// <summary>"local", "cloud", ...</summary>
    public required string Profile { get; init; }

    /// <summary>The storage's name ("local", "workflow", "endpoint", or a test's own).</summary>
    public string? Storage { get; init; }

    /// <summary>The compute's name ("emulated", "faasr", "github", or a test's own).</summary>
    public string? Compute { get; init; }

    /// <summary>A page for the whole run; null when the compute has none.</summary>
    public string? RunUrl { get; init; }

    /// <summary>The FaaSr code the compute ran; empty when it ran none (the emulated compute).</summary>
    public IReadOnlyList<RunRecordSource> Sources { get; init; } = [];

    /// <summary>The compute's page for one instance; null when there is none.</summary>
    public Func<string, string?> RunUrlOf { get; init; } = _ => null;
}
