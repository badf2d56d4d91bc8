using FaaSr.Testing.Workflows;

namespace FaaSr.Testing.Tests.Workflows;

/// <summary>
/// Every file of Workflows/Invalid/ is invalid for one stated reason; InvalidCorpus.tsv says which action, JSON path
/// and message fragment the reported problem must carry.
/// </summary>
[TestClass]
public sealed class InvalidCorpusTests
{
    private static readonly string CorpusFolder = Path.Combine(AppContext.BaseDirectory, "Workflows", "Invalid");

    public static IEnumerable<object[]> Cases => ReadManifest().Select(e => new object[] { e.File, e.Action, e.JsonPath, e.Fragment });

    [TestMethod]
    public void TheCorpusIsLargeAndEveryFileHasOneExpectation()
    {
        var files = Directory.GetFiles(CorpusFolder, "*.json").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray();
        var listed = ReadManifest().Select(e => e.File).Order(StringComparer.Ordinal).ToArray();

        Assert.IsGreaterThanOrEqualTo(45, files.Length);
        CollectionAssert.AreEqual(files, listed);
    }

    [TestMethod]
    [DynamicData(nameof(Cases))]
    public void ReportsTheExpectedProblem(string file, string action, string jsonPath, string fragment)
    {
        var path = Path.Combine(CorpusFolder, file);

        var check = WorkflowLoader.CheckFile(path);

        var all = string.Join(Environment.NewLine, check.Problems);
        Assert.IsFalse(check.IsValid, $"{file} should be invalid");
        Assert.IsTrue(check.Problems.All(p => p.File == path), all);
        var expectedAction = action == "-" ? null : action;
        Assert.IsTrue(
            check.Problems.Any(p =>
                p.Action == expectedAction && p.JsonPath == jsonPath && p.Message.Contains(fragment, StringComparison.Ordinal)),
            $"expected a problem for action {action} at {jsonPath} containing \"{fragment}\"; got:{Environment.NewLine}{all}");
        if (expectedAction is not null)
        {
            Assert.IsTrue(
                check.Problems.Where(p => p.Action == expectedAction).All(p =>
                    p.Message.Contains($"'{expectedAction}'", StringComparison.Ordinal)), all);
        }

        var exception = Assert.ThrowsExactly<InvalidWorkflowException>(() => WorkflowLoader.Load(path));
        Assert.HasCount(check.Problems.Count, exception.Problems);
    }

    private static IEnumerable<(string File, string Action, string JsonPath, string Fragment)> ReadManifest() =>
        File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Workflows", "InvalidCorpus.tsv"))
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line => line.Split('\t'))
            .Select(cells => (cells[0], cells[1], cells[2], cells[3]));
}
