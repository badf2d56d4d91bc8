using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using FaaSr.Testing.Storage;

namespace FaaSr.Testing.Local;

/// <summary>
/// An s3rver process on 127.0.0.1 with its own data folder. It is stopped, process tree and all, on dispose, on a
/// failed start, on SIGINT/SIGTERM and when this process exits (the temporary data folder goes too); node also exits
/// by itself when this process dies without warning (SIGKILL), because it watches its standard input, which only this
/// process holds open.
/// </summary>
public sealed partial class LocalS3Server : IAsyncDisposable
{
    /// <summary>s3rver accepts only this access key id (and does not verify SigV4 signatures).</summary>
    public const string AccessKey = "S3RVER";

    public const string SecretKey = "S3RVER";

    private const string LoopbackAddress = "127.0.0.1";

    // Runs s3rver's own CLI (argv[1]) in a node that exits once its standard input closes, i.e. when the owner is gone.
    private const string ParentWatchingLauncher =
        "process.stdin.on('end',()=>process.exit(0));process.stdin.on('error',()=>process.exit(0));" +
        "process.stdin.resume();require(process.argv[1]);";

    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(10);

    private readonly Process process;
    private readonly ChildProcessGuard guard;
    private readonly OutputTail outputTail;
    private readonly bool ownsDataDirectory;
    private readonly LocalS3ServerOptions options;
    private readonly List<S3ObjectStore> openedStores = [];
    private readonly Lock storesGate = new();
    private int disposed;

    private LocalS3Server(
        Process process, ChildProcessGuard guard, OutputTail outputTail, int port, string dataDirectory,
        bool ownsDataDirectory, LocalS3ServerOptions options)
    {
        this.process = process;
        this.guard = guard;
        this.outputTail = outputTail;
        this.ownsDataDirectory = ownsDataDirectory;
        this.options = options;
        Port = port;
        ProcessId = process.Id;
        DataDirectory = dataDirectory;
        Connection = new S3Connection(
            new Uri($"http://{LoopbackAddress}:{port.ToString(CultureInfo.InvariantCulture)}"),
            S3Connection.DefaultRegion, AccessKey, SecretKey);
    }

    public S3Connection Connection { get; }

    public int Port { get; }

    /// <summary>The node process id, so callers can check that it is gone after dispose.</summary>
    public int ProcessId { get; }

    public string DataDirectory { get; }

    /// <summary>The last lines s3rver wrote (requests only with <see cref="LocalS3ServerOptions.LogRequests"/>).</summary>
    public string OutputTail => outputTail.ToString();

    /// <summary>Starts s3rver and returns once it answers HTTP requests.</summary>
    public static async Task<LocalS3Server> StartAsync(LocalS3ServerOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var node = S3rverLocator.FindNode(options.NodePath, options.Search);
        var script = await S3rverLocator.FindScriptAsync(options.S3rverPath, options.Search, cancellationToken);

        var ownsDataDirectory = string.IsNullOrWhiteSpace(options.DataDirectory);
        var dataDirectory = CreateDataDirectory(options.DataDirectory);

        var outputTail = new OutputTail(capacity: 200);
        var process = new Process { StartInfo = CreateStartInfo(node, script, dataDirectory, options), EnableRaisingEvents = true };
        var listeningPort = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) =>
        {
            outputTail.Add("stdout", e.Data);
            if (e.Data is not null && ListeningLine().Match(e.Data) is { Success: true } match)
            {
                listeningPort.TrySetResult(int.Parse(match.Groups["port"].Value, CultureInfo.InvariantCulture));
            }
        };
        process.ErrorDataReceived += (_, e) => outputTail.Add("stderr", e.Data);

