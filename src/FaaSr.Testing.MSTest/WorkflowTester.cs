using System.Collections.Concurrent;
using FaaSr.Testing.Faasr;
using FaaSr.Testing.Faasr.Sources;
using FaaSr.Testing.GitHub.Compute;
using FaaSr.Testing.Local.Sessions;
using FaaSr.Testing.Monitoring;
using FaaSr.Testing.Profiles;
using FaaSr.Testing.Sessions;
using FaaSr.Testing.Storage;
using FaaSr.Testing.Workflows;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace FaaSr.Testing.MSTest;

/// <summary>
/// One run of a workflow, watched, with MSTest assertions on it. A <see cref="WorkflowTest{TSelf}"/> class starts one
/// per class and disposes it at class clean-up; without it, create one with <see cref="StartAsync"/> in
/// <c>[ClassInitialize]</c> and dispose it in <c>[ClassCleanup]</c>. Tests assert on <see cref="Function"/> and
/// <see cref="Object"/> handles (statuses, logs, objects). User objects are {UserDataFolder}/{InvocationID}/{name}
/// in the DefaultDataStore; functions are named as in logs ("sync1", "test-rank(3)"). A failed assertion throws
/// <see cref="AssertFailedException"/> saying what was expected, what was found and the last log lines of the function
/// concerned (for object assertions: the function the test last waited for).
/// Disposing stops the run and removes its objects (log folder and user data), unless
/// <see cref="WorkflowTesterOptions.KeepObjectsOnFailure"/> is set and something failed.
/// </summary>
public sealed partial class WorkflowTester : IAsyncDisposable
{
    private readonly IWorkflowSession session;
    private readonly RunRecordPublisher? recordPublisher;
    private readonly WorkflowTesterOptions options;
    private readonly UserDataObjects userData;
    private readonly FailureReport report;
    private readonly HttpClient http;
    private readonly TextWriter output;
    private readonly ConcurrentDictionary<string, bool> expectedFailures = new(StringComparer.Ordinal);
    private int assertionFailures;
    private string? lastFunction;
    private int disposed;

    private WorkflowTester(
        IWorkflowSession session, RunRecordPublisher? recordPublisher, WorkflowTesterOptions options, UserDataObjects userData, HttpClient http, SecretRedactor secrets)
    {
        this.session = session;
        this.recordPublisher = recordPublisher;
        this.options = options;
        this.userData = userData;
        this.http = http;
        report = new FailureReport(session, options.LogLinesInFailures, secrets);
        output = options.Output ?? Console.Out;
    }

    public string WorkflowName => session.Graph.WorkflowName;

    public string InvocationId => session.InvocationId;

    /// <summary>"local" or "cloud".</summary>
    public string Profile => session.Profile;

    /// <summary>The storage's name ("local", "workflow", "endpoint", or a test's own).</summary>
    public string StorageName => session.StorageName;

    /// <summary>The compute's name ("emulated", or a test's own).</summary>
    public string ComputeName => session.ComputeName;

    /// <summary>The invocation's log folder.</summary>
    public InvocationFolder Folder => session.Folder;

    /// <summary>The session behind the run: graph, monitor, a store per DataStore.</summary>
    public IWorkflowSession Session => session;

    /// <summary>The run record kept current while the run is watched; null when <see cref="WorkflowTesterOptions.WriteRunRecord"/> is off.</summary>
    public string? RunRecordPath => recordPublisher?.Path;

