using System.Diagnostics;
using System.Formats.Tar;
using Docker.DotNet;
using Docker.DotNet.Models;
using FaaSr.Testing.Containers.Engine;

namespace FaaSr.Testing.Containers.Running;

/// <summary>
/// Runs one command in a container of its own, as a GitHub Actions job runs one FaaSr action: a network of its own
/// (a fresh bridge, so containers never share one and can run side by side), a private tmpfs <c>/tmp</c>, the
/// project's label on the container and the network, and both removed afterwards, whether the command succeeded,
/// failed, timed out or was cancelled.
/// </summary>
public sealed class ContainerCommandRunner(ContainerEngine engine, ProjectLabels labels)
{
    private static readonly TimeSpan RemovalTimeout = TimeSpan.FromSeconds(30);

    public async Task<ContainerCommandResult> RunAsync(ContainerCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var name = $"{labels.Scope}-run-{Guid.NewGuid():N}"[..Math.Min(63, labels.Scope.Length + 17)];
        var stopwatch = Stopwatch.StartNew();
        string? networkId = null;
        string? containerId = null;
        try
        {
            networkId = (await engine.Client.Networks.CreateNetworkAsync(
                new NetworksCreateParameters { Name = name, Driver = "bridge", Labels = labels.ForObject() }, cancellationToken)
                .ConfigureAwait(false)).ID;
            containerId = (await engine.Client.Containers.CreateContainerAsync(Describe(command, name), cancellationToken)
                .ConfigureAwait(false)).ID;
            if (command.InputDirectory is not null)
            {
                await CopyInAsync(containerId, command, cancellationToken).ConfigureAwait(false);
            }

            await engine.Client.Containers.StartContainerAsync(containerId, new ContainerStartParameters(), cancellationToken)
                .ConfigureAwait(false);
            var timedOut = false;
            long exitCode;
            using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                timeout.CancelAfter(command.Timeout);
                try
                {
                    exitCode = (await engine.Client.Containers.WaitContainerAsync(containerId, timeout.Token)
                        .ConfigureAwait(false)).StatusCode;
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    timedOut = true;
                    await engine.Client.Containers.KillContainerAsync(containerId, new ContainerKillParameters(), cancellationToken)
                        .ConfigureAwait(false);
                    exitCode = (await engine.Client.Containers.WaitContainerAsync(containerId, cancellationToken)
                        .ConfigureAwait(false)).StatusCode;
                }
            }

            using var logs = await engine.Client.Containers.GetContainerLogsAsync(
                containerId, new ContainerLogsParameters { ShowStdout = true, ShowStderr = true }, cancellationToken).ConfigureAwait(false);
            var (standardOutput, standardError) = await logs.ReadOutputToEndAsync(cancellationToken).ConfigureAwait(false);
            return new ContainerCommandResult(exitCode, standardOutput, standardError, timedOut, stopwatch.Elapsed);
        }
        catch (DockerApiException exception)
        {
            throw new ContainerEngineException(
                $"Running {string.Join(' ', command.Command)} in {command.Image} failed: {EngineErrors.MessageOf(exception)}", exception);
        }
        finally
        {
            await RemoveAsync(containerId, networkId).ConfigureAwait(false);
        }
    }

    private CreateContainerParameters Describe(ContainerCommand command, string name) => new()
    {
        Name = name,
        Image = command.Image,
        Cmd = command.Command.ToList(),
        Entrypoint = command.Entrypoint?.ToList()!,
        Env = command.Environment.Select(pair => $"{pair.Key}={pair.Value}").ToList(),
        WorkingDir = command.WorkingDirectory ?? string.Empty,
        Labels = labels.ForObject(),
        AttachStdout = true,
        AttachStderr = true,
        HostConfig = new HostConfig
        {
            NetworkMode = name,
            Tmpfs = new Dictionary<string, string> { ["/tmp"] = "rw,nosuid,nodev,mode=1777" },
        },
    };

    private async Task CopyInAsync(string containerId, ContainerCommand command, CancellationToken cancellationToken)
    {
        using var archive = new MemoryStream();
        await TarFile.CreateFromDirectoryAsync(command.InputDirectory!, archive, includeBaseDirectory: false, cancellationToken)
            .ConfigureAwait(false);
        archive.Position = 0;
        await engine.Client.Containers.ExtractArchiveToContainerAsync(
            containerId, new CopyToContainerParameters { Path = command.InputPath }, archive, cancellationToken).ConfigureAwait(false);
    }

    // Without the caller's token: a cancelled run must still leave no container or network behind.
    private async Task RemoveAsync(string? containerId, string? networkId)
    {
        using var timeout = new CancellationTokenSource(RemovalTimeout);
        if (containerId is not null)
        {
            try
            {
                await engine.Client.Containers.RemoveContainerAsync(
                    containerId, new ContainerRemoveParameters { Force = true, RemoveVolumes = true }, timeout.Token).ConfigureAwait(false);
            }
            catch (DockerApiException exception) when (EngineErrors.IsNotFound(exception))
            {
                // Already gone.
            }
        }

        if (networkId is not null)
        {
            try
            {
                await engine.Client.Networks.DeleteNetworkAsync(networkId, timeout.Token).ConfigureAwait(false);
            }
            catch (DockerApiException exception) when (EngineErrors.IsNotFound(exception))
            {
                // Already gone.
            }
        }
    }
}
