using System.CommandLine;
using FaaSr.Testing.Local;
using FaaSr.Testing.Local.Execution;
using FaaSr.Testing.Storage;
using FaaSr.Testing.Workflows;

namespace FaaSr.Testing.Cli;

/// <summary>
/// <c>faasr-it run WORKFLOW --local [--functions DIR] [--s3-endpoint URL] [--timeout SECONDS]</c>: runs a workflow on
/// this machine, each function a process with FaaSr's semantics, against the local S3 server (started here) or the
/// endpoint given. Prints each instance's outcome. Exit 0 when every instance completed or was by design not
/// invoked, 1 otherwise (or on timeout), 2 on bad input, 3 when python3, node or S3 is missing.
/// </summary>
internal static class RunCommand
{
    private const int DefaultTimeoutSeconds = 600;

    public static Command Create()
    {
        var workflow = new Argument<string>("WORKFLOW") { Description = "The workflow JSON file." };
        var local = new Option<bool>("--local") { Description = "Run every function here as a process (the embedded default)." };
        var functions = new Option<string?>("--functions")
        {
            Description = "Folder of the function code; FunctionGitRepo 'owner/repo/a/b' maps to the longest tail of 'a/b' under it. Default: the functions folder beside the workflow's folder, else ./functions.",
        };
        var endpoint = new Option<string?>("--s3-endpoint")
        {
            Description = "Use this S3 endpoint instead of starting a local S3 server; credentials come from {Store}_AccessKey and {Store}_SecretKey.",
        };
        var timeout = new Option<int>("--timeout")
        {
            Description = "Stop the run, killing its processes, after this many seconds.",
            DefaultValueFactory = _ => DefaultTimeoutSeconds,
        };
        var command = new Command("run", "Run a FaaSr workflow end to end and report each function instance.")
        {
            workflow,
            local,
            functions,
            endpoint,
            timeout,
        };
        command.SetAction((parseResult, cancellationToken) => RunAsync(
            new RunRequest(
                parseResult.GetValue(workflow)!,
                parseResult.GetValue(local),
                parseResult.GetValue(functions),
                parseResult.GetValue(endpoint),
                parseResult.GetValue(timeout)),
            parseResult.InvocationConfiguration.Output,
            parseResult.InvocationConfiguration.Error,
            cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(RunRequest request, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (!request.Local)
        {
            error.WriteLine("run: say where to run the workflow; --local runs it on this machine.");
            return ExitCodes.BadInput;
        }

        if (request.TimeoutSeconds <= 0)
        {
            error.WriteLine($"run: --timeout must be a positive number of seconds, not {request.TimeoutSeconds}.");
            return ExitCodes.BadInput;
        }

        Uri? endpoint = null;
        if (request.Endpoint is not null
            && (!Uri.TryCreate(request.Endpoint, UriKind.Absolute, out endpoint) || endpoint.Scheme is not ("http" or "https")))
        {
            error.WriteLine($"run: --s3-endpoint '{request.Endpoint}' is not an absolute http(s) URL.");
            return ExitCodes.BadInput;
        }

        var check = WorkflowLoader.CheckFile(request.WorkflowFile);
        if (!check.IsValid || check.Document is null)
        {
            foreach (var problem in check.Problems)
            {
                error.WriteLine(problem);
            }

            return ExitCodes.BadInput;
        }

        var graph = WorkflowGraph.Build(check.Document);
        try
        {
            await using var storage = await RunStorage.OpenAsync(graph.Document, endpoint, cancellationToken);
            var executor = new LocalExecutor(new LocalExecutorOptions
            {
                FunctionsRoot = request.FunctionsFolder ?? DefaultFunctionsFolder(request.WorkflowFile),
                Stores = storage.Store,
                StoreEndpoints = storage.Endpoints,
                FunctionEnvironment = FunctionEnvironment(graph.Document, storage),
            });
            return await ExecuteAsync(executor, graph, TimeSpan.FromSeconds(request.TimeoutSeconds), output, error, cancellationToken);
        }
        catch (Exception e) when (e is LocalRunSetupException or MissingCredentialException)
        {
            error.WriteLine($"run: {e.Message}");
            return ExitCodes.BadInput;
        }
        catch (Exception e) when (e is ExecutionEnvironmentException or LocalS3ServerException or ObjectStoreException)
        {
            error.WriteLine($"run: {e.Message}");
            return ExitCodes.EnvironmentProblem;
        }
    }

    private static async Task<int> ExecuteAsync(LocalExecutor executor, WorkflowGraph graph, TimeSpan timeout, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        await using var run = await executor.StartAsync(graph, cancellationToken);
        output.WriteLine($"Workflow {graph.WorkflowName}: InvocationID {run.InvocationId}, log folder {run.Folder.Prefix}");
        LocalRunResult result;
        try
        {
            result = await run.Completion.WaitAsync(timeout, cancellationToken);
        }
        catch (TimeoutException)
        {
            error.WriteLine($"run: the workflow did not finish within {timeout.TotalSeconds:0} s; its processes were stopped.");
            return ExitCodes.WorkflowFailed;
        }

        var width = result.Instances.Max(i => i.Instance.Name.Length);
        foreach (var instance in result.Instances)
        {
            var reason = instance.Reason is null ? string.Empty : "  " + instance.Reason.Split('\n')[0];
            output.WriteLine($"  {instance.Instance.Name.PadRight(width)}  {Describe(instance.State),-10}{reason}");
        }

        foreach (var failed in result.Instances.Where(i => i.State == InstanceState.Failed && i.Reason?.Contains('\n') == true))
        {
            error.WriteLine($"{failed.Instance.Name}: {failed.Reason}");
        }

        return result.Succeeded ? ExitCodes.Success : ExitCodes.WorkflowFailed;
    }

    private static string Describe(InstanceState state) => state switch
    {
        InstanceState.Completed => "completed",
        InstanceState.Failed => "failed",
        InstanceState.NotRun => "not run",
        _ => state.ToString(),
    };

    /// <summary>The data store credentials, and each declared secret that this process's environment holds.</summary>
    private static Dictionary<string, string> FunctionEnvironment(WorkflowDocument document, RunStorage storage)
    {
        var environment = new Dictionary<string, string>(storage.Credentials, StringComparer.Ordinal);
        foreach (var secret in document.Secrets)
        {
            if (Environment.GetEnvironmentVariable(secret) is { } value)
            {
                environment[secret] = value;
            }
        }

        return environment;
    }

    /// <summary>"functions" beside the workflow's folder (workflows/X.json -> functions/), else ./functions.</summary>
    private static string DefaultFunctionsFolder(string workflowFile)
    {
        var workflowFolder = Path.GetDirectoryName(Path.GetFullPath(workflowFile));
        var beside = workflowFolder is null ? null : Path.Combine(workflowFolder, "..", "functions");
        return beside is not null && Directory.Exists(beside) ? Path.GetFullPath(beside) : Path.GetFullPath("functions");
    }

    private sealed record RunRequest(string WorkflowFile, bool Local, string? FunctionsFolder, string? Endpoint, int TimeoutSeconds);
}
