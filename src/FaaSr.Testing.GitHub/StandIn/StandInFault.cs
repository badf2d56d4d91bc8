using System.Text.RegularExpressions;

namespace FaaSr.Testing.GitHub.StandIn;

/// <summary>
/// An answer the stand-in gives instead of the route's, for contract tests of error handling: requests whose method is
/// <paramref name="Method"/> and whose API path (without /api/v3) matches <paramref name="PathPattern"/> get GitHub's
/// error shape with <paramref name="Status"/>, <paramref name="Message"/> and <paramref name="Headers"/> (e.g.
/// x-ratelimit-remaining: 0), for the next <paramref name="Times"/> matching requests.
/// </summary>
public sealed record StandInFault(string Method, string PathPattern, int Status, string Message, IReadOnlyDictionary<string, string>? Headers = null, int Times = int.MaxValue)
{
    /// <summary>403 for the primary rate limit, as GitHub sends it: remaining 0 and the reset time in epoch seconds.</summary>
    public static StandInFault RateLimited(string method, string pathPattern, DateTimeOffset reset, int times = int.MaxValue) => new(
        method,
        pathPattern,
        403,
        "API rate limit exceeded for user ID 1. If you reach out to GitHub Support for help, please include the request ID.",
        new Dictionary<string, string>
        {
            ["x-ratelimit-limit"] = "5000",
            ["x-ratelimit-remaining"] = "0",
            ["x-ratelimit-used"] = "5000",
            ["x-ratelimit-reset"] = reset.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["x-ratelimit-resource"] = "core",
        },
        times);

    internal bool Matches(RecordedRequest request) =>
        Method.Equals(request.Method, StringComparison.OrdinalIgnoreCase) && Regex.IsMatch(request.ApiPath, PathPattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
}
