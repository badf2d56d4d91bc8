namespace FaaSr.Testing.Local.Execution;

public enum InstanceState
{
    /// <summary>The function ran, its .done was written and no ERROR was logged.</summary>
    Completed,

    /// <summary>The instance ran and logged an ERROR (with or without a .done).</summary>
    Failed,

    /// <summary>Never started: not invoked, a False branch, a failed predecessor, or a fan-in start that lost.</summary>
    NotRun,
}
