using System.Text.Json;
using FaaSr.Testing.Errors;
using FaaSr.Testing.Local;
using FaaSr.Testing.Storage;
using FaaSr.Testing.Tests.Support;

namespace FaaSr.Testing.Tests.Storage;

/// <summary>
/// Where s3rver comes from without FAASR_IT_S3RVER: the repository's node_modules, else a per-user install that real
/// npm makes once (from the embedded package-lock.json) into a private cache folder of each test.
/// </summary>
[TestClass]
public sealed class S3rverLocatorTests(TestContext testContext) : IDisposable
{
    private readonly TemporaryFolders folders = new();

    private CancellationToken Cancellation => testContext.CancellationToken;

    public void Dispose() => folders.Dispose();

    [TestMethod]
    public void ThePinnedVersionIsTheOneOfTheRepositorysLockFile()
    {
        using var lockFile = JsonDocument.Parse(File.ReadAllText(RepositoryFiles.Path("package-lock.json")));
        var locked = lockFile.RootElement.GetProperty("packages").GetProperty("node_modules/s3rver").GetProperty("version").GetString();

        Assert.AreEqual(locked, S3rverPackage.PinnedVersion());
        Assert.AreEqual("3.7.1", S3rverPackage.PinnedVersion());
    }

    [TestMethod]
    public async Task TheRepositorysNodeModulesIsFoundFromInsideItAndThePackageFolderIsAccepted()
    {
        var repositorys = RepositoryFiles.Path("node_modules", "s3rver", "bin", "s3rver.js");
        Assert.IsTrue(File.Exists(repositorys), $"No {repositorys}: the Test target installs it first (./build.sh --target=LocalStack).");
        var search = Search(start: RepositoryFiles.Path("src", "FaaSr.Testing.Local"), path: Environment.GetEnvironmentVariable("PATH")!);

        var script = await S3rverLocator.FindScriptAsync(null, search, Cancellation);

        Assert.AreEqual(repositorys, script);
        Assert.AreEqual(script, await S3rverLocator.FindScriptAsync(Path.GetDirectoryName(Path.GetDirectoryName(script))!, null, Cancellation));
        Assert.IsFalse(Directory.Exists(search.CacheFolder), "Nothing is installed when the repository has s3rver.");
        Assert.IsTrue(File.Exists(S3rverLocator.FindNode(null)));
    }

    [TestMethod]
    public void AnS3rverOfAnotherVersionAboveTheFolderIsPassedOver()
    {
        var project = NewFolder("faasr-it-other-s3rver-");
        var package = Path.Combine(project, "node_modules", "s3rver");
        Directory.CreateDirectory(Path.Combine(package, "bin"));
        File.WriteAllText(Path.Combine(package, "bin", "s3rver.js"), "// another project's s3rver\n");
        File.WriteAllText(Path.Combine(package, "package.json"), """{ "name": "s3rver", "version": "3.6.0" }""");
        var search = Search(start: Path.Combine(project, "tests"), path: string.Empty);

        Assert.IsNull(S3rverLocator.FindBeside(search, S3rverPackage.PinnedVersion()));

        File.WriteAllText(Path.Combine(package, "package.json"), $$"""{ "name": "s3rver", "version": "{{S3rverPackage.PinnedVersion()}}" }""");
        Assert.AreEqual(Path.Combine(package, "bin", "s3rver.js"), S3rverLocator.FindBeside(search, S3rverPackage.PinnedVersion()));
    }

