using FaaSr.Testing.Monitoring;

namespace FaaSr.Testing.Comparison;

/// <summary>
/// The differences between two runs of one workflow (<see cref="RunSnapshot"/>s), per instance (final status) and per
/// object (present in one run only, or with other content), with a text a person can read. This is how the emulated
/// compute's fidelity to the real FaaSr is measured: <c>faasr-it run --compare emulated,faasr</c>.
/// </summary>
public sealed record RunComparison(RunSnapshot Left, RunSnapshot Right, IReadOnlyList<RunDifference> Differences)
{
    public bool HasDifferences => Differences.Count > 0;

    public static RunComparison Of(RunSnapshot left, RunSnapshot right)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        var differences = new List<RunDifference>();
        foreach (var instance in left.Statuses.Keys.Union(right.Statuses.Keys).Order(StringComparer.Ordinal))
        {
            var a = left.Statuses.TryGetValue(instance, out var leftStatus) ? leftStatus.WireName : "absent";
            var b = right.Statuses.TryGetValue(instance, out var rightStatus) ? rightStatus.WireName : "absent";
            if (a != b)
            {
                differences.Add(new RunDifference($"instance {instance}", $"{a} on {left.ComputeName}", $"{b} on {right.ComputeName}"));
            }
        }

        foreach (var key in left.Objects.Keys.Union(right.Objects.Keys).Order(StringComparer.Ordinal))
        {
            var a = left.Objects.GetValueOrDefault(key);
            var b = right.Objects.GetValueOrDefault(key);
            if (a is null || b is null)
            {
                differences.Add(new RunDifference($"object {key}", Describe(a, left.ComputeName), Describe(b, right.ComputeName)));
            }
            else if (a.Digest != b.Digest)
            {
                differences.Add(new RunDifference($"object {key}", $"on {left.ComputeName} \"{a.Preview}\"", $"on {right.ComputeName} \"{b.Preview}\""));
            }
        }

        return new RunComparison(left, right, differences);
    }

    /// <summary>The report: one line per difference, then "no difference" or "N differences" as the last line.</summary>
    public IEnumerable<string> Lines()
    {
        yield return $"compare {Left.ComputeName} ({Left.InvocationId}) with {Right.ComputeName} ({Right.InvocationId}): {Left.Statuses.Count} instances, {Left.Objects.Count} and {Right.Objects.Count} objects";
        foreach (var difference in Differences)
        {
            yield return $"  {difference.Subject}: {difference.Left}; {difference.Right}";
        }

        yield return Differences.Count switch
        {
            0 => "no difference",
            1 => "1 difference",
            var count => $"{count} differences",
        };
    }

    private static string Describe(SnapshotObject? value, string compute) => value is null ? $"absent on {compute}" : $"present on {compute}";
}
