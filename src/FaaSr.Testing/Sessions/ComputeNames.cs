namespace FaaSr.Testing.Sessions;

/// <summary>The names of the computes, and the setting that chooses one when no argument does.</summary>
public static class ComputeNames
{
    /// <summary>The local executor: each function a process on this machine, with FaaSr's semantics.</summary>
    public const string Emulated = "emulated";

    /// <summary>GitHub Actions: the workflow's functions dispatched to its repository.</summary>
    public const string GitHub = "github";

    /// <summary>The user's real FaaSr-Backend, run on this machine.</summary>
    public const string FaaSr = "faasr";

    public const string Variable = "FAASR_IT_COMPUTE";
}
