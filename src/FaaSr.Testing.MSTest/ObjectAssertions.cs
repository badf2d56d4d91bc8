namespace FaaSr.Testing.MSTest;

/// <summary>
/// Assertions on one user object, from <c>Expect(Object("rank_files/rank3.txt"))</c>. Each looks again until it holds
/// or the run has ended (at most <see cref="WorkflowTesterOptions.WaitTimeout"/>), since functions write objects while
/// they run; a failure says what was expected, what was found, and the last log lines of the function the test last
/// waited for. A test project adds its own as extension methods over <see cref="Object"/>.
/// </summary>
public sealed class ObjectAssertions
{
    internal ObjectAssertions(ObjectHandle target) => Object = target;

    /// <summary>The object asserted on: reading, polling and failure report, for assertions of one's own.</summary>
    public ObjectHandle Object { get; }

    public Task ToExistAsync() => ExistAsync(nameof(ToExistAsync));

    public Task NotToExistAsync() => NotExistAsync(nameof(NotToExistAsync));

    /// <summary>Asserts the object's UTF-8 text is exactly <paramref name="expected"/>.</summary>
    public Task ToHaveContentAsync(string expected) => ContentAsync(expected, nameof(ToHaveContentAsync));

    internal async Task ExistAsync(string assertion)
    {
        if (!await Object.PollUntilAsync(o => o.ExistsAsync(), exists => exists))
        {
            throw Object.Failure(
                $"{assertion}({Object.Name}): {Object.Key} does not exist in bucket '{Object.Bucket}'.",
                "the object to exist",
                $"no such object; the invocation's user data holds {await Object.DescribeUserDataAsync()}");
        }
    }

    internal async Task NotExistAsync(string assertion)
    {
        if (await Object.PollUntilAsync(o => o.ExistsAsync(), exists => !exists))
        {
            var content = await Object.ReadAsync();
            throw Object.Failure(
                $"{assertion}({Object.Name}): {Object.Key} exists in bucket '{Object.Bucket}'.",
                "no such object",
                content is null ? "the object (it disappeared while being read)" : $"the object, {content.Length} bytes");
        }
    }

    internal async Task ContentAsync(string expected, string assertion)
    {
        ArgumentNullException.ThrowIfNull(expected);
        var actual = await Object.PollUntilAsync(o => o.ReadTextAsync(), text => string.Equals(text, expected, StringComparison.Ordinal));
        if (actual is null)
        {
            throw Object.Failure(
                $"{assertion}({Object.Name}): {Object.Key} does not exist in bucket '{Object.Bucket}'.",
                Object.Quote(expected),
                $"no such object; the invocation's user data holds {await Object.DescribeUserDataAsync()}");
        }

        if (!string.Equals(actual, expected, StringComparison.Ordinal))
        {
            throw Object.Failure(
                $"{assertion}({Object.Name}): the content of {Object.Key} differs.", Object.Quote(expected), Object.Quote(actual));
        }
    }
}
