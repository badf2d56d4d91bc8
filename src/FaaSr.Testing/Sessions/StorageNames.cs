namespace FaaSr.Testing.Sessions;

/// <summary>The names of the storages, and the setting that chooses one when no argument does.</summary>
public static class StorageNames
{
    /// <summary>A fresh local S3 server (s3rver on 127.0.0.1) holding every DataStore.</summary>
    public const string Local = "local";

    /// <summary>The workflow's own DataStore endpoints.</summary>
    public const string Workflow = EndpointStorage.WorkflowName;

    /// <summary>Every DataStore at one endpoint given with --s3-endpoint.</summary>
    public const string Endpoint = EndpointStorage.EndpointName;

    public const string Variable = "FAASR_IT_STORAGE";
}