        ChildProcessGuard? guard = null;
        try
        {
            try
            {
                process.Start();
            }
            catch (System.ComponentModel.Win32Exception exception)
            {
                throw new LocalS3ServerException($"Cannot start '{node}' to run s3rver: {exception.Message}", exception);
            }

            var deleteOnInterrupt = ownsDataDirectory && !options.KeepDataDirectory;
            guard = new ChildProcessGuard(process, () => DeleteDirectoryWhileExiting(deleteOnInterrupt ? dataDirectory : null));
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();

            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(options.StartTimeout);
            var port = await WaitForListeningPortAsync(process, listeningPort.Task, outputTail, options, deadline.Token, cancellationToken)
                .ConfigureAwait(false);
            var server = new LocalS3Server(process, guard, outputTail, port, dataDirectory, ownsDataDirectory, options);
            await server.WaitUntilAnsweringAsync(deadline.Token, cancellationToken).ConfigureAwait(false);
            return server;
        }
        catch
        {
            guard?.KillTree();
            guard?.Dispose();
            await WaitForExitAsync(process).ConfigureAwait(false);
            process.Dispose();
            if (ownsDataDirectory)
            {
                DeleteDirectory(dataDirectory);
            }

            throw;
        }
    }

    /// <summary>A store for one bucket of this server; it is disposed with the server.</summary>
    public IObjectStore OpenStore(string bucket)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref disposed) != 0, this);
        var store = new S3ObjectStore(Connection, bucket, options.StoreOptions);
        lock (storesGate)
        {
            openedStores.Add(store);
        }

        return store;
    }

    /// <summary>Creates each bucket that does not exist yet.</summary>
    public async Task CreateBucketsAsync(IEnumerable<string> buckets, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(buckets);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref disposed) != 0, this);
        foreach (var bucket in buckets)
        {
            using var store = new S3ObjectStore(Connection, bucket, options.StoreOptions);
            await store.EnsureBucketAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Stops node (process tree and all) and deletes the data folder it created, unless told to keep it.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0)
        {
            return;
        }

        guard.KillTree();
        guard.Dispose();
        await WaitForExitAsync(process).ConfigureAwait(false);
        process.Dispose();
        lock (storesGate)
        {
            foreach (var store in openedStores)
            {
                store.Dispose();
            }

            openedStores.Clear();
        }

        if (ownsDataDirectory && !options.KeepDataDirectory)
        {
            DeleteDirectory(DataDirectory);
        }
    }

    public override string ToString() => $"LocalS3Server {{ {Connection.ServiceUrl}, pid {ProcessId}, data '{DataDirectory}' }}";

    private static ProcessStartInfo CreateStartInfo(string node, string script, string dataDirectory, LocalS3ServerOptions options)
    {
        var startInfo = new ProcessStartInfo(node)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = dataDirectory,
        };
        string[] arguments =
        [
            "-e", ParentWatchingLauncher, script,
            "--directory", dataDirectory,
            "--address", LoopbackAddress,
            "--port", options.Port.ToString(CultureInfo.InvariantCulture),
            "--no-vhost-buckets",
        ];
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        if (!options.LogRequests)
        {
            startInfo.ArgumentList.Add("--silent");
        }

        // s3rver's continuation tokens use the legacy DES cipher, which Node 17+ refuses without this flag.
        const string legacyProvider = "--openssl-legacy-provider";
        var nodeOptions = startInfo.Environment.TryGetValue("NODE_OPTIONS", out var existing) ? existing : null;
        startInfo.Environment["NODE_OPTIONS"] = string.IsNullOrWhiteSpace(nodeOptions)
            ? legacyProvider
            : nodeOptions.Contains(legacyProvider, StringComparison.Ordinal) ? nodeOptions : $"{nodeOptions} {legacyProvider}";
        return startInfo;
    }

    private static async Task<int> WaitForListeningPortAsync(
        Process process, Task<int> listeningPort, OutputTail outputTail, LocalS3ServerOptions options,
        CancellationToken deadline, CancellationToken cancellationToken)
    {
        var exited = process.WaitForExitAsync(deadline);
        var first = await Task.WhenAny(listeningPort, exited).ConfigureAwait(false);
        if (first == listeningPort)
        {
            return await listeningPort.ConfigureAwait(false);
        }

        cancellationToken.ThrowIfCancellationRequested();
        if (process.HasExited)
        {
            // WaitForExitAsync has also drained the output, so the tail is complete.
            throw new LocalS3ServerException(
                $"s3rver exited with code {process.ExitCode} before listening (port {options.Port}). Output:" +
                $"{Environment.NewLine}{outputTail}");
        }

        throw new LocalS3ServerException(
            $"s3rver did not start listening within {options.StartTimeout.TotalSeconds:0.#} s. Output:" +
            $"{Environment.NewLine}{outputTail}");
    }

    private async Task WaitUntilAnsweringAsync(CancellationToken deadline, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var probe = Connection.ServiceUrl!;
        Exception? lastFailure = null;
        while (true)
        {
            if (process.HasExited)
            {
                await WaitForExitAsync(process).ConfigureAwait(false);
                throw new LocalS3ServerException(
                    $"s3rver on port {Port} exited with code {process.ExitCode} before answering. Output:" +
                    $"{Environment.NewLine}{outputTail}");
            }

            try
            {
                using var response = await http.GetAsync(probe, deadline).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }

                lastFailure = new HttpRequestException($"HTTP {(int)response.StatusCode} {response.ReasonPhrase}");
            }
            catch (HttpRequestException exception)
            {
                lastFailure = exception;
            }
            catch (OperationCanceledException) when (!deadline.IsCancellationRequested)
            {
                // This probe timed out; the overall deadline has not passed yet.
            }
            catch (OperationCanceledException exception) when (!cancellationToken.IsCancellationRequested)
            {
                throw new LocalS3ServerException(
                    $"s3rver on port {Port} did not answer within {options.StartTimeout.TotalSeconds:0.#} s " +
                    $"(last probe: {lastFailure?.Message ?? "timed out"}). Output:{Environment.NewLine}{outputTail}",
                    exception);
            }

            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50), deadline).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // The deadline passed between probes: the next probe reports it.
            }
        }
    }

    private static async Task WaitForExitAsync(Process process)
    {
        try
        {
            using var timeout = new CancellationTokenSource(StopTimeout);
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (InvalidOperationException)
        {
            // Never started: nothing to wait for.
        }
        catch (OperationCanceledException exception)
        {
            throw new LocalS3ServerException(
                $"s3rver (pid {process.Id}) did not stop within {StopTimeout.TotalSeconds:0} s of being killed.", exception);
        }
    }

    /// <summary>The given data folder, created if missing; null: a fresh folder in the temporary folder.</summary>
    private static string CreateDataDirectory(string? given)
    {
        try
        {
            return string.IsNullOrWhiteSpace(given)
                ? Directory.CreateTempSubdirectory("faasr-it-s3rver-").FullName
                : Directory.CreateDirectory(given).FullName;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            var where = string.IsNullOrWhiteSpace(given) ? $"in the temporary folder '{Path.GetTempPath()}'" : $"'{given}'";
            throw new LocalS3ServerException($"Cannot create the s3rver data folder {where}: {e.Message}", e);
        }
    }

    private static void DeleteDirectory(string directory)
    {
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static void DeleteDirectoryWhileExiting(string? directory)
    {
        if (directory is null)
        {
            return;
        }

        try
        {
            DeleteDirectory(directory);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // This process is going away: stderr is the last place left to tell anyone.
            Console.Error.WriteLine($"faasr-it: could not delete the s3rver data folder '{directory}': {exception.Message}");
        }
    }

    [GeneratedRegex(@"^S3rver listening on (?<address>\S+):(?<port>\d+)\s*$")]
    private static partial Regex ListeningLine();
}
