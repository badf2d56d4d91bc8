using System.Net.Sockets;
using System.Net;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using FaaSr.Testing.Errors;
using FaaSr.Testing.Faasr.Registration;
using FaaSr.Testing.Files;
using FaaSr.Testing.GitHub.StandIn;
using FaaSr.Testing.Local.Execution;

namespace FaaSr.Testing.Faasr.Running;

/// <summary>
/// Runs each dispatch the stand-in accepts as one action process, in arrival order, one at a time on the whole
/// machine (<see cref="ExclusiveFileLock"/>): the entry script copied into a fresh working folder, as the image has it
/// in /action, started with the interpreter and <see cref="ActionEnvironment"/>. After each action the backend's /tmp
/// leftovers are removed (<see cref="BackendScratch"/>) before the lock is released. A dispatch is only ever made by
/// the trigger or by a running action, so when an action ends and nothing is queued the run is over.
/// </summary>
internal sealed class ActionRunner
{
    /// <summary>FaaSr-Backend's RPC server binds this port (hard-coded), and waits forever for whatever answers there.</summary>
    public const int BackendRpcPort = 8000;

    private readonly Channel<WorkflowDispatch> queue = Channel.CreateUnbounded<WorkflowDispatch>();
    private readonly Lock gate = new();
    private readonly List<ActionRun> runs = [];
    private readonly Settings settings;
    private readonly Func<WorkflowDispatch, RegisteredJob?> jobOf;
    private readonly Func<IReadOnlyList<RefusedConnection>> refusals;
    private Task? worker;

    /// <summary>Dispatches queued or running: the run is over when this is back to zero.</summary>
    private int unfinished;
    private volatile bool stopping;

    public ActionRunner(Settings settings, Func<WorkflowDispatch, RegisteredJob?> jobOf, Func<IReadOnlyList<RefusedConnection>> refusals)
    {
        this.settings = settings;
        this.jobOf = jobOf;
        this.refusals = refusals;
    }

    /// <summary>Ends when the last action has ended and nothing is queued; faults when an action could not be run.</summary>
    public Task Completion => worker ?? Task.CompletedTask;

    public IReadOnlyList<ActionRun> Runs
    {
        get
        {
            lock (gate)
            {
                return runs.ToList();
            }
        }
    }

    /// <summary>Queues a dispatch (the stand-in's OnDispatch); false when the run has already ended.</summary>
    public bool Enqueue(WorkflowDispatch dispatch)
    {
        lock (gate)
        {
            if (!queue.Writer.TryWrite(dispatch))
            {
                return false;
            }

            unfinished++;
            return true;
        }
    }

    public void Start(CancellationToken cancellationToken) => worker = Task.Run(() => WorkAsync(cancellationToken), CancellationToken.None);

    /// <summary>Runs no more of the queued dispatches; the action running now goes on to its end (or its cancellation).</summary>
    public void StopAfterCurrent()
    {
        stopping = true;
        queue.Writer.TryComplete();
    }

    /// <summary>Ends the run when nothing was dispatched at all (the trigger failed): there is nothing to wait for.</summary>
    public void CompleteIfIdle()
    {
        lock (gate)
        {
            if (unfinished == 0)
            {
                queue.Writer.TryComplete();
            }
        }
    }

    private async Task WorkAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var dispatch in queue.Reader.ReadAllAsync(cancellationToken))
            {
                if (stopping)
                {
                    continue;
                }

                var run = await RunAsync(dispatch, cancellationToken);
                lock (gate)
                {
                    runs.Add(run);
                    unfinished--;
                    if (unfinished == 0)
                    {
                        queue.Writer.TryComplete();
                    }
                }

                settings.Report?.Invoke(run);
            }
        }
        finally
        {
            queue.Writer.TryComplete();
        }
    }

    private async Task<ActionRun> RunAsync(WorkflowDispatch dispatch, CancellationToken cancellationToken)
    {
        var job = jobOf(dispatch);
        var instance = InstanceName(dispatch);
        int sequence;
        lock (gate)
        {
            sequence = runs.Count + 1;
        }

        var folder = Path.Combine(settings.WorkFolder, $"{sequence:000}-{Safe(instance)}");
        Directory.CreateDirectory(folder);
        var script = job?.EntryScript ?? "faasr_entry.py";
        File.Copy(Path.Combine(settings.EntryFolder, script), Path.Combine(folder, script), overwrite: true);

        using var turn = await ExclusiveFileLock.AcquireAsync(settings.LockPath, settings.Clock, cancellationToken);
        try
        {
            EnsurePortFree();
            var refusedBefore = refusals().Count;
            var startedAt = settings.Clock.GetUtcNow();
            var started = settings.Clock.GetTimestamp();
            var exit = await ChildProcess.RunAsync(
                new ProcessLaunch(settings.Interpreter, [script], folder, settings.Environment.For(dispatch, job), string.Empty) { TimeLimit = settings.ActionTimeLimit },
                settings.Clock,
                cancellationToken);
            var duration = settings.Clock.GetElapsedTime(started);
            await File.WriteAllTextAsync(Path.Combine(folder, "output-tail.txt"), exit.OutputTail, CancellationToken.None);
            var refused = refusals().Skip(refusedBefore).Select(r => $"{r.Host}:{r.Port}").Distinct(StringComparer.Ordinal).ToList();
            return new ActionRun(sequence, dispatch.WorkflowFile, instance, startedAt, duration, turn.Waited, exit.ExitCode, exit.TimedOut, refused, exit.OutputTail);
        }
        finally
        {
            settings.Scratch.Remove();
        }
    }

    /// <summary>The instance the dispatch starts ("action" or "action(rank)"), from its OVERWRITTEN input.</summary>
    public static string InstanceName(WorkflowDispatch dispatch)
    {
        try
        {
            if (JsonNode.Parse(dispatch.Overwritten ?? "{}") is JsonObject overwritten
                && overwritten["FunctionInvoke"]?.GetValue<string>() is { } action)
            {
                return overwritten["FunctionRank"] is JsonValue rank ? $"{action}({rank.ToJsonString()})" : action;
            }
        }
        catch (Exception exception) when (exception is System.Text.Json.JsonException or InvalidOperationException or FormatException)
        {
            // Not FaaSr's OVERWRITTEN: name it by its workflow file.
        }

        return Path.GetFileNameWithoutExtension(dispatch.WorkflowFile);
    }

    private static void EnsurePortFree()
    {
        try
        {
            // As uvicorn binds (SO_REUSEADDR): the last action's connections in TIME_WAIT do not count, a listener does.
            using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            probe.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            probe.Bind(new IPEndPoint(IPAddress.Loopback, BackendRpcPort));
            probe.Listen();
        }
        catch (SocketException exception)
        {
            throw new EnvironmentProblemException(
                $"Port {BackendRpcPort} on 127.0.0.1 is in use by a program other than faasr-it's actions ({exception.SocketErrorCode}); FaaSr-Backend's RPC server needs it (the port is fixed in its code), and would wait forever for the program there. Stop it and run again.",
                exception);
        }
    }

    private static string Safe(string name) => string.Concat(name.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' ? c : '_'));

    /// <summary>What every action of one run shares.</summary>
    public sealed record Settings(
        string Interpreter,
        string EntryFolder,
        string WorkFolder,
        ActionEnvironment Environment,
        BackendScratch Scratch,
        string LockPath,
        TimeSpan ActionTimeLimit,
        TimeProvider Clock,
        Action<ActionRun>? Report);
}
