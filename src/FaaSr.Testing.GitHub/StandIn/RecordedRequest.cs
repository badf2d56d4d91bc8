using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace FaaSr.Testing.GitHub.StandIn;

/// <summary>
/// One request the stand-in answered, as the client sent it. <see cref="Path"/> is as sent (a GitHub Enterprise style
/// <c>/api/v3</c> prefix included); <see cref="ApiPath"/> is without it. Headers keep every value (comma-joined) and
/// include Authorization, so a record is for assertions only: its printed form leaves headers and body out.
/// </summary>
public sealed record RecordedRequest(
    DateTimeOffset At,
    string Method,
    string Scheme,
    string Host,
    string Path,
    string Query,
    IReadOnlyDictionary<string, string> Headers,
    byte[] Body)
{
    public const string EnterprisePrefix = "/api/v3";

    /// <summary>The REST path without an <c>/api/v3</c> prefix: what GitHub's documentation names.</summary>
    public string ApiPath => Path.StartsWith(EnterprisePrefix + "/", StringComparison.Ordinal) ? Path[EnterprisePrefix.Length..] : Path;

    /// <summary>Through the CONNECT proxy (TLS for api.github.com) rather than to the plain loopback address.</summary>
    public bool ThroughProxy => Scheme == "https";

    public string BodyText => Encoding.UTF8.GetString(Body);

    /// <summary>A header's value, or null (names are case-insensitive).</summary>
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    /// <summary>A query parameter's first value, or null.</summary>
    public string? QueryValue(string name) =>
        QueryHelpers.ParseQuery(Query).TryGetValue(name, out var values) && values.Count > 0 ? values[0] : null;

    /// <summary>The token of <c>Authorization: token X</c>, <c>Bearer X</c> or Basic (user:X); null without one.</summary>
    internal string? Token
    {
        get
        {
            var authorization = Header("Authorization");
            if (string.IsNullOrWhiteSpace(authorization))
            {
                return null;
            }

            var space = authorization.IndexOf(' ', StringComparison.Ordinal);
            if (space < 0)
            {
                return null;
            }

            var scheme = authorization[..space];
            var value = authorization[(space + 1)..].Trim();
            if (scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase))
            {
                try
                {
                    var pair = Encoding.UTF8.GetString(Convert.FromBase64String(value));
                    var colon = pair.IndexOf(':', StringComparison.Ordinal);
                    return colon < 0 ? pair : pair[(colon + 1)..];
                }
                catch (FormatException)
                {
                    return null;
                }
            }

            return scheme.Equals("token", StringComparison.OrdinalIgnoreCase) || scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase) ? value : null;
        }
    }

    /// <summary>Headers hold the token and bodies may hold secrets, so only the request line is printed.</summary>
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append($"At = {At:O}, Method = {Method}, Scheme = {Scheme}, Host = {Host}, Path = {Path}, Query = {Query}, Body = {Body.Length} bytes");
        return true;
    }
}
