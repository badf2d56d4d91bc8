using FaaSr.Testing.Monitoring;
using FaaSr.Testing.Sessions;

namespace FaaSr.Testing.MSTest;

/// <summary>How a <see cref="WorkflowTester"/> runs and watches its workflow. Paths are relative to the repository root.</summary>
public sealed record WorkflowTesterOptions
{
    /// <summary>"local" or "cloud"; null means the FAASR_IT_PROFILE setting (environment, then .env), else local.</summary>
    public string? Profile { get; init; }

    /// <summary>A compute other than the profile's, by name ("emulated"); null means FAASR_IT_COMPUTE, else the profile's.</summary>
    public string? Compute { get; init; }

    /// <summary>A storage other than the profile's, by name ("local", "workflow"); null means FAASR_IT_STORAGE, else the profile's.</summary>
    public string? Storage { get; init; }

    /// <summary>Put every DataStore at this S3 endpoint (storage "endpoint").</summary>
    public Uri? S3Endpoint { get; init; }

    /// <summary>The test's own compute, instead of a named one.</summary>
    public IWorkflowCompute? ComputeBackend { get; init; }

    /// <summary>The test's own storage, instead of a named one.</summary>
    public IWorkflowStorage? StorageBackend { get; init; }

    /// <summary>
    /// The folder the workflow's functions write user data under: objects are {UserDataFolder}/{InvocationID}/{name}
    /// in the DefaultDataStore. It must match the "folder" argument the workflow passes to its functions.
    /// </summary>
    public string UserDataFolder { get; init; } = "integration-tests";

    /// <summary>The folder FunctionGitRepo paths are resolved under; null means the repository root.</summary>
    public string? FunctionsRoot { get; init; }

    /// <summary>
    /// The folder relative paths are resolved under, which holds .env and artifacts/runs. Null: the faasr-it repository
    /// (FaaSr.Testing.slnx) above the test assembly; outside one, the nearest folder above the test assembly that holds
    /// the workflow file (a relative path); for an absolute workflow path, the current folder.
    /// </summary>
    public string? RepositoryRoot { get; init; }

    /// <summary>Time between two looks at the invocation folder.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The run ends, unfinished functions timed out, when nothing changed for this long.</summary>
    public TimeSpan InactivityTimeout { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>Stage deadlines for every function instance (invoked, running, finished within ...).</summary>
    public StageDeadlines? Deadlines { get; init; }

    /// <summary>Stage deadlines for single instances, by name ("sync1", "test-rank(3)"), replacing <see cref="Deadlines"/> for them.</summary>
    public IReadOnlyDictionary<string, StageDeadlines> InstanceDeadlines { get; init; } = new Dictionary<string, StageDeadlines>();

    /// <summary>The longest one assertion (or WaitForAsync) waits for a function to finish, or for an object to be as expected.</summary>
    public TimeSpan WaitTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How long disposing waits for a run that is still going before stopping it.</summary>
    public TimeSpan FinishTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Keep the run's objects (and the local S3 server's data folder) when something failed: an assertion or wait of
    /// the tester, or a function that failed or timed out without a test expecting it. Otherwise they are always removed.
    /// </summary>
    public bool KeepObjectsOnFailure { get; init; }

    /// <summary>Values for the workflow's declared Secrets, before the environment and .env. Never printed.</summary>
    public IReadOnlyDictionary<string, string> FunctionEnvironment { get; init; } = new Dictionary<string, string>();

    /// <summary>Files uploaded to {UserDataFolder}/{InvocationID}/ before the workflow starts.</summary>
    public IReadOnlyList<StagedInput> Inputs { get; init; } = [];

    /// <summary>How staging, uploads and downloads move bytes: the S3 API, or pre-signed URLs over plain HTTP.</summary>
    public ObjectTransfer Transfer { get; init; } = ObjectTransfer.S3Api;

    /// <summary>How long a pre-signed URL stays valid.</summary>
    public TimeSpan PresignedUrlLifetime { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Log lines of a function shown in a failure message.</summary>
    public int LogLinesInFailures { get; init; } = 20;

    /// <summary>Write each run's record to artifacts/runs/{workflow}-{invocationId}.json while it is watched.</summary>
    public bool WriteRunRecord { get; init; } = true;

    /// <summary>Where the tester says what it did (cleanup, kept objects); null means standard output.</summary>
    public TextWriter? Output { get; init; }

    /// <summary>Throws when a value cannot work, naming the option.</summary>
    public void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(UserDataFolder, nameof(UserDataFolder));
        Positive(PollInterval, nameof(PollInterval));
        Positive(InactivityTimeout, nameof(InactivityTimeout));
        Positive(WaitTimeout, nameof(WaitTimeout));
        Positive(FinishTimeout, nameof(FinishTimeout));
        Positive(PresignedUrlLifetime, nameof(PresignedUrlLifetime));
        ArgumentOutOfRangeException.ThrowIfNegative(LogLinesInFailures, nameof(LogLinesInFailures));
        foreach (var input in Inputs)
        {
            input.Validate();
        }
    }

    internal SessionRequest ToSessionRequest() => new()
    {
        Profile = Profile,
        Compute = Compute,
        Storage = Storage,
        S3Endpoint = S3Endpoint,
        ComputeBackend = ComputeBackend,
        StorageBackend = StorageBackend,
    };

    internal MonitorOptions ToMonitorOptions() => new()
    {
        PollInterval = PollInterval,
        InactivityTimeout = InactivityTimeout,
        DefaultDeadlines = Deadlines,
        Deadlines = InstanceDeadlines,
    };

    private static void Positive(TimeSpan value, string name)
    {
        if (value <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(name, value, $"WorkflowTesterOptions.{name} must be positive.");
        }
    }
}
