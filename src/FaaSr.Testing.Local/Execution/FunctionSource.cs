namespace FaaSr.Testing.Local.Execution;

/// <summary>Where an action's code lives locally: folders to walk, or single files, in the workflow's order.</summary>
public sealed record FunctionSource(IReadOnlyList<string> Folders, IReadOnlyList<string> Files);
