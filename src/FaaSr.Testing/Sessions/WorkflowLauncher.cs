using FaaSr.Testing.Profiles;
using FaaSr.Testing.Workflows;

namespace FaaSr.Testing.Sessions;

/// <summary>
/// Launches invocations of workflows on one storage and one compute: the trigger. Like FaaSr's own trigger it decides
/// the InvocationID and timestamp before anything runs, so the log folder is known in advance; it refuses an
/// invocation whose log folder already holds objects or that another run holds (<see cref="InvocationReservation"/>); it opens the storage, starts the monitor, then has the compute
/// start the entry action. Built by <see cref="SessionComposer"/> (from a profile, --compute, --storage ...) or
/// directly with a test's own compute or storage.
/// </summary>
public sealed class WorkflowLauncher
{
    private readonly SettingSources settings;
    private readonly TimeProvider clock;

    /// <param name="profile">The profile name the run record shows ("local", "cloud", or a test's own).</param>
    /// <param name="storage">Where the objects live.</param>
    /// <param name="compute">What runs the functions.</param>
    /// <param name="settings">Where the values of the workflow's declared Secrets are read.</param>
    /// <param name="clock">The invocation time (for the timestamp and InvocationIDFromDate).</param>
    public WorkflowLauncher(string profile, IWorkflowStorage storage, IWorkflowCompute compute, SettingSources settings, TimeProvider? clock = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(profile);
        Profile = profile;
        Storage = storage ?? throw new ArgumentNullException(nameof(storage));
        Compute = compute ?? throw new ArgumentNullException(nameof(compute));
        this.settings = settings ?? throw new ArgumentNullException(nameof(settings));
        this.clock = clock ?? TimeProvider.System;
    }

    public string Profile { get; }

    public IWorkflowStorage Storage { get; }

    public IWorkflowCompute Compute { get; }

    /// <summary>One line on where storage and compute are.</summary>
    public string Description => $"{Profile}: storage {Storage.Name} ({Storage.Description}); compute {Compute.Name} ({Compute.Description})";

    /// <summary>
    /// Decides the invocation, opens storage, runs <see cref="WorkflowLaunch.BeforeStart"/>, then starts the monitor
    /// and the compute. When anything fails, <see cref="WorkflowLaunch.AfterFailedStart"/> runs (once storage was ready)
    /// and everything started so far is stopped before the exception leaves.
    /// </summary>
    /// <exception cref="InvocationSetupException">A bad InvocationIDFromDate, or the InvocationID's log folder already holds objects.</exception>
    public async Task<IWorkflowSession> LaunchAsync(WorkflowLaunch launch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(launch);
        var identity = InvocationIdentity.Decide(launch.Graph.Document, clock.GetUtcNow());
        var graph = WorkflowGraph.Build(identity.ApplyTo(launch.Graph.Document));
        var folder = graph.FolderFor(identity.InvocationTimestamp, identity.InvocationId);

        var storage = await Storage.OpenAsync(graph.Document, cancellationToken);
        WorkflowSession? session = null;
        try
        {
            // Reserve the InvocationID before anything is written: a second run asking for it is refused here, before
            // it stages inputs, and without the clean-up that would remove the first run's objects.
            var reservation = await InvocationReservation.AcquireAsync(
                storage.StoreFor(graph.Document.EffectiveLoggingDataStore), folder, clock, cancellationToken);
            storage = new ReservedRunStorage(storage, reservation);
            session = new WorkflowSession(Profile, Storage.Name, Compute.Name, graph, folder, storage, launch.Monitor);
            if (launch.BeforeStart is { } beforeStart)
            {
                await beforeStart(session, cancellationToken);
            }

            var start = new ComputeStart
            {
                Graph = graph,
                Folder = folder,
                Storage = storage,
                FunctionsRoot = launch.FunctionsRoot,
                FunctionEnvironment = FunctionEnvironment(graph.Document, storage, launch.FunctionEnvironment),
                Failures = session.Monitor,
            };
            await session.StartAsync(Compute, start, cancellationToken);
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

    /// <summary>Store credentials, then the launch's values, then each declared Secret the launch lacks from the settings.</summary>
    private Dictionary<string, string> FunctionEnvironment(WorkflowDocument document, IRunStorage storage, IReadOnlyDictionary<string, string> given)
    {
        var environment = new Dictionary<string, string>(storage.FunctionCredentials, StringComparer.Ordinal);
        foreach (var (name, value) in given)
        {
            environment[name] = value;
        }

        foreach (var secret in document.Secrets.Where(s => !environment.ContainsKey(s)))
        {
            if (settings.Get(secret) is { } value)
            {
                environment[secret] = value;
            }
        }

        return environment;
    }
}
