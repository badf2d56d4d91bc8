using FaaSr.Testing.Storage;

namespace FaaSr.Testing.Local.Execution;

/// <summary>How <see cref="LocalExecutor"/> runs a workflow on this machine.</summary>
public sealed record LocalExecutorOptions
{
    /// <summary>
    /// Folder holding the function code. FunctionGitRepo "owner/repo/functions/X" maps to the longest tail of
    /// "functions/X" that exists under this folder (see <see cref="FunctionSourceResolver"/>).
    /// </summary>
    public required string FunctionsRoot { get; init; }

    /// <summary>The object store behind a workflow DataStore name (the bucket is the store's Bucket).</summary>
    public required Func<string, IObjectStore> Stores { get; init; }

    /// <summary>
    /// The endpoint user code should use for a DataStore (returned by faasr_get_s3_creds), when it differs from the
    /// workflow's Endpoint, e.g. the local S3 server. Keyed by DataStore name.
    /// </summary>
    public IReadOnlyDictionary<string, string> StoreEndpoints { get; init; } = new Dictionary<string, string>();

    /// <summary>At most this many function instances run at once.</summary>
    public int MaxParallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>
    /// Values functions may see: the workflow's declared Secrets and {Store}_AccessKey / {Store}_SecretKey.
    /// Only those names are passed to a function's process, as FaaSr's GitHub Actions do.
    /// </summary>
    public IReadOnlyDictionary<string, string> FunctionEnvironment { get; init; } = new Dictionary<string, string>();

    /// <summary>Where each run gets its own working folder; null means the system temp folder.</summary>
    public string? WorkDirectoryRoot { get; init; }

    /// <summary>Keep the run's working folder after the run (for debugging); it is removed by default.</summary>
    public bool KeepWorkDirectory { get; init; }

    /// <summary>The Python interpreter to start; null means python3 (python on Windows) found on PATH.</summary>
    public string? PythonInterpreter { get; init; }

    /// <summary>The Rscript that runs R actions; null means Rscript found on PATH.</summary>
    public string? RscriptCommand { get; init; }

    /// <summary>
    /// Fork each Python instance from one pre-started interpreter instead of starting a new one (much faster; each
    /// instance is still its own process). Needs fork, so it is ignored on Windows.
    /// </summary>
    public bool UsePythonForkServer { get; init; } = !OperatingSystem.IsWindows();

    /// <summary>Wait this long between a dispatch and the successor's start, to behave more like a cloud run.</summary>
    public TimeSpan DispatchDelay { get; init; } = TimeSpan.Zero;

    /// <summary>
    /// Where pip finds the packages of PyPIPackageDownloads and FunctionGitHubPackage (PyPI and GitHub are out of
    /// reach); with none, each install fails with a log line naming the package.
    /// </summary>
    public PipSources Pip { get; init; } = PipSources.None;

    public TimeProvider Clock { get; init; } = TimeProvider.System;
}