    /// <summary>
    /// Loads, validates and launches <paramref name="workflowFile"/> (relative to the repository root, or to the test
    /// project's folder or repository outside faasr-it: see <see cref="WorkflowTesterOptions.RepositoryRoot"/>), staging
    /// the inputs first.
    /// </summary>
    public static async Task<WorkflowTester> StartAsync(string workflowFile, WorkflowTesterOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(workflowFile);
        options ??= new WorkflowTesterOptions();
        options.Validate();
        var repository = TesterRoot.For(workflowFile, options);
        var graph = WorkflowLoader.Load(repository.Resolve(workflowFile));
        var settings = SettingSources.FromEnvironment(repository.EnvFile);
        var secrets = SecretRedactor.For(graph.Document, settings, options.FunctionEnvironment.Values);
        var output = options.Output ?? Console.Out;
        var catalog = FaasrBackends.AddTo(LocalBackends.Catalog(), new FaasrComputeOptions
        {
            Sources = new FaasrSourceOptions { DefaultWorkflowTools = Path.Combine(repository.Root, "faasr_workflow") },
            Report = line => output.WriteLine(secrets.Redact(line)),
        });
        var launcher = SessionComposer.Compose(options.ToSessionRequest(), settings, GitHubBackends.AddTo(catalog, new GitHubComputeOptions
        {
            WorkflowPath = RepositoryLayout.PathInRepository(repository.Resolve(workflowFile)),
            Report = line => output.WriteLine(secrets.Redact(line)),
        }));
        var http = new HttpClient { Timeout = TimeSpan.FromMinutes(2) };
        UserDataObjects? userData = null;
        RunRecordPublisher? publisher = null;
        try
        {
            var session = await launcher.LaunchAsync(
                new WorkflowLaunch
                {
                    Graph = graph,
                    FunctionsRoot = repository.Resolve(options.FunctionsRoot ?? "."),
                    Monitor = options.ToMonitorOptions(),
                    FunctionEnvironment = options.FunctionEnvironment,
                    BeforeStart = async (started, token) =>
                    {
                        userData = new UserDataObjects(
                            started.StoreFor(started.Graph.Document.DefaultDataStore), options.UserDataFolder, started.InvocationId, options.Transfer, options.PresignedUrlLifetime, http);
                        foreach (var input in options.Inputs)
                        {
                            await userData.UploadAsync(input.Object, await ReadInputAsync(repository, input, token), token);
                        }

                        if (options.WriteRunRecord)
                        {
                            publisher = RunRecordPublisher.Start(
                                started, repository.RunRecordPath(started.Graph.WorkflowName, started.InvocationId), new RunArtifactOptions { Secrets = secrets, UserDataPrefix = userData.Prefix });
                        }
                    },
                    AfterFailedStart = async started =>
                    {
                        if (options.KeepObjectsOnFailure)
                        {
                            started.RetainStorage();
                            await output.WriteLineAsync($"{started.Graph.WorkflowName} {started.InvocationId}: the start failed, so its objects are kept in {started.StorageDescription}.");
                        }
                        else
                        {
                            await RemoveRunObjectsAsync(started, userData, output);
                        }
                    },
                },
                cancellationToken);
            return new WorkflowTester(session, publisher, options, userData!, http, secrets);
        }
        catch
        {
            if (publisher is not null)
            {
                await publisher.DisposeAsync();
            }

            http.Dispose();
            throw;
        }
    }

    /// <summary>The key of a user object: {UserDataFolder}/{InvocationID}/{name}.</summary>
    public string KeyOf(string name) => userData.KeyOf(name);

    /// <summary>
    /// A function instance of this run ("sync1", "test-rank(3)") for assertions, bound to
    /// <paramref name="cancellationToken"/>. Throws <see cref="KeyNotFoundException"/>, listing the known names, for
    /// one the workflow does not have.
    /// </summary>
    public FunctionHandle Function(string name, CancellationToken cancellationToken = default) => new(this, name, cancellationToken);

    /// <summary>
    /// A user object of this run ({UserDataFolder}/{InvocationID}/{name}) for assertions, bound to
    /// <paramref name="cancellationToken"/>.
    /// </summary>
    public ObjectHandle Object(string name, CancellationToken cancellationToken = default) => new(this, name, cancellationToken);

    /// <summary>
    /// Lets the run finish (up to <see cref="WorkflowTesterOptions.FinishTimeout"/>), stops it, writes the final run
    /// record, removes the run's objects unless they are kept after a failure, and stops the session.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0)
        {
            return;
        }

        var failures = new List<Exception>();
        try
        {
            await session.Monitoring.WaitAsync(options.FinishTimeout);
        }
        catch (TimeoutException)
        {
            await output.WriteLineAsync($"{WorkflowName} {InvocationId}: still running after {options.FinishTimeout:g}; stopping it.");
        }
        catch (Exception)
        {
            // Monitoring broke or was stopped: the assertions reported it, and it counts as a failure below.
        }

        await Collect(session.StopAsync, failures);
        if (recordPublisher is not null)
        {
            await Collect(async () => await recordPublisher.DisposeAsync(), failures);
        }

        if (options.KeepObjectsOnFailure && SomethingFailed())
        {
            session.RetainStorage();
            await output.WriteLineAsync(
                $"{WorkflowName} {InvocationId}: something failed, so its objects are kept: log folder {Folder.Prefix}/ and user data {userData.Prefix} in {session.StorageDescription}.");
        }
        else
        {
            await Collect(() => RemoveRunObjectsAsync(session, userData, output), failures);
        }

