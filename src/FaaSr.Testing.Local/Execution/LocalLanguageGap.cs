using FaaSr.Testing.Workflows;

namespace FaaSr.Testing.Local.Execution;

/// <summary>A language a workflow uses that this machine cannot run locally, the actions that use it, and why.</summary>
public sealed record LocalLanguageGap(FunctionLanguage Language, IReadOnlyList<string> Actions, string Reason);
