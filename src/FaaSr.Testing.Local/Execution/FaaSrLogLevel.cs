namespace FaaSr.Testing.Local.Execution;

/// <summary>The Python logging levels FaaSr's S3 log records, written as their names (docs/faasr-semantics.md, "Log format").</summary>
public enum FaaSrLogLevel
{
    DEBUG,
    INFO,
    WARNING,
    ERROR,
}
