using System.Diagnostics;
using FaaSr.Testing.Containers;
using FaaSr.Testing.Containers.Cleanup;
using FaaSr.Testing.Containers.Engine;

namespace FaaSr.Testing.Tests.Support;

/// <summary>
/// The container engine of the component tests: the one at DOCKER_HOST or the usual sockets, else a podman service
/// this test run starts itself on a socket of its own (with the containers.conf in .ci/, through CONTAINERS_CONF, so
/// no user configuration is touched) and stops at the end of the run. Everything the tests make is labelled with a
/// scope of this run's own, and removed at the end, so a developer's own images are never touched. When no engine
/// answers and podman cannot be started, tests end inconclusive with one line saying so.
/// </summary>
internal static class TestContainerEngine
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static ContainerEngine? engine;
    private static Process? service;
    private static string? serviceFolder;
    private static string? unavailable;
    private static FaaSr.Testing.Local.ChildProcessGuard? serviceGuard;
    private static readonly System.Text.StringBuilder ServiceOutput = new();

    /// <summary>The label scope of everything this test run makes: faasr-it-test-{8 hex digits}.</summary>
    public static ProjectLabels Labels { get; } = new($"faasr-it-test-{Guid.NewGuid().ToString("N")[..8]}");

    public static async Task<ContainerEngine> GetAsync(CancellationToken cancellationToken)
    {
        await Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (engine is null && unavailable is null)
            {
                engine = await EngineLocator.TryFindAsync(Environment.GetEnvironmentVariable, cancellationToken).ConfigureAwait(false)
                    ?? await StartPodmanAsync(cancellationToken).ConfigureAwait(false);
            }

            if (engine is null)
            {
                Assert.Inconclusive($"No container engine for this test: {unavailable}");
            }

            return engine;
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>Removes what this run labelled, then stops the podman service it started (if it did).</summary>
    public static async Task StopAsync()
    {
        if (engine is not null)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            await new ProjectCleaner(engine, Labels, _ => { }).CleanAsync(timeout.Token).ConfigureAwait(false);
            engine.Dispose();
            engine = null;
        }

        serviceGuard?.Dispose();
        serviceGuard = null;
        if (service is not null)
        {
            service.Kill(entireProcessTree: true);
            await service.WaitForExitAsync().ConfigureAwait(false);
            service.Dispose();
            service = null;
        }

        if (serviceFolder is not null)
        {
            Directory.Delete(serviceFolder, recursive: true);
            serviceFolder = null;
        }
    }

    private static async Task<ContainerEngine?> StartPodmanAsync(CancellationToken cancellationToken)
    {
        serviceFolder = Directory.CreateTempSubdirectory("faasr-it-podman-").FullName;
        var socket = Path.Combine(serviceFolder, "podman.sock");
        var start = new ProcessStartInfo("podman") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "system", "service", "--time=0", $"unix://{socket}" })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["CONTAINERS_CONF"] = RepositoryFiles.Path(".ci", "podman-containers.conf");
        try
        {
            service = Process.Start(start)!;
            service.OutputDataReceived += (_, e) => Keep(e.Data);
            service.ErrorDataReceived += (_, e) => Keep(e.Data);
            service.BeginOutputReadLine();
            service.BeginErrorReadLine();
            serviceGuard = new FaaSr.Testing.Local.ChildProcessGuard(service);
        }
        catch (System.ComponentModel.Win32Exception exception)
        {
            unavailable = $"{EngineLocator.NoEngineMessage(Environment.GetEnvironmentVariable, EngineEndpoints.Candidates(Environment.GetEnvironmentVariable))} podman could not be started either ({exception.Message}); apt-get install podman runc.";
            return null;
        }

        var uri = new Uri($"unix://{socket}");
        for (var attempt = 0; attempt < 100 && service is { HasExited: false }; attempt++)
        {
            if (await EngineLocator.TryConnectAsync(uri, cancellationToken).ConfigureAwait(false) is { } started)
            {
                return started;
            }

            await Task.Delay(100, cancellationToken).ConfigureAwait(false);
        }

        unavailable = $"podman system service on {socket} did not answer: {Kept()}";
        await StopAsync().ConfigureAwait(false);
        return null;
    }

    private static void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (ServiceOutput)
        {
            ServiceOutput.AppendLine(line);
            if (ServiceOutput.Length > 4000)
            {
                ServiceOutput.Remove(0, ServiceOutput.Length - 4000);
            }
        }
    }

    private static string Kept()
    {
        lock (ServiceOutput)
        {
            return ServiceOutput.ToString().Trim();
        }
    }
}
