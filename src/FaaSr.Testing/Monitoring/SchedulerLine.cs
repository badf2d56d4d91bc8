namespace FaaSr.Testing.Monitoring;

/// <summary>A line FaaSr's scheduler logs after the user function returned (docs/faasr-semantics.md, "Dispatch lines" and "Successors").</summary>
public abstract record SchedulerLine(string Action);

/// <summary>"GitHub Action: Successfully invoked: b" and its equivalents on the other FaaS types. One per rank.</summary>
public sealed record DispatchLine(string Action, string FaaSType) : SchedulerLine(Action);

/// <summary>"no triggers for b": the action has an empty InvokeNext.</summary>
public sealed record NoTriggersLine(string Action) : SchedulerLine(Action);
