using FaaSr.Testing.Tests.Support;

namespace FaaSr.Testing.Tests.Readme;

/// <summary>
/// README.md stays true: its examples are code that is compiled (the test class, the custom assertion), and its
/// layout table names every project.
/// </summary>
[TestClass]
public sealed class ReadmeTests
{
    [TestMethod]
    public void TheLayoutTableNamesEveryProjectOfSrcAndTests()
    {
        var readme = File.ReadAllText(RepositoryFiles.Path("README.md"));
        var layout = readme[readme.IndexOf("## Layout", StringComparison.Ordinal)..];
        var projects = new[] { "src", "tests" }
            .SelectMany(folder => Directory.GetDirectories(RepositoryFiles.Path(folder))
                .Where(d => Directory.GetFiles(d, "*.csproj").Length > 0)
                .Select(d => $"{folder}/{Path.GetFileName(d)}"))
            .ToArray();

        var missing = projects.Where(project => !layout.Contains($"| `{project}` |", StringComparison.Ordinal)).ToArray();

        Assert.IsNotEmpty(projects);
        Assert.IsEmpty(
            missing,
            $"README.md's layout table (## Layout) has no row for: {string.Join(", ", missing)}. Add a row saying what each holds.");
    }

    [TestMethod]
    public void TheReadmesWorkflowTestIsTheIntegrationTestThatRuns() =>
        AssertShown(Path.Combine("tests", "FaaSr.IntegrationTests", "ReadmeExampleTests.cs"), "using FaaSr.Testing.MSTest;");

    [TestMethod]
    public void TheReadmesCustomAssertionIsTheOneTheseTestsUse() =>
        AssertShown(
            Path.Combine("tests", "FaaSr.Testing.Tests", "MSTest", "DispatchAssertions.cs"),
            "    public static async Task ToDispatchAsync");

    /// <summary>The file's code from <paramref name="firstLine"/> (without its namespace line) is a code block of README.md.</summary>
    private static void AssertShown(string file, string firstLine)
    {
        var code = File.ReadAllLines(RepositoryFiles.Path(file))
            .SkipWhile(line => line != firstLine)
            .Where(line => !line.StartsWith("namespace ", StringComparison.Ordinal))
            .ToList();
        if (firstLine.StartsWith(' '))
        {
            // A member: its lines up to the end of the member, unindented as README shows it.
            code = code.TakeWhile(line => line != "    }").Append("    }").Select(line => line.Length >= 4 ? line[4..] : line).ToList();
        }

        var text = string.Join("\n", code).Replace("\n\n\n", "\n\n", StringComparison.Ordinal).Trim();
        var readme = File.ReadAllText(RepositoryFiles.Path("README.md")).ReplaceLineEndings("\n");
        var indentedBlock = string.Join("\n", text.Split('\n').Select(line => line.Length == 0 ? line : "  " + line));
        Assert.IsTrue(
            readme.Contains(text, StringComparison.Ordinal) || readme.Contains(indentedBlock, StringComparison.Ordinal),
            $"README.md does not show {file} as it is:\n{text}");
    }
}
