using System.Globalization;
using Octokit;
using Octokit.Internal;
using Polly;
using Polly.Retry;

namespace FaaSr.Testing.GitHub.Api;

/// <summary>
/// faasr-it's way to GitHub: an Octokit client for <see cref="GitHubApiSettings.ApiUrl"/> with the token, and
/// <see cref="RunAsync{T}"/>, through which every call goes. It waits for a rate limit that resets soon (GitHub's
/// <c>retry-after</c>, or <c>x-ratelimit-remaining: 0</c> with <c>x-ratelimit-reset</c>), tries a 5xx or a request
/// that got no answer again with a doubling delay, and turns what is left into a <see cref="GitHubRequestException"/>
/// (bad input) or a <see cref="GitHubServiceException"/> (GitHub or the network) whose message names the endpoint and
/// GitHub's message, and never the token.
/// </summary>
public sealed class GitHubConnection
{
    /// <summary>GitHub's advice for a secondary rate limit without a retry-after header: wait at least a minute.</summary>
    private static readonly TimeSpan SecondaryLimitWait = TimeSpan.FromMinutes(1);

    private static readonly ResiliencePropertyKey<GitHubEndpoint> EndpointKey = new("faasr-it.github-endpoint");

    private readonly TimeProvider clock;
    private readonly ResiliencePipeline pipeline;
    private readonly Action<string>? report;

