using FaaSr.Testing.Faasr.Registration;
using FaaSr.Testing.GitHub.StandIn;
using FaaSr.Testing.Local.Execution;
using FaaSr.Testing.Workflows;

namespace FaaSr.Testing.Faasr.Running;

/// <summary>
/// The environment of one action process, built the way a GitHub Actions job of the registered workflow gets it:
/// the job's <c>env:</c> as register_workflow.py wrote it (each <c>secrets.X</c> from the repository's secrets, "" when
/// unset as on GitHub; each input from the dispatch), the image's ENV (FAASR_PLATFORM, PYTHONPATH with the user's
/// backend in front, where the image has FaaSr_py installed), what every Actions job has (CI, GITHUB_*), and what
/// keeps it on this machine: the stand-in's proxy and CA, pip's offline sources. Without a registration (no
/// FaaSr-workflow source) the job variables are those the emulated compute derives, one mapping for both.
/// </summary>
internal sealed class ActionEnvironment(
    WorkflowDocument document,
    IReadOnlyDictionary<string, string> secrets,
    IReadOnlyDictionary<string, string> image,
    IReadOnlyDictionary<string, string> standIn,
    string backendFolder,
    string interpreter,
    PipSources pip,
    string home)
{
    public Dictionary<string, string> For(WorkflowDispatch dispatch, RegisteredJob? job)
    {
        Dictionary<string, string> environment;
        if (job is null)
        {
            environment = new Dictionary<string, string>(FunctionEnvironment.For(document, secrets, home), StringComparer.Ordinal);
            foreach (var (name, value) in dispatch.Inputs)
            {
                environment[name] = value;
            }
        }
        else
        {
            environment = FunctionEnvironment.Essentials();
            foreach (var variable in job.Environment)
            {
                environment[variable.Name] = variable.Source switch
                {
                    JobVariableSource.Secret => secrets.GetValueOrDefault(variable.Value) ?? string.Empty,
                    JobVariableSource.DispatchInput => dispatch.Inputs.GetValueOrDefault(variable.Value) ?? string.Empty,
                    _ => variable.Value,
                };
            }
        }

        environment["HOME"] = home;

        // The interpreter's folder first, so the backend's own "pip" and "python3" commands are the same Python.
        var interpreterFolder = Path.GetDirectoryName(interpreter);
        if (interpreterFolder is not null)
        {
            environment["PATH"] = $"{interpreterFolder}{Path.PathSeparator}{environment.GetValueOrDefault("PATH") ?? "/usr/bin:/bin"}";
        }

        foreach (var (name, value) in image)
        {
            environment[name] = value;
        }

        environment["PYTHONPATH"] = image.TryGetValue("PYTHONPATH", out var imagePath) && imagePath.Length > 0
            ? $"{backendFolder}{Path.PathSeparator}{imagePath}"
            : backendFolder;
        environment["CI"] = "true";
        environment["GITHUB_ACTIONS"] = "true";
        environment["GITHUB_REPOSITORY"] = $"{dispatch.Owner}/{dispatch.Repository}";
        environment["GITHUB_REF_NAME"] = dispatch.Ref;
        environment["GITHUB_WORKFLOW"] = Path.GetFileNameWithoutExtension(dispatch.WorkflowFile);
        environment["GITHUB_RUN_ID"] = dispatch.RunId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        foreach (var (name, value) in standIn)
        {
            environment[name] = value;
        }

        foreach (var (name, value) in PipVariables(pip))
        {
            environment[name] = value;
        }

        return environment;
    }

    /// <summary>The environment of FaaSr-workflow's scripts (register, invoke): a shell of the repository with GH_PAT.</summary>
    public Dictionary<string, string> ForScript(string repository, string branch, string token)
    {
        var environment = FunctionEnvironment.Essentials();
        environment["HOME"] = home;
        environment["PYTHONPATH"] = backendFolder;
        environment["GH_PAT"] = token;
        environment["GITHUB_REPOSITORY"] = repository;
        environment["GITHUB_REF_NAME"] = branch;
        foreach (var (name, value) in standIn)
        {
            environment[name] = value;
        }

        return environment;
    }

    /// <summary>pip's own variables for --find-links/--index-url (the backend runs "pip install" without options).</summary>
    public static IReadOnlyDictionary<string, string> PipVariables(PipSources pip)
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal) { ["PIP_DISABLE_PIP_VERSION_CHECK"] = "1" };
        if (pip.FindLinks is { } folder)
        {
            variables["PIP_FIND_LINKS"] = folder;
        }

        if (pip.IndexUrl is { } index)
        {
            variables["PIP_INDEX_URL"] = index;
        }
        else
        {
            variables["PIP_NO_INDEX"] = "1";
        }

        return variables;
    }
}