    [TestMethod]
    [Timeout(600_000, CooperativeCancellation = true)]
    public async Task OutsideARepositoryNpmInstallsItOnceIntoTheCacheAndThatS3rverServes()
    {
        var outside = NewFolder("faasr-it-outside-");
        var notes = new List<string>();
        var search = Search(start: outside, path: Environment.GetEnvironmentVariable("PATH")!) with { Notes = line => { lock (notes) { notes.Add(line); } } };
        var version = S3rverPackage.PinnedVersion();
        var installFolder = Path.Combine(search.CacheFolder, "s3rver", version);
        var leftover = Path.Combine(search.CacheFolder, "s3rver", version + ".partial-0123");
        Directory.CreateDirectory(Path.Combine(leftover, "node_modules"));

        // Two at once: one installs, the other waits for the lock and then finds the install.
        var scripts = await Task.WhenAll(
            S3rverLocator.FindScriptAsync(null, search, Cancellation), S3rverLocator.FindScriptAsync(null, search, Cancellation));

        Assert.AreEqual(Path.Combine(installFolder, "node_modules", "s3rver", "bin", "s3rver.js"), scripts[0]);
        Assert.AreEqual(scripts[0], scripts[1]);
        Assert.HasCount(1, notes, string.Join(Environment.NewLine, notes));
        StringAssert.Contains(notes[0], $"Installing s3rver {version} into {installFolder} with npm");
        Assert.AreEqual(version, S3rverPackage.InstalledVersion(Path.Combine(installFolder, "node_modules", "s3rver")));
        Assert.IsFalse(Directory.Exists(leftover), "A dead install's .partial folder is removed.");
        CollectionAssert.AreEquivalent(
            new[] { version, version + ".lock" }, Directory.EnumerateFileSystemEntries(Path.Combine(search.CacheFolder, "s3rver")).Select(Path.GetFileName).ToArray());

        // Once installed it needs no npm: a PATH of node alone finds it.
        var nodeOnly = NodeOnlyFolder();
        Assert.AreEqual(scripts[0], await S3rverLocator.FindScriptAsync(null, search with { SearchPath = nodeOnly }, Cancellation));
        Assert.HasCount(1, notes);

        await using var server = await LocalS3Server.StartAsync(new LocalS3ServerOptions { Search = search with { SearchPath = nodeOnly } }, Cancellation);
        await server.CreateBucketsAsync(["installed"], Cancellation);
        await server.OpenStore("installed").PutTextAsync("k", "from the per-user s3rver", Cancellation);
        Assert.AreEqual("from the per-user s3rver", await server.OpenStore("installed").GetTextAsync("k", Cancellation));
    }

    [TestMethod]
    public async Task WithoutNpmTheErrorSaysWhatToInstallAndNothingIsWritten()
    {
        var search = Search(start: NewFolder("faasr-it-outside-"), path: NodeOnlyFolder());

        var failure = await Assert.ThrowsAsync<EnvironmentProblemException>(() => S3rverLocator.FindScriptAsync(null, search, Cancellation));

        StringAssert.Contains(failure.Message, $"s3rver {S3rverPackage.PinnedVersion()} is not installed");
        StringAssert.Contains(failure.Message, "npm is not on PATH");
        StringAssert.Contains(failure.Message, "Install Node.js 20 or later with npm");
        StringAssert.Contains(failure.Message, search.CacheFolder);
        Assert.IsFalse(Directory.Exists(search.CacheFolder), "Nothing is written when nothing can be installed.");
    }

    [TestMethod]
    public async Task WithoutNodeBothTheServerAndTheInstallNameNodeJs()
    {
        var search = Search(start: NewFolder("faasr-it-outside-"), path: NewFolder("faasr-it-empty-path-"));

        var install = await Assert.ThrowsAsync<EnvironmentProblemException>(() => S3rverLocator.FindScriptAsync(null, search, Cancellation));
        var start = await Assert.ThrowsAsync<EnvironmentProblemException>(
            () => LocalS3Server.StartAsync(new LocalS3ServerOptions { Search = search }, Cancellation));

        StringAssert.Contains(install.Message, "neither node nor npm is on PATH");
        StringAssert.Contains(start.Message, "Cannot find 'node' on PATH; install Node.js 20 or later");
    }

    private S3rverSearch Search(string start, string path) => new()
    {
        StartFolders = [start],
        CacheFolder = Path.Combine(NewFolder("faasr-it-cache-"), "faasr-it"),
        SearchPath = path,
        Notes = _ => { },
    };

    // A PATH folder with node and nothing else (npm usually sits beside node).
    private string NodeOnlyFolder()
    {
        var folder = NewFolder("faasr-it-node-only-");
        File.CreateSymbolicLink(Path.Combine(folder, "node"), S3rverLocator.FindNode(null));
        return folder;
    }

    private string NewFolder(string prefix) => folders.New(prefix);
}
