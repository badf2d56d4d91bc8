namespace FaaSr.Testing.Reporting.Model;

/// <summary>The workflow's actions as an inline SVG laid out by depth: one column per depth from the entry, left to right.</summary>
public sealed record GraphView(int Width, int Height, IReadOnlyList<GraphNode> Nodes, IReadOnlyList<GraphEdge> Edges);

/// <summary>
/// One action's box. <see cref="Status"/> is a CSS class from the status names (completed, failed, expected, ...);
/// <see cref="Detail"/> sums up a ranked action's instances ("×200: 198 completed, 2 failed").
/// </summary>
public sealed record GraphNode(int X, int Y, int Width, int Height, string Label, string Detail, string Status, string Title);

/// <summary>An arrow from an action to one it may invoke, as SVG path data made only of numbers.</summary>
public sealed record GraphEdge(string Path);
