namespace FaaSr.Testing.Workflows;

public enum FunctionLanguage
{
    Python,
    R,
    Julia,
}