        await Collect(async () => await session.DisposeAsync(), failures);
        http.Dispose();
        if (failures.Count > 0)
        {
            throw failures.Count == 1 ? failures[0] : new AggregateException($"Ending the run {WorkflowName} {InvocationId} failed.", failures);
        }
    }

    internal FailureReport Report => report;

    internal UserDataObjects UserData => userData;

    /// <summary>The function the test last waited for: object assertions show its log.</summary>
    internal string? LastFunction => Volatile.Read(ref lastFunction);

    internal void ExpectFailureOf(string name) => expectedFailures[name] = true;

    /// <summary>The function's state once it is final and its log complete, or once monitoring ended.</summary>
    internal async Task<FunctionState> SettledAsync(string name, string assertion, CancellationToken cancellationToken)
    {
        session.Graph.Instance(name);
        Volatile.Write(ref lastFunction, name);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(options.WaitTimeout);
        try
        {
            return await session.Monitor.WaitForFinalAsync(name, deadline.Token);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            var state = session.Monitor.StateOf(name);
            throw Fail(
                $"{assertion}({name}): {name} did not finish within {options.WaitTimeout:g}.",
                "a final status",
                FunctionHandle.Describe(state),
                name);
        }
        catch (Exception exception) when (exception is not OperationCanceledException and not AssertFailedException)
        {
            throw Fail(
                $"{assertion}({name}): monitoring stopped before {name} finished: {exception.Message}",
                "a final status",
                FunctionHandle.Describe(session.Monitor.StateOf(name)),
                name,
                exception);
        }
    }

    /// <summary>Looks until what it sees holds, the run has ended (then once more), or WaitTimeout passed; returns the last look.</summary>
    internal async Task<T> PollUntilAsync<T>(Func<Task<T>> probe, Func<T, bool> holds, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(options.WaitTimeout);
        while (true)
        {
            var runEnded = session.Monitoring.IsCompleted;
            var seen = await probe();
            if (holds(seen) || runEnded || deadline.IsCancellationRequested)
            {
                return seen;
            }

            await Task.WhenAny(session.Monitoring, Task.Delay(options.PollInterval, deadline.Token));
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    internal AssertFailedException Fail(string headline, string expected, string found, string? function, Exception? inner = null)
    {
        Interlocked.Increment(ref assertionFailures);
        var message = report.Describe(headline, expected, found, function);
        return inner is null ? new AssertFailedException(message) : new AssertFailedException(message, inner);
    }

    internal async Task<string> DescribeUserDataAsync(CancellationToken cancellationToken)
    {
        var names = await userData.ListAsync(cancellationToken);
        return names.Count == 0 ? $"no objects under {userData.Prefix}" : $"{names.Count} object(s) under {userData.Prefix}: {string.Join(", ", names.Take(30))}{(names.Count > 30 ? ", …" : "")}";
    }

    /// <summary>
    /// An assertion or wait failed, monitoring broke or had to be stopped, or a function failed or timed out without a
    /// test expecting it.
    /// </summary>
    private bool SomethingFailed()
    {
        if (Volatile.Read(ref assertionFailures) > 0 || !session.Monitoring.IsCompletedSuccessfully
            || session.Monitoring.Result.Outcome is MonitorOutcome.Cancelled or MonitorOutcome.TimedOut)
        {
            return true;
        }

        return session.Monitoring.Result.Functions.Any(f =>
            f.Status == FunctionStatus.Timeout || (f.Status == FunctionStatus.Failed && !expectedFailures.ContainsKey(f.Name)));
    }

    /// <summary>Deletes the run's log folder and its user data (when staging got as far as deciding where that is).</summary>
    private static async Task RemoveRunObjectsAsync(IWorkflowSession session, UserDataObjects? userData, TextWriter output)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var logs = await DeleteUnderAsync(session.StoreFor(session.Graph.Document.EffectiveLoggingDataStore), session.Folder.Prefix + "/", timeout.Token);
        var data = userData is null ? 0 : await DeleteUnderAsync(userData.Store, userData.Prefix, timeout.Token);
        await output.WriteLineAsync(
            $"{session.Graph.WorkflowName} {session.InvocationId}: removed {logs} object(s) of the log folder {session.Folder.Prefix}/ and {data} of the user data {userData?.Prefix ?? "(none staged)"}.");
    }

    private static async Task<int> DeleteUnderAsync(IObjectStore store, string prefix, CancellationToken cancellationToken)
    {
        var keys = new List<string>();
        await foreach (var stored in store.ListAsync(prefix, cancellationToken))
        {
            keys.Add(stored.Key);
        }

        await Parallel.ForEachAsync(keys, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (key, token) => await store.DeleteAsync(key, token));
        return keys.Count;
    }

    private static async Task<byte[]> ReadInputAsync(RepositoryLayout repository, StagedInput input, CancellationToken cancellationToken)
    {
        var path = repository.Resolve(input.SourceFile);
        try
        {
            return await File.ReadAllBytesAsync(path, cancellationToken);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"Staged input '{input.Object}': cannot read {path}: {exception.Message}", exception);
        }
    }

    private static async Task Collect(Func<Task> step, List<Exception> failures)
    {
        try
        {
            await step();
        }
        catch (Exception exception)
        {
            failures.Add(exception);
        }
    }
}
