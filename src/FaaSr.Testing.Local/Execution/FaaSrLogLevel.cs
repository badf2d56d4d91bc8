namespace FaaSr.Testing.Local.Execution;

/// <summary>The Python logging levels FaaSr's S3 log records, written as their names (spec §2.7).</summary>
public enum FaaSrLogLevel
{
    DEBUG,
    INFO,
    WARNING,
    ERROR,
}
