using System.Text.Json;
using System.Text.RegularExpressions;
using FaaSr.Testing.Profiles;
using FaaSr.Testing.Reporting;
using FaaSr.Testing.Reporting.Model;
using FaaSr.Testing.Reporting.Rendering;
using FaaSr.Testing.Reporting.Runs;

namespace FaaSr.Testing.Tests.Reporting;

[TestClass]
public sealed class ReportSafetyTests
{
    [TestMethod]
    public async Task MarkupFromALogATestMessageAndAKeyIsInertText()
    {
        var html = await ReportFixture.RenderAsync();

        Assert.HasCount(2, Regex.Matches(html, "<script"), "Only the report's own two script elements: the JSON data and its script.");
        StringAssert.Contains(html, "&lt;script&gt;document.title=&#39;pwned-by-log&#39;&lt;/script&gt;", "The log's markup is text.");
        StringAssert.Contains(html, "both &lt;script&gt;alert(&#39;message&#39;)&lt;/script&gt;", "The test message's markup is text.");
        StringAssert.Contains(html, "/&quot;&gt;&lt;script&gt;alert(&#39;key&#39;)&lt;/script&gt;.txt</td>", "The key's markup is text.");
    }

    [TestMethod]
    public async Task EverySecretValueIsMaskedEverywhere()
    {
        var html = await ReportFixture.RenderAsync();

        Assert.DoesNotContain(ReportFixture.Secret, html);
        StringAssert.Contains(html, "token=***", "The log line keeps its place, the value masked.");
        StringAssert.Contains(html, "&quot;token ***&quot;", "The test message too.");
    }

    [TestMethod]
    public async Task TheJobSummaryAndAnnotationsComeFromTheMaskedPage()
    {
        var input = await FaaSr.Testing.Reporting.ReportGenerator.ReadAsync(ReportFixture.Options("unused.html"), CancellationToken.None);
        var page = await ReportPageBuilder.BuildAsync(input, CancellationToken.None);

        var markdown = FaaSr.Testing.Reporting.Ci.GitHubSummary.Markdown(page);
        var annotations = string.Join("\n", FaaSr.Testing.Reporting.Ci.GitHubAnnotations.ErrorLines(page));

        StringAssert.Contains(markdown, "Sync2ReadsBothFiles");
        StringAssert.Contains(annotations, "found:    \"token ***\"");
        Assert.DoesNotContain(ReportFixture.Secret, markdown + annotations);
        Assert.DoesNotContain("<script>", markdown, "GitHub renders HTML in a summary: markup in a cell is written as entities (annotations are plain text).");
    }

    [TestMethod]
    public async Task TheDataForTheScriptIsJsonThatCannotCloseItsElement()
    {
        var hostile = "</script><script>alert(1)</script><!--";
        var page = await ReportPageBuilder.BuildAsync(
            new ReportInput
            {
                TestRuns = [new(
                    "x.trx", null, null,
                    [new() { Name = hostile, ClassName = "C", Outcome = FaaSr.Testing.Reporting.Trx.TestOutcome.Failed, Duration = TimeSpan.FromSeconds(1), Message = hostile, Source = "x.trx" }])],
                Runs = [],
            },
            CancellationToken.None);

        var html = new ReportRenderer().Render(page, ReportSecrets.None);

        var data = Regex.Match(html, "<script type=\"application/json\" id=\"report-data\">(.*?)</script>", RegexOptions.Singleline).Groups[1].Value;
        Assert.DoesNotContain("<", data);
        Assert.AreEqual(hostile, JsonDocument.Parse(data).RootElement.GetProperty("tests")[0].GetProperty("name").GetString(), "The name survives as data.");
        Assert.HasCount(2, Regex.Matches(html, "<script"));
    }

    [TestMethod]
    public async Task ValuesInAttributesCannotBreakOutOfTheirQuotes()
    {
        var run = new RecordedRun
        {
            WorkflowName = "W\" onmouseover=\"alert(1)",
            InvocationId = "id' onclick='x",
            StartedAt = DateTimeOffset.Parse("2026-12-01T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture),
            FinishedAt = DateTimeOffset.Parse("2026-12-01T10:00:05Z", System.Globalization.CultureInfo.InvariantCulture),
            Functions = [new() { Name = "f\"><img src=x onerror=alert(1)>", Status = FaaSr.Testing.Monitoring.FunctionStatus.Completed }],
            Source = "r.json",
        };
        var page = await ReportPageBuilder.BuildAsync(new ReportInput { TestRuns = [], Runs = [new RunInput(run, null, null, null)] }, CancellationToken.None);

        var html = new ReportRenderer().Render(page, ReportSecrets.None);

        Assert.DoesNotContain("onmouseover=\"", html);
        Assert.DoesNotContain("onclick='", html);
        Assert.DoesNotContain("<img", html);
        StringAssert.Contains(html, "title=\"f&quot;&gt;&lt;img src=x onerror=alert(1)&gt;: completed");
    }

    [TestMethod]
    public void TheReportHasNoNetworkReferences()
    {
        var html = ReportFixture.RenderAsync().GetAwaiter().GetResult();

        StringAssert.Contains(html, "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';");
        Assert.IsFalse(Regex.IsMatch(html, "<(link|img|iframe)\\b|\\bsrc=\"http|@import|url\\(http"), "No stylesheet, image, frame or script is loaded from anywhere.");
    }

    [TestMethod]
    public void ARedactorBuiltFromTheWorkflowsMasksTheirDeclaredSecretsAndGhPat()
    {
        var settings = new SettingSources(new Dictionary<string, string> { ["GH_PAT"] = "ghp_fixture123", ["S3_SecretKey"] = "store-secret-9" }, null, _ => null);

        var secrets = ReportSecrets.For(FaaSr.Testing.Tests.Support.RepositoryFiles.Path("workflows"), settings);

        Assert.AreEqual("pat *** key ***", secrets.Mask("pat ghp_fixture123 key store-secret-9"));
    }
}
