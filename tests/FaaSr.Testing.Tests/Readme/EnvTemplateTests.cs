using System.Text.RegularExpressions;
using FaaSr.Testing.GitHub.Api;
using FaaSr.Testing.GitHub.Secrets;
using FaaSr.Testing.Profiles;
using FaaSr.Testing.Tests.Support;
using FaaSr.Testing.Workflows;

namespace FaaSr.Testing.Tests.Readme;

/// <summary>.env.template names every variable faasr-it reads, and is itself a .env file faasr-it can read.</summary>
[TestClass]
public sealed partial class EnvTemplateTests
{
    private static readonly string Template = File.ReadAllText(RepositoryFiles.Path(".env.template"));

    [TestMethod]
    public void EveryFaaSrItVariableOfTheCodeIsInTheTemplate()
    {
        var named = Directory.EnumerateFiles(RepositoryFiles.Path("src"), "*.cs", SearchOption.AllDirectories)
            .Where(file => !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(file => FaaSrItVariable().Matches(File.ReadAllText(file)).Select(m => m.Groups["name"].Value))
            .Distinct(StringComparer.Ordinal)
            .ToList();

        var missing = named.Where(name => !Template.Contains(name, StringComparison.Ordinal)).ToList();

        Assert.IsNotEmpty(named);
        Assert.IsEmpty(missing,
            $".env.template does not mention {string.Join(", ", missing)}, which src/ reads; add each with a line saying what it is for.");
    }

    [TestMethod]
    public void EveryCredentialAndGitHubVariableIsInTheTemplate()
    {
        var expected = FaaSTypes.All.SelectMany(type => type.TriggerCredentialVariables)
            .Concat(GitHubApiSettings.TokenVariables)
            .Append(GitHubApiSettings.ApiUrlVariable)
            .Append(SecretSyncPlan.RepositoryVariable)
            .Append("GITHUB_REF_NAME");

        var missing = expected.Where(name => !Regex.IsMatch(Template, $"^#? ?{name}=", RegexOptions.Multiline)).ToList();

        Assert.IsEmpty(missing, $".env.template has no line for {string.Join(", ", missing)}.");
    }

    [TestMethod]
    public void EverySecretTheRepositorysWorkflowsImportHasAVariableLine()
    {
        var variables = DotEnvFile.Parse(Template, ".env.template");
        var needed = Directory.GetFiles(RepositoryFiles.Path("workflows"), "*.json").SelectMany(file =>
            WorkflowSecretNames.Of(WorkflowLoader.Load(file).Document)).Distinct().ToList();

        var missing = needed.Where(name => !variables.ContainsKey(name)).ToList();

        Assert.IsNotEmpty(needed);
        Assert.IsEmpty(missing, $".env.template has no NAME= line for {string.Join(", ", missing)}, which workflows/ import.");
    }

    [GeneratedRegex("\"(?<name>FAASR_IT_[A-Z0-9_]+)\"", RegexOptions.CultureInvariant)]
    private static partial Regex FaaSrItVariable();
}
