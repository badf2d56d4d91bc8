using FaaSr.Testing.Tests.Support;

namespace FaaSr.Testing.Tests.MSTest;

/// <summary>README's examples are code that is compiled: the test class and the custom assertion it shows.</summary>
[TestClass]
public sealed class ReadmeExampleTests
{
    [TestMethod]
    public void TheReadmesWorkflowTestIsTheIntegrationTestThatRuns() =>
        AssertShown(Path.Combine("tests", "FaaSr.IntegrationTests", "ReadmeExampleTests.cs"), "using FaaSr.Testing.MSTest;");

    [TestMethod]
    public void TheReadmesCustomAssertionIsTheOneTheseTestsUse() =>
        AssertShown(Path.Combine("tests", "FaaSr.Testing.Tests", "MSTest", "DispatchAssertions.cs"), "    public static async Task ToDispatchAsync");

    /// <summary>The file's code from <paramref name="firstLine"/> (without its namespace line) is a code block of README.md.</summary>
    private static void AssertShown(string file, string firstLine)
    {
        var code = File.ReadAllLines(RepositoryFiles.Path(file)).SkipWhile(line => line != firstLine).Where(line => !line.StartsWith("namespace ", StringComparison.Ordinal)).ToList();
        if (firstLine.StartsWith(' '))
        {
            // A member: its lines up to the end of the member, unindented as README shows it.
            code = code.TakeWhile(line => line != "    }").Append("    }").Select(line => line.Length >= 4 ? line[4..] : line).ToList();
        }

        var text = string.Join("\n", code).Replace("\n\n\n", "\n\n", StringComparison.Ordinal).Trim();
        var readme = File.ReadAllText(RepositoryFiles.Path("README.md")).ReplaceLineEndings("\n");
        var indentedBlock = string.Join("\n", text.Split('\n').Select(line => line.Length == 0 ? line : "  " + line));
        Assert.IsTrue(readme.Contains(text, StringComparison.Ordinal) || readme.Contains(indentedBlock, StringComparison.Ordinal), $"README.md does not show {file} as it is:\n{text}");
    }
}
