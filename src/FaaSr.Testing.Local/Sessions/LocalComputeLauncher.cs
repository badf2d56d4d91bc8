using FaaSr.Testing.Local.Execution;
using FaaSr.Testing.Profiles;
using FaaSr.Testing.Sessions;
using FaaSr.Testing.Workflows;

namespace FaaSr.Testing.Local.Sessions;

/// <summary>
/// Launches workflows whose functions run on this machine through the <see cref="LocalExecutor"/>. The profile decides
/// the storage: local = a fresh s3rver holding every DataStore; cloud = the workflow's own DataStore endpoints with
/// credentials from the environment or .env. Like FaaSr's test trigger, it decides the InvocationID and timestamp
/// before anything runs, so the invocation folder is known in advance.
/// </summary>
public sealed class LocalComputeLauncher(ProfileKind profile, LocalComputeLauncherOptions options) : IWorkflowLauncher
{
    public string Profile { get; } = ProfileNames.NameOf(profile);

    public string Description => (profile, options.S3Endpoint) switch
    {
        (_, { } endpoint) => $"{Profile}: every DataStore at {endpoint}, credentials {{Store}}_AccessKey/{{Store}}_SecretKey from the environment or .env; "
            + "functions run on this machine through the local executor",
        (ProfileKind.Cloud, null) => "cloud: the workflow's own DataStore endpoints, credentials {Store}_AccessKey/{Store}_SecretKey from the environment or .env; "
            + "functions still run on this machine through the local executor (GitHub Actions dispatch is not implemented yet)",
        _ => "local: a local S3 server (s3rver on 127.0.0.1) holds every DataStore; functions run on this machine through the local executor",
    };

    public async Task<IWorkflowSession> LaunchAsync(WorkflowLaunch launch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(launch);
        var identity = InvocationIdentity.Decide(launch.Graph.Document, options.Clock.GetUtcNow());
        var graph = WorkflowGraph.Build(launch.Graph.Document with
        {
            InvocationId = identity.InvocationId,
            InvocationTimestamp = identity.InvocationTimestamp,
            InvocationIdFromDate = null,
        });
        var folder = graph.FolderFor(identity.InvocationTimestamp, identity.InvocationId);

        ISessionStorage storage = profile == ProfileKind.Cloud || options.S3Endpoint is not null
            ? await WorkflowEndpointStorage.OpenAsync(graph.Document, options.Settings, options.EndpointStoreOptions, options.S3Endpoint, cancellationToken)
            : await LocalS3Storage.StartAsync(graph.Document, options.S3Server, cancellationToken);
        LocalComputeSession? session = null;
        try
        {
            session = new LocalComputeSession(Profile, graph, folder, storage, launch.Monitor);
            if (launch.BeforeStart is { } beforeStart)
            {
                await beforeStart(session, cancellationToken);
            }

            var executor = new LocalExecutor(new LocalExecutorOptions
            {
                FunctionsRoot = launch.FunctionsRoot,
                Stores = storage.StoreFor,
                StoreEndpoints = storage.FunctionEndpoints,
                FunctionEnvironment = FunctionEnvironment(graph.Document, storage, launch.FunctionEnvironment),
                MaxParallelism = options.MaxParallelism,
                PythonInterpreter = options.PythonInterpreter,
                DispatchDelay = options.DispatchDelay,
                Clock = options.Clock,
            });
            await session.StartAsync(executor, cancellationToken);
            return session;
        }
        catch (Exception failure)
        {
            Exception? cleanUpFailure = null;
            if (session is not null)
            {
                try
                {
                    await session.StopAsync();
                    if (launch.AfterFailedStart is { } cleanUp)
                    {
                        await cleanUp(session);
                    }
                }
                catch (Exception exception)
                {
                    cleanUpFailure = exception;
                }

                await session.DisposeAsync();
            }
            else
            {
                await storage.DisposeAsync();
            }

            if (cleanUpFailure is not null)
            {
                throw new AggregateException($"Launching {graph.WorkflowName} ({identity.InvocationId}) failed, and so did cleaning up after it.", failure, cleanUpFailure);
            }

            throw;
        }
    }

    /// <summary>Store credentials, then each declared Secret from the launch, else the settings; the launch's other values too.</summary>
    private Dictionary<string, string> FunctionEnvironment(WorkflowDocument document, ISessionStorage storage, IReadOnlyDictionary<string, string> given)
    {
        var environment = new Dictionary<string, string>(storage.FunctionCredentials, StringComparer.Ordinal);
        foreach (var (name, value) in given)
        {
            environment[name] = value;
        }

        foreach (var secret in document.Secrets.Where(s => !environment.ContainsKey(s)))
        {
            if (options.Settings.Get(secret) is { } value)
            {
                environment[secret] = value;
            }
        }

        return environment;
    }
}
