using FaaSr.Testing.Cli;
using FaaSr.Testing.Tests.Support;
using Microsoft.Playwright;

namespace FaaSr.Testing.Tests.Reporting;

/// <summary>
/// The report of a real local run, opened in Debian's chromium through Playwright (no browser download: the
/// executable is given). Skipped, with one line, only when /usr/bin/chromium is absent; .ci/run installs it.
/// </summary>
[TestClass]
public sealed class ReportBrowserTests
{
    private const string Chromium = "/usr/bin/chromium";

    [TestMethod]
    [Timeout(300_000, CooperativeCancellation = true)]
    public async Task TheReportOfARealRunFiltersSortsAndExpandsInChromium()
    {
        if (!File.Exists(Chromium))
        {
            Assert.Inconclusive($"Skipped: {Chromium} is absent (apt-get install chromium).");
        }

        var folder = Directory.CreateTempSubdirectory("faasr-it-report-browser-").FullName;
        try
        {
            var runs = Path.Combine(folder, "runs");
            var run = await InProcessCli.RunAsync("run", RepositoryFiles.Path("workflows", "IntegrationTestWorkflow.json"), "--local", "--plain", "--functions", RepositoryFiles.Path("functions"), "--record", Path.Combine(runs, "IntegrationTestWorkflow-live.json"));
            Assert.AreEqual(ExitCodes.Success, run.ExitCode, run.Output + run.Error);
            CopyFolder(Path.Combine(ReportFixture.Runs, $"FailingWorkflow-{ReportFixture.FailingRunId}"), Path.Combine(runs, $"FailingWorkflow-{ReportFixture.FailingRunId}"));
            File.Copy(Path.Combine(ReportFixture.Runs, $"FailingWorkflow-{ReportFixture.FailingRunId}.json"), Path.Combine(runs, $"FailingWorkflow-{ReportFixture.FailingRunId}.json"));
            var reportFile = Path.Combine(folder, "index.html");
            // The fixture's secret as the value of SecretWorkflow's declared TEST_SECRET: the report masks it.
            var previous = Environment.GetEnvironmentVariable("TEST_SECRET");
            Environment.SetEnvironmentVariable("TEST_SECRET", ReportFixture.Secret);
            (int ExitCode, string Output, string Error) report;
            try
            {
                report = await InProcessCli.RunAsync("report", "--runs", runs, "--trx", ReportFixture.TestResults, "--out", reportFile, "--all-runs");
            }
            finally
            {
                Environment.SetEnvironmentVariable("TEST_SECRET", previous);
            }

            Assert.AreEqual(ExitCodes.Success, report.ExitCode, report.Error);

            using var playwright = await Playwright.CreateAsync();
            await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = Chromium,
                Headless = true,
                Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
            });
            var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
            var dialogs = 0;
            page.Dialog += (_, dialog) =>
            {
                dialogs++;
                _ = dialog.DismissAsync();
            };
            var requests = new List<string>();
            page.Request += (_, request) => requests.Add(request.Url);
            await page.GotoAsync(new Uri(reportFile).AbsoluteUri);

            var visibleTests = page.Locator("#test-table > tbody:visible");
            Assert.AreEqual(5, await visibleTests.CountAsync());
            Assert.AreEqual("5 of 5 tests", await page.Locator("#test-count").TextContentAsync());

            // Filtering by text, then by outcome.
            await page.Locator("#test-filter").FillAsync("successor");
            Assert.AreEqual(1, await visibleTests.CountAsync());
            Assert.AreEqual("1 of 5 tests", await page.Locator("#test-count").TextContentAsync());
            await page.Locator("#test-filter").FillAsync("");
            await page.Locator("#outcome-filter").SelectOptionAsync("passed");
            Assert.AreEqual(3, await visibleTests.CountAsync());
            await page.Locator("#outcome-filter").SelectOptionAsync("");

            // Sorting by duration, longest first on the second click.
            var duration = page.Locator("#test-table th[data-sort=durationMs]");
            await duration.ClickAsync();
            await duration.ClickAsync();
            Assert.AreEqual("descending", await duration.GetAttributeAsync("aria-sort"));
            Assert.AreEqual("Sync2ReadsBothFiles", await page.Locator("#test-table > tbody td.name").First.TextContentAsync(), "4.51 s is the longest.");

            // The failure is expanded; a passed test's output expands on a click.
            Assert.IsTrue(await page.Locator("tbody.failed tr.detail pre.message").IsVisibleAsync());
            var passed = page.Locator("#test-table > tbody", new() { HasText = "TheSuccessorOfTheFailureNeverRuns" });
            Assert.IsFalse(await passed.Locator("tr.detail").IsVisibleAsync());
            await passed.Locator("tr.test-row").ClickAsync();
            Assert.IsTrue(await passed.Locator("tr.detail").IsVisibleAsync());
            Assert.AreEqual("true", await passed.Locator("tr.test-row").GetAttributeAsync("aria-expanded"));

            // The live run: its ranks open from their group on the timeline, a log opens from its summary.
            var live = page.Locator("article.run.passed", new() { HasText = "IntegrationTestWorkflow" });
            var ranks = live.Locator("details.tl-group > div.tl-row");
            Assert.AreEqual(5, await ranks.CountAsync());
            Assert.IsFalse(await ranks.First.IsVisibleAsync());
            await live.Locator("details.tl-group > summary").ClickAsync();
            Assert.IsTrue(await ranks.First.IsVisibleAsync());
            var sync2Log = live.Locator("details.log", new() { HasText = "sync2" }).Last;
            Assert.IsFalse(await sync2Log.Locator("pre").IsVisibleAsync());
            await sync2Log.Locator("summary").ClickAsync();
            StringAssert.Contains(await sync2Log.Locator("pre").TextContentAsync(), "Sync2 Completed");

            // The FailingWorkflow log's <script> is text: nothing ran, and it reads as written.
            var failingLog = page.Locator("article.run.expected details.log", new() { HasText = "fail-py failed (expected)" }).Last;
            await failingLog.Locator("summary").ClickAsync();
            StringAssert.Contains(await failingLog.Locator("pre").TextContentAsync(), "<script>document.title='pwned-by-log'</script>");
            StringAssert.Contains(await failingLog.Locator("pre").TextContentAsync(), "token=***");
            Assert.DoesNotContain(ReportFixture.Secret, await page.ContentAsync());
            Assert.AreEqual("faasr-it report", await page.TitleAsync());
            Assert.AreEqual(0, dialogs);
            Assert.IsTrue(requests.All(u => u.StartsWith("file://", StringComparison.Ordinal)), "No network request: " + string.Join(", ", requests));

            var screenshot = RepositoryFiles.Path("artifacts", "report", "report-screenshot.png");
            Directory.CreateDirectory(Path.GetDirectoryName(screenshot)!);
            await page.Locator("#test-filter").FillAsync("");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot, FullPage = true });
            Assert.IsTrue(new FileInfo(screenshot).Length > 10_000, "The screenshot holds a rendered page.");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
