namespace FaaSr.Testing.Cli;

/// <summary>A credential the run needs is not in the environment; the message names the variable, never a value.</summary>
internal sealed class MissingCredentialException(string variable)
    : Exception($"The environment variable {variable} is not set; it holds a data store credential this run needs.")
{
    public string Variable { get; } = variable;
}