    /// <param name="settings">The API root, token and retry limits.</param>
    /// <param name="clock">The clock rate limits are measured on.</param>
    /// <param name="handler">The HTTP handler (a test's own); null: Octokit's default.</param>
    /// <param name="report">Gets one line for each wait before a retry (a rate limit, a 5xx), naming the endpoint.</param>
    public GitHubConnection(
        GitHubApiSettings settings, TimeProvider? clock = null, Func<HttpMessageHandler>? handler = null, Action<string>? report = null)
    {
        Settings = settings;
        this.clock = clock ?? TimeProvider.System;
        this.report = report;
        var connection = new Connection(
            new ProductHeaderValue("faasr-it"), settings.ApiUrl, new InMemoryCredentialStore(new Credentials(settings.Token)),
            new HttpClientAdapter(() => new GitHubApiVersionHandler(handler?.Invoke() ?? HttpMessageHandlerFactory.CreateDefault())),
            new SimpleJsonSerializer());
        Client = new GitHubClient(connection);
        pipeline = new ResiliencePipelineBuilder { TimeProvider = this.clock }
            .AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = settings.ServerErrorRetries + 3,
                ShouldHandle = arguments => ValueTask.FromResult(arguments.Outcome.Exception is { } exception && RetryDelay(exception, arguments.AttemptNumber) is not null),
                DelayGenerator = arguments => ValueTask.FromResult(arguments.Outcome.Exception is { } exception ? RetryDelay(exception, arguments.AttemptNumber) : null),
                OnRetry = arguments =>
                {
                    if (this.report is { } say && arguments.Outcome.Exception is { } exception
                        && arguments.Context.Properties.TryGetValue(EndpointKey, out var endpoint))
                    {
                        say(Redact(RetryLine(exception, endpoint, arguments.RetryDelay, arguments.AttemptNumber)));
                    }

                    return ValueTask.CompletedTask;
                },
            })
            .Build();
    }

    public GitHubApiSettings Settings { get; }

    /// <summary>The Octokit client; call it through <see cref="RunAsync{T}"/>.</summary>
    public IGitHubClient Client { get; }

    /// <summary>
    /// Runs <paramref name="call"/> (an Octokit call to <paramref name="endpoint"/>), retrying as the class says.
    /// Octokit takes no cancellation token, so a cancelled wait abandons the call.
    /// </summary>
    public async Task<T> RunAsync<T>(GitHubEndpoint endpoint, Func<IGitHubClient, Task<T>> call, CancellationToken cancellationToken)
    {
        var attempts = 0;
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(EndpointKey, endpoint);
        try
        {
            return await pipeline.ExecuteAsync(
                async (resilience, _) =>
                {
                    attempts++;
                    return await call(Client).WaitAsync(resilience.CancellationToken);
                },
                context,
                0);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested && Describe(exception, endpoint, attempts) is { } described)
        {
            throw described;
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    /// <inheritdoc cref="RunAsync{T}"/>
    public Task RunAsync(GitHubEndpoint endpoint, Func<IGitHubClient, Task> call, CancellationToken cancellationToken) =>
        RunAsync(endpoint, async client =>
        {
            await call(client);
            return true;
        }, cancellationToken);

    /// <summary>How long to wait before trying again after <paramref name="exception"/>, or null not to.</summary>
    private TimeSpan? RetryDelay(Exception exception, int attempt)
    {
        if (exception is ApiException api)
        {
            if (RateLimitWait(api) is { } wait)
            {
                return wait <= Settings.MaxRateLimitWait && attempt < Settings.ServerErrorRetries + 3 ? wait : null;
            }

            return (int)api.StatusCode >= 500 ? ServerErrorDelay(attempt) : null;
        }

        return NoAnswer(exception) ? ServerErrorDelay(attempt) : null;
    }

    private TimeSpan? ServerErrorDelay(int attempt) =>
        attempt < Settings.ServerErrorRetries ? Settings.ServerErrorDelay * Math.Pow(2, attempt) : null;

    /// <summary>For a rate-limited answer (403 or 429 with GitHub's headers or message): how long until it lifts.</summary>
    private TimeSpan? RateLimitWait(ApiException api)
    {
        var status = (int)api.StatusCode;
        if (status != 403 && status != 429)
        {
            return null;
        }

        if (Header(api, "retry-after") is { } retryAfter && int.TryParse(retryAfter, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return TimeSpan.FromSeconds(seconds);
        }

        if (ResetTime(api) is { } reset && Header(api, "x-ratelimit-remaining") == "0")
        {
            var wait = reset - clock.GetUtcNow() + TimeSpan.FromSeconds(1);
            return wait > TimeSpan.Zero ? wait : TimeSpan.FromSeconds(1);
        }

        return status == 429 || api is SecondaryRateLimitExceededException || api.Message.Contains("secondary rate limit", StringComparison.OrdinalIgnoreCase)
            ? SecondaryLimitWait
            : null;
    }

    /// <summary>
    /// "GitHub: GET https://.../actions/runs: rate limit (403 ...); waiting 42 s, until 10:31:07 UTC, then trying again."
    /// </summary>
    private string RetryLine(Exception exception, GitHubEndpoint endpoint, TimeSpan delay, int attempt)
    {
        var at = endpoint.At(Settings.ApiUrl);
        var until = (clock.GetUtcNow() + delay).ToString("HH:mm:ss", CultureInfo.InvariantCulture);
        var next = $"trying again in {Minutes(delay)} (attempt {attempt + 2} of {Settings.ServerErrorRetries + 1}).";
        return exception is ApiException api && RateLimitWait(api) is not null
            ? $"GitHub: {at}: rate limit ({(int)api.StatusCode} {GitHubSaid(api)}); "
                + $"waiting {Minutes(delay)}, until {until} UTC, then trying again."
            : exception is ApiException failed
                ? $"GitHub: {at}: answered {(int)failed.StatusCode} {GitHubSaid(failed)}; {next}"
                : $"GitHub: {at}: no answer ({exception.Message}); {next}";
    }

    private Exception? Describe(Exception exception, GitHubEndpoint endpoint, int attempts)
    {
        var at = endpoint.At(Settings.ApiUrl);
        var tries = attempts > 1 ? $" (after {attempts} attempts)" : string.Empty;
        if (exception is ApiException api)
        {
            var status = (int)api.StatusCode;
            var said = Redact(GitHubSaid(api));
            if (RateLimitWait(api) is { } wait)
            {
                var resetsAt = clock.GetUtcNow() + wait;
                return new GitHubServiceException(
                    $"{at}: GitHub's rate limit is exhausted ({status} {said}){tries}; it lifts at {resetsAt:HH:mm:ss} UTC, in {Minutes(wait)}, " +
                    $"later than faasr-it waits ({Minutes(Settings.MaxRateLimitWait)}). Try again then, or with another token.",
                    status, endpoint, exception)
                { RateLimitResetsAt = resetsAt };
            }

            var hint = status switch
            {
                401 => $"GitHub does not accept the token in {Settings.TokenVariable}: it is wrong, expired or revoked.",
                403 => $"The token in {Settings.TokenVariable} may not do this: a classic token needs the repo and workflow scopes, a fine-grained one access to the repository with the permission this endpoint needs.",
                404 => $"The repository or path does not exist, or the token in {Settings.TokenVariable} cannot see it (GitHub answers 404 for a private repository a token has no access to).",
                409 or 422 => "GitHub refused the request's data.",
                >= 500 => "GitHub failed to answer; try again later (https://www.githubstatus.com).",
                _ => "GitHub refused the request.",
            };
            var message = $"{at}: GitHub answered {status} {said.TrimEnd('.')}{tries}. {hint}";
            return status >= 500 ? new GitHubServiceException(message, status, endpoint, exception) : new GitHubRequestException(message, status, endpoint);
        }

        return NoAnswer(exception)
            ? new GitHubServiceException($"{at}: no answer from GitHub{tries}: {Redact(exception.Message)}", null, endpoint, exception)
            : null;
    }

    /// <summary>GitHub's message, plus the field errors of a 422 ("Invalid request; key_id: missing").</summary>
    private static string GitHubSaid(ApiException api)
    {
        var message = string.IsNullOrWhiteSpace(api.ApiError?.Message) ? api.Message : api.ApiError.Message;
        var details = api.ApiError?.Errors?.Select(e => string.Join(": ", new[] { e.Field, e.Message ?? e.Code }.Where(p => !string.IsNullOrEmpty(p)))).Where(d => d.Length > 0).ToList();
        return details is { Count: > 0 } ? $"{message} ({string.Join("; ", details)})" : message;
    }

    private string Redact(string text) => Settings.Token.Length == 0 ? text : text.Replace(Settings.Token, "***", StringComparison.Ordinal);

    private static bool NoAnswer(Exception exception) => exception is HttpRequestException or TimeoutException or TaskCanceledException;

    private static DateTimeOffset? ResetTime(ApiException api) =>
        Header(api, "x-ratelimit-reset") is { } reset && long.TryParse(reset, NumberStyles.None, CultureInfo.InvariantCulture, out var epoch)
            ? DateTimeOffset.FromUnixTimeSeconds(epoch)
            : null;

    private static string? Header(ApiException api, string name) =>
        api.HttpResponse?.Headers?.FirstOrDefault(h => h.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Value;

    private static string Minutes(TimeSpan wait) =>
        wait < TimeSpan.FromMinutes(2) ? $"{Math.Ceiling(wait.TotalSeconds):0} s" : $"{Math.Ceiling(wait.TotalMinutes):0} min";
}
