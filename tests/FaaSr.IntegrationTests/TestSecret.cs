namespace FaaSr.IntegrationTests;

/// <summary>
/// TEST_SECRET, the secret SecretWorkflow and RSecretWorkflow declare: the process environment's value when set, else
/// a fresh one per test run.
/// </summary>
internal static class TestSecret
{
    public static readonly string Value = System.Environment.GetEnvironmentVariable("TEST_SECRET") is { Length: > 0 } fromEnvironment
        ? fromEnvironment
        : $"secret-{Guid.NewGuid():N}";

    public static IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string> { ["TEST_SECRET"] = Value };
}
