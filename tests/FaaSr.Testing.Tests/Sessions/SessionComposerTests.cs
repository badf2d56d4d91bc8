using FaaSr.Testing.Local.Sessions;
using FaaSr.Testing.Profiles;
using FaaSr.Testing.Sessions;

namespace FaaSr.Testing.Tests.Sessions;

[TestClass]
public sealed class SessionComposerTests
{
    [TestMethod]
    [DataRow(null, "local", "emulated", DisplayName = "no profile: local")]
    [DataRow("local", "local", "emulated", DisplayName = "local")]
    public void AProfileIsAStorageAndComputePair(string? profile, string storage, string compute)
    {
        var launcher = SessionComposer.Compose(new SessionRequest { Profile = profile }, NoSettings(), LocalBackends.Catalog());

        Assert.AreEqual(storage, launcher.Storage.Name);
        Assert.AreEqual(compute, launcher.Compute.Name);
        Assert.AreEqual(ProfileNames.Local, launcher.Profile);
    }

    [TestMethod]
    public void TheCloudProfileChoosesGitHubWhichSaysItIsNotAvailableNamingWhatIs()
    {
        var failure = Assert.ThrowsExactly<BackendUnavailableException>(
            () => SessionComposer.Compose(new SessionRequest { Profile = "cloud" }, NoSettings(), LocalBackends.Catalog()));

        StringAssert.Contains(failure.Message, "Compute 'github' (GitHub Actions) is not available in this build");
        StringAssert.Contains(failure.Message, "--compute emulated");
    }

    [TestMethod]
    public void TheCloudProfileWithTheEmulatedComputeKeepsTheWorkflowsStorage()
    {
        var launcher = SessionComposer.Compose(new SessionRequest { Profile = "cloud", Compute = "emulated" }, NoSettings(), LocalBackends.Catalog());

        Assert.AreEqual(("cloud", "workflow", "emulated"), (launcher.Profile, launcher.Storage.Name, launcher.Compute.Name));
    }

    [TestMethod]
    public void SettingsChooseComputeAndStorageWhenNoArgumentDoes()
    {
        var settings = new SettingSources(
            new Dictionary<string, string> { [ProfileNames.Variable] = "cloud", [ComputeNames.Variable] = "emulated", [StorageNames.Variable] = "local" }, null, _ => null);

        var launcher = SessionComposer.Compose(new SessionRequest(), settings, LocalBackends.Catalog());

        Assert.AreEqual(("cloud", "local", "emulated"), (launcher.Profile, launcher.Storage.Name, launcher.Compute.Name));
    }

    [TestMethod]
    public void AnEndpointPutsEveryStoreThereAndContradictsAnotherNamedStorage()
    {
        var endpoint = new Uri("http://127.0.0.1:9000");
        var launcher = SessionComposer.Compose(new SessionRequest { S3Endpoint = endpoint }, NoSettings(), LocalBackends.Catalog());
        Assert.AreEqual("endpoint", launcher.Storage.Name);
        StringAssert.Contains(launcher.Storage.Description, "127.0.0.1:9000");

        var failure = Assert.ThrowsExactly<SettingsException>(
            () => SessionComposer.Compose(new SessionRequest { S3Endpoint = endpoint, Storage = "local" }, NoSettings(), LocalBackends.Catalog()));
        StringAssert.Contains(failure.Message, "contradicts storage 'local'");
    }

    [TestMethod]
    public void UnknownNamesAreBadInputListingTheKnownOnes()
    {
        var compute = Assert.ThrowsExactly<SettingsException>(
            () => SessionComposer.Compose(new SessionRequest { Compute = "lambda" }, NoSettings(), LocalBackends.Catalog()));
        var storage = Assert.ThrowsExactly<SettingsException>(
            () => SessionComposer.Compose(new SessionRequest { Storage = "ftp" }, NoSettings(), LocalBackends.Catalog()));

        StringAssert.Contains(compute.Message, "Unknown compute 'lambda'");
        StringAssert.Contains(compute.Message, "emulated, faasr, github");
        StringAssert.Contains(storage.Message, "Unknown storage 'ftp'");
        StringAssert.Contains(storage.Message, "endpoint, local, workflow");
    }

    [TestMethod]
    public void ACallersOwnComputeAndStorageWinOverTheProfile()
    {
        var compute = new EmulatedCompute();
        var storage = new LocalS3ServerStorage();

        var launcher = SessionComposer.Compose(new SessionRequest { Profile = "cloud", ComputeBackend = compute, StorageBackend = storage }, NoSettings(), LocalBackends.Catalog());

        Assert.AreSame(compute, launcher.Compute);
        Assert.AreSame(storage, launcher.Storage);
        Assert.AreEqual("cloud", launcher.Profile);
    }

    [TestMethod]
    public void AComputeRegisteredLaterReplacesTheAnnouncement()
    {
        var catalog = LocalBackends.Catalog().AddCompute(ComputeNames.GitHub, _ => new EmulatedCompute());

        var launcher = SessionComposer.Compose(new SessionRequest { Profile = "cloud" }, NoSettings(), catalog);

        Assert.AreEqual("emulated", launcher.Compute.Name, "The registered factory is used.");
    }

    private static SettingSources NoSettings() => new(new Dictionary<string, string>(), null, _ => null);
}
