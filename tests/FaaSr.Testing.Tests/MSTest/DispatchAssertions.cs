using FaaSr.Testing.MSTest;

namespace FaaSr.Testing.Tests.MSTest;

/// <summary>An assertion a test project adds itself (README.md, "Writing a workflow test"): it fails with the tester's report.</summary>
internal static class DispatchAssertions
{
    public static async Task ToDispatchAsync(this FunctionAssertions expect, string action)
    {
        var state = await expect.Function.SettledAsync();
        if (!state.Dispatched.Contains(action))
        {
            throw expect.Function.Failure($"ToDispatchAsync({expect.Function.Name}): no dispatch of {action}.", $"a dispatch of {action}",
                $"dispatches of {string.Join(", ", state.Dispatched)}");
        }
    }
}
