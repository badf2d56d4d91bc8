using FaaSr.Testing.Monitoring;
using FaaSr.Testing.Reporting.Runs;
using FaaSr.Testing.Sessions;

namespace FaaSr.Testing.Reporting.Model;

/// <summary>
/// Lays the workflow's actions out by depth: an action's column is the longest invocation path from an entry to it,
/// rows keep ActionList order, edges run from the right of an invoker to the left of what it invokes.
/// </summary>
internal static class GraphLayout
{
    private const int NodeWidth = 176;
    private const int NodeHeight = 44;
    private const int ColumnGap = 56;
    private const int RowGap = 16;
    private const int Margin = 8;
    private const int MaxLabel = 24;

    public static GraphView Lay(RunGraphSnapshot? graph, IReadOnlyList<RecordedFunction> functions, RunVerdict verdict, Func<string, string> mask)
    {
        var byAction = functions.GroupBy(f => f.Action, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
        var actions = graph?.Actions ?? byAction.Keys.Select(a => new RunGraphAction(a, byAction[a].Length, [])).ToArray();
        var depth = Depths(actions);
        var columns = actions.GroupBy(a => depth[a.Name]).OrderBy(g => g.Key).ToArray();
        var positions = new Dictionary<string, (int X, int Y)>(StringComparer.Ordinal);
        foreach (var column in columns)
        {
            var row = 0;
            foreach (var action in column)
            {
                positions[action.Name] = (Margin + column.Key * (NodeWidth + ColumnGap), Margin + row++ * (NodeHeight + RowGap));
            }
        }

        var nodes = actions.Select(action =>
        {
            var (x, y) = positions[action.Name];
            var instances = byAction.GetValueOrDefault(action.Name) ?? [];
            var status = StatusStyle.Aggregate(instances.Select(i => i.Status).ToArray());
            var name = mask(action.Name);
            var detail = instances.Length > 1 || action.Ranks > 1
                ? $"×{ReportFormat.Number(Math.Max(action.Ranks, instances.Length))}: {StatusStyle.Counts(instances.Select(i => i.Status))}"
                : StatusStyle.LabelOf(status, verdict);
            return new GraphNode(x, y, NodeWidth, NodeHeight, Shorten(name), detail, StatusStyle.Of(status, verdict), $"{name}: {detail}");
        }).ToArray();

        var edges = actions
            .SelectMany(a => a.Successors.Where(positions.ContainsKey).Select(s => (From: positions[a.Name], To: positions[s])))
            .Select(e => new GraphEdge(PathOf(e.From, e.To)))
            .ToArray();

        var width = columns.Length == 0 ? 2 * Margin : 2 * Margin + columns.Length * (NodeWidth + ColumnGap) - ColumnGap;
        var height = columns.Length == 0 ? 2 * Margin : 2 * Margin + columns.Max(c => c.Count()) * (NodeHeight + RowGap) - RowGap;
        return new GraphView(width, height, nodes, edges);
    }

    /// <summary>Longest path from any action nobody invokes; a cycle (which validation rejects) cannot loop: at most one pass per action.</summary>
    private static Dictionary<string, int> Depths(IReadOnlyList<RunGraphAction> actions)
    {
        var depth = actions.ToDictionary(a => a.Name, _ => 0, StringComparer.Ordinal);
        for (var pass = 0; pass < actions.Count; pass++)
        {
            var changed = false;
            foreach (var action in actions)
            {
                foreach (var successor in action.Successors.Where(depth.ContainsKey))
                {
                    if (depth[successor] < depth[action.Name] + 1 && depth[action.Name] + 1 < actions.Count)
                    {
                        depth[successor] = depth[action.Name] + 1;
                        changed = true;
                    }
                }
            }

            if (!changed)
            {
                break;
            }
        }

        return depth;
    }

    private static string PathOf((int X, int Y) from, (int X, int Y) to)
    {
        var x1 = from.X + NodeWidth;
        var y1 = from.Y + (NodeHeight / 2);
        var x2 = to.X;
        var y2 = to.Y + (NodeHeight / 2);
        var bend = Math.Max(24, Math.Abs(x2 - x1) / 2);
        return FormattableString.Invariant($"M {x1} {y1} C {x1 + bend} {y1}, {x2 - bend} {y2}, {x2 - 6} {y2}");
    }

    private static string Shorten(string name) => name.Length <= MaxLabel ? name : name[..(MaxLabel - 1)] + "…";
}
