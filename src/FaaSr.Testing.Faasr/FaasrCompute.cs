using FaaSr.Testing.Errors;
using FaaSr.Testing.Faasr.Prerequisites;
using FaaSr.Testing.Faasr.Running;
using FaaSr.Testing.Faasr.Sources;
using FaaSr.Testing.Sessions;
using FaaSr.Testing.Workflows;

namespace FaaSr.Testing.Faasr;

/// <summary>
/// The "faasr" compute: the user's real FaaSr runs every action on this machine. A GitHub stand-in serves the
/// workflow's repositories (the workflow file and function code) and takes every workflow_dispatch; FaaSr-workflow's
/// register_workflow.py writes each action's job there and invoke_workflow.py triggers the entry action (or, without
/// FaaSr-workflow, the compute sends that first dispatch itself); each dispatched action then runs FaaSr-Docker's
/// entry with the user's FaaSr-Backend, in the environment its registered job gives it. The functions write FaaSr's
/// objects to the run's storage, where the monitor watches them as for any compute.
/// </summary>
public sealed class FaasrCompute(FaasrComputeOptions? options = null) : IWorkflowCompute
{
    private readonly FaasrComputeOptions options = options ?? new FaasrComputeOptions();
    private readonly SemaphoreSlim preparing = new(1, 1);
    private FaasrSetup? setup;

    public string Name => ComputeNames.FaaSr;

    public string Description => setup is null
        ? "the user's FaaSr-Backend, FaaSr-Docker entry and FaaSr-workflow scripts run on this machine behind a GitHub stand-in"
        : $"{string.Join("; ", setup.Sources.All.Select(s => s.Describe()))}; Python {setup.Python.Version} ({setup.Python.Executable}); " +
            $"one action at a time on this machine";

    public FaasrComputeOptions Options => options;

    /// <summary>The sources and interpreter, once <see cref="PrepareAsync"/> has run.</summary>
    public FaasrSetup? Setup => setup;

    /// <summary>
    /// Resolves the sources (cloning git URLs into the cache) and finds an interpreter with every module they import:
    /// before anything runs, so a missing source or module is named at once. Runs once; later calls return the result.
    /// </summary>
    /// <exception cref="FaasrSourceException">A source is missing or wrong (bad input).</exception>
    /// <exception cref="EnvironmentProblemException">No interpreter, or a module is missing.</exception>
    public async Task<FaasrSetup> PrepareAsync(CancellationToken cancellationToken)
    {
        await preparing.WaitAsync(cancellationToken);
        try
        {
            if (setup is null)
            {
                var sources = await FaasrSources.ResolveAsync(options.Sources, options.Clock, line => options.Report?.Invoke(line),
                    cancellationToken);
                var python = await FaasrPython.FindAsync(options.PythonInterpreter, sources, cancellationToken);
                setup = new FaasrSetup(sources, python);
            }

            return setup;
        }
        finally
        {
            preparing.Release();
        }
    }

    public async Task<IComputeRun> StartAsync(ComputeStart start, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(start);
        var prepared = await PrepareAsync(cancellationToken);
        var document = start.Graph.Document;
        var elsewhere = document.Actions
            .Select(a => (Action: a, Server: document.ComputeServers.GetValueOrDefault(a.FaaSServer)))
            .Where(a => a.Server?.FaaSType != "GitHubActions")
            .ToList();
        if (elsewhere.Count > 0)
        {
            throw new BadInputException(string.Join(Environment.NewLine, elsewhere.Select(a =>
                $"Workflow '{document.WorkflowName}', action '{a.Action.Name}': its server '{a.Action.FaaSServer}' is " +
                $"{a.Server?.FaaSType ?? "not in ComputeServers"}; the faasr compute runs GitHubActions actions only (FaaSr-Backend " +
                $"reaches the others' own endpoints).")));
        }

        var rActions = document.Actions.Where(a => a.Type == FunctionLanguage.R).Select(a => a.Name).ToList();
        if (rActions.Count > 0)
        {
            await RPackageCheck.EnsureAsync(prepared.Sources.Backend, rActions, cancellationToken);
        }

        return await FaasrRun.StartAsync(start, prepared, options, cancellationToken);
    }
}
