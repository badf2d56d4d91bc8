using System.Collections.Concurrent;
using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace FaaSr.Testing.Local.Execution;

/// <summary>
/// One pre-started Python interpreter per run (faasr_local_fork_server.py) that forks a process per instance, which
/// saves the interpreter start and imports of every instance (Unix only). Each child runs in its own session with
/// the instance's folder, environment and output file; time limits and cancellation kill its process tree.
/// </summary>
internal sealed class PythonForkServer : IAsyncDisposable
{
    private const string Script = "faasr_local_fork_server.py";
    private const int TailLines = 40;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    /// <summary>How long the server may take to end its children itself once its stdin is closed, before its tree is killed.</summary>
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(5);

    private readonly Process process;
    private readonly ChildProcessGuard guard;
    private readonly OutputTail serverOutput = new(TailLines);
    private readonly ConcurrentDictionary<long, ForkedChild> children = new();
    private readonly SemaphoreSlim writing = new(1, 1);
    private readonly TaskCompletionSource ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task reading;
    private long nextId;

    private PythonForkServer(Process process)
    {
        this.process = process;
        guard = new ChildProcessGuard(process);
        process.ErrorDataReceived += (_, e) => serverOutput.Add("stderr", e.Data);
        process.BeginErrorReadLine();
        reading = ReadAnswersAsync();
    }

    /// <param name="runName">Names the run's cgroup, where the server can make one (faasr_local_containment.py).</param>
    /// <exception cref="ExecutionEnvironmentException">The interpreter cannot be started or does not get ready.</exception>
    public static async Task<PythonForkServer> StartAsync(
        PythonInterpreter interpreter, string runtimeFolder, string runName, IReadOnlyDictionary<string, string> environment, CancellationToken cancellationToken)
    {
        var startInfo = new ProcessStartInfo(interpreter.Executable)
        {
            WorkingDirectory = runtimeFolder,
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardInputEncoding = new UTF8Encoding(false),
            StandardOutputEncoding = Encoding.UTF8,
        };
        startInfo.ArgumentList.Add("-S");
        startInfo.ArgumentList.Add(Path.Combine(runtimeFolder, Script));
        startInfo.ArgumentList.Add(JsonSerializer.Serialize(interpreter.SitePackages));
        startInfo.ArgumentList.Add(runName);
        startInfo.Environment.Clear();
        foreach (var (name, value) in environment)
        {
            startInfo.Environment[name] = value;
        }

        var process = new Process { StartInfo = startInfo };
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            process.Dispose();
            throw new ExecutionEnvironmentException($"Cannot start the Python fork server with {interpreter.Executable}: {e.Message}", e);
        }

