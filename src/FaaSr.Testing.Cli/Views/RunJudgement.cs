using FaaSr.Testing.Reporting.Model;

namespace FaaSr.Testing.Cli.Views;

/// <summary>
/// How a run reads in <c>watch</c>'s final summary once the tests' outcomes are known: its mark ("✔", "✘", "•"), the
/// Spectre color of the mark, what to say after the run's line, and whether its table is worth printing.
/// </summary>
internal sealed record RunJudgement(RunVerdict Verdict, string Mark, string Color, string Note, bool ShowTable);
