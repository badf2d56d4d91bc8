namespace FaaSr.Testing.Monitoring;

/// <summary>
/// FaaSr code a run used, as a compute reports it: "FaaSr-Backend" at a folder or repository, at a commit when known.
/// </summary>
public sealed record RunRecordSource(string Name, string Location, string? Commit = null);