        var server = new PythonForkServer(process);
        try
        {
            await server.ready.Task.WaitAsync(StartTimeout, cancellationToken);
            return server;
        }
        catch (Exception e) when (e is TimeoutException or ExecutionEnvironmentException)
        {
            await server.DisposeAsync();
            throw new ExecutionEnvironmentException($"The Python fork server did not start: {server.serverOutput}", e);
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>Forks a child for one instance and waits for its end.</summary>
    /// <param name="outputFile">Where the child's stdout and stderr go.</param>
    /// <exception cref="OperationCanceledException">Cancelled; the child's process tree was killed first.</exception>
    public async Task<ProcessExit> RunAsync(
        FunctionLaunch launch, JsonObject invocation, IReadOnlyDictionary<string, string> environment, string outputFile, TimeProvider clock, CancellationToken cancellationToken)
    {
        var id = Interlocked.Increment(ref nextId);
        var child = new ForkedChild();
        children[id] = child;
        try
        {
            if (reading.IsCompleted)
            {
                throw new ExecutionEnvironmentException($"The Python fork server ended: {serverOutput}");
            }

            var request = new JsonObject
            {
                ["Id"] = id,
                ["WorkingDirectory"] = launch.WorkingDirectory,
                ["Environment"] = new JsonObject(environment.Select(e => KeyValuePair.Create(e.Key, (JsonNode?)e.Value))),
                ["OutputFile"] = outputFile,
                ["Invocation"] = invocation,
            };
            var startedAt = clock.GetUtcNow();
            await writing.WaitAsync(CancellationToken.None);
            try
            {
                await process.StandardInput.WriteLineAsync(request.ToJsonString());
                await process.StandardInput.FlushAsync(CancellationToken.None);
            }
            finally
            {
                writing.Release();
            }

            var pid = await child.Pid.Task;
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            if (launch.TimeLimit is { } timeLimit)
            {
                limit.CancelAfter(timeLimit);
            }

            try
            {
                var exitCode = await child.Exit.Task.WaitAsync(limit.Token);
                return new ProcessExit(exitCode, false, startedAt, OutputTail(outputFile));
            }
            catch (OperationCanceledException) when (limit.IsCancellationRequested)
            {
                KillTree(pid, child);
                await child.Exit.Task;
                cancellationToken.ThrowIfCancellationRequested();
                return new ProcessExit(null, true, startedAt, OutputTail(outputFile));
            }
            catch (ExecutionEnvironmentException)
            {
                // The fork server died before reporting this child's end: nobody else will stop the orphan.
                KillTree(pid);
                throw;
            }
        }
        finally
        {
            children.TryRemove(id, out _);
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // Already gone.
        }

        // Its closed stdin tells the server to kill everything its children started (also what left their session or
        // cgroup) and exit; the tree kill is for a server that does not.
        using (var stopping = new CancellationTokenSource(StopTimeout))
        {
            try
            {
                await process.WaitForExitAsync(stopping.Token);
            }
            catch (OperationCanceledException)
            {
                guard.KillTree();
            }
        }

        await process.WaitForExitAsync(CancellationToken.None);
        await reading;
        guard.Dispose();
        process.Dispose();
        writing.Dispose();
    }

    private static void KillTree(int pid, ForkedChild child)
    {
        if (!child.Exit.Task.IsCompleted)
        {
            KillTree(pid);
        }
    }

    private static void KillTree(int pid)
    {
        try
        {
            using var target = Process.GetProcessById(pid);
            target.Kill(entireProcessTree: true);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or Win32Exception)
        {
            // It ended meanwhile: nothing left to stop.
        }
    }

    private static string OutputTail(string outputFile)
    {
        try
        {
            return Local.OutputTail.FromFile(outputFile, "output", TailLines).ToString();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // No output file: the child never got that far.
            return new OutputTail(TailLines).ToString();
        }
    }

    private async Task ReadAnswersAsync()
    {
        try
        {
            while (await process.StandardOutput.ReadLineAsync() is { } line)
            {
                var answer = JsonNode.Parse(line)?.AsObject();
                if (answer is null)
                {
                    continue;
                }

                if (answer["Ready"] is not null)
                {
                    ready.TrySetResult();
                }
                else if (answer["Id"]?.GetValue<long>() is { } id && children.TryGetValue(id, out var child))
                {
                    if (answer["Pid"] is { } pid)
                    {
                        child.Pid.TrySetResult(pid.GetValue<int>());
                    }
                    else if (answer["Exit"] is { } exit)
                    {
                        child.Exit.TrySetResult(exit.GetValue<int>());
                    }
                }
            }
        }
        catch (Exception e) when (e is IOException or JsonException or InvalidOperationException or ObjectDisposedException)
        {
            // Fall through: every waiting instance learns that the server is gone.
        }

        var gone = new ExecutionEnvironmentException($"The Python fork server ended: {serverOutput}");
        ready.TrySetException(gone);
        foreach (var child in children.Values)
        {
            child.Pid.TrySetException(gone);
            child.Exit.TrySetException(gone);
        }
    }

    private sealed class ForkedChild
    {
        public TaskCompletionSource<int> Pid { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource<int> Exit { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
