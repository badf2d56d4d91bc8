namespace FaaSr.Testing.Tests.Support;

/// <summary>The assembly-wide set-up and tear-down of shared test services. MSTest allows one of each per assembly.</summary>
[TestClass]
public static class TestAssemblyLifetime
{
    [AssemblyCleanup]
    public static async Task StopSharedServicesAsync()
    {
        await SharedS3.StopAsync().ConfigureAwait(false);
        await TestContainerEngine.StopAsync().ConfigureAwait(false);
    }
}
