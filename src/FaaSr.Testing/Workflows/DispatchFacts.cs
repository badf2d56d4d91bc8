namespace FaaSr.Testing.Workflows;

/// <summary>What a dispatch line is made of: the workflow, the dispatched action, a job number and when it happened.</summary>
public sealed record DispatchFacts(string WorkflowName, string Action, long JobNumber, DateTimeOffset At);
