using System.Diagnostics;
using System.Net;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Polly;
using Polly.Retry;

namespace FaaSr.Testing.Storage;

/// <summary>
/// One bucket of an S3-compatible store over AWSSDK.S3. Transient faults are retried with exponential backoff;
/// "absent" is answered only on a real 404 for the object; anything else throws <see cref="ObjectStoreException"/>.
/// </summary>
public sealed class S3ObjectStore : IObjectStore, IDisposable
{
    private static readonly ResiliencePropertyKey<long> FirstAttemptKey = new("faasr-it.first-attempt");
    private readonly S3Connection connection;
    private readonly S3ObjectStoreOptions options;
    private readonly AmazonS3Client client;
    private readonly ResiliencePipeline retryPipeline;

    public S3ObjectStore(S3Connection connection, string bucket)
        : this(connection, bucket, new S3ObjectStoreOptions())
    {
    }

    public S3ObjectStore(S3Connection connection, string bucket, S3ObjectStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentException.ThrowIfNullOrWhiteSpace(bucket);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (ObjectKeyRules.UnsafeBucketProblem(bucket) is { } bucketProblem)
        {
            throw new InvalidObjectKeyException(bucket, bucketProblem);
        }

        this.connection = connection;
        this.options = options;
        Bucket = bucket;
        client = S3ClientFactory.Create(connection, options.RequestTimeout);
        retryPipeline = BuildRetryPipeline(options.Retry);
    }

    public string Bucket { get; }

    public S3Connection Connection => connection;

    public async IAsyncEnumerable<StoredObject> ListAsync(
        string prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        ObjectKeyRules.RequirePrefix(prefix);
        string? continuationToken = null;
        do
        {
            var request = new ListObjectsV2Request
            {
                BucketName = Bucket,
                Prefix = prefix,
                MaxKeys = options.ListPageSize,
                ContinuationToken = continuationToken,
            };
            var page = await RunAsync(
                $"ListObjectsV2 (prefix '{prefix}')", null, token => client.ListObjectsV2Async(request, token), cancellationToken)
                .ConfigureAwait(false);

            foreach (var item in page.S3Objects ?? [])
            {
                yield return new StoredObject(
                    item.Key,
                    item.Size ?? 0,
                    item.LastModified is { } modified ? new DateTimeOffset(modified.ToUniversalTime()) : DateTimeOffset.MinValue,
                    item.ETag);
            }

            continuationToken = page.IsTruncated == true ? page.NextContinuationToken : null;
            if (page.IsTruncated == true && string.IsNullOrEmpty(continuationToken))
            {
                throw Failure(
                    $"ListObjectsV2 (prefix '{prefix}')", null, 1,
                    "the server said the listing is truncated but gave no continuation token", null);
            }
        }
        while (continuationToken is not null);
    }

    public Task<bool> ExistsAsync(string key, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ObjectKeyRules.RequireKey(key);
        return RunAsync(
            "HeadObject",
            key,
            async token =>
            {
                try
                {
                    await client.GetObjectMetadataAsync(Bucket, key, token).ConfigureAwait(false);
                    return true;
                }
                catch (AmazonS3Exception exception) when (S3Faults.IsObjectNotFound(exception))
                {
                    return false;
                }
            },
            cancellationToken);
    }

    public Task<byte[]?> GetAsync(string key, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ObjectKeyRules.RequireKey(key);
        return RunAsync(
            "GetObject",
            key,
            async token =>
            {
                try
                {
                    using var response = await client.GetObjectAsync(Bucket, key, token).ConfigureAwait(false);
                    return (byte[]?)await ReadBodyAsync(response, token).ConfigureAwait(false);
                }
                catch (AmazonS3Exception exception) when (S3Faults.IsObjectNotFound(exception))
                {
                    return null;
                }
            },
            cancellationToken);
    }

    public Task<byte[]?> GetFromAsync(string key, long offset, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ObjectKeyRules.RequireKey(key);
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        if (offset == 0)
        {
            // A whole-object GET: "bytes=0-" is unsatisfiable on an empty object.
            return GetAsync(key, cancellationToken);
        }

        return RunAsync(
            $"GetObject (bytes={offset}-)",
            key,
            async token =>
            {
                var request = new GetObjectRequest { BucketName = Bucket, Key = key, ByteRange = new ByteRange($"bytes={offset}-") };
                try
                {
                    using var response = await client.GetObjectAsync(request, token).ConfigureAwait(false);
                    var body = await ReadBodyAsync(response, token).ConfigureAwait(false);
                    if (response.HttpStatusCode == HttpStatusCode.PartialContent)
                    {
                        return (byte[]?)body;
                    }

                    // The server ignored the range and sent the whole object.
                    return offset >= body.Length ? [] : body[(int)offset..];
                }
                catch (AmazonS3Exception exception) when (S3Faults.IsObjectNotFound(exception))
                {
                    return null;
                }
                catch (AmazonS3Exception exception) when (S3Faults.IsRangeNotSatisfiable(exception))
                {
                    // The object exists (a missing one answers 404) and has no bytes at or after the offset.
                    return [];
                }
            },
            cancellationToken);
    }

    public Task PutAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ObjectKeyRules.RequireKey(key);
        var bytes = MemoryMarshal.TryGetArray(content, out var segment) ? segment : new ArraySegment<byte>(content.ToArray());
        return RunAsync(
            "PutObject",
            key,
            async token =>
            {
                using var body = new MemoryStream(bytes.Array!, bytes.Offset, bytes.Count, writable: false);
                var request = new PutObjectRequest
                {
                    BucketName = Bucket,
                    Key = key,
                    InputStream = body,
                    AutoCloseStream = false,

                    // S3 clones such as s3rver store aws-chunked framing as content.
                    UseChunkEncoding = connection.IsAws,
                };
                await client.PutObjectAsync(request, token).ConfigureAwait(false);
                return true;
            },
            cancellationToken);
    }

    public Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ObjectKeyRules.RequireKey(key);
        return RunAsync(
            "DeleteObject",
            key,
            async token =>
            {
                try
                {
                    await client.DeleteObjectAsync(Bucket, key, token).ConfigureAwait(false);
                }
                catch (AmazonS3Exception exception) when (S3Faults.IsObjectNotFound(exception))
                {
                    // Already gone: deleting is idempotent.
                }

                return true;
            },
            cancellationToken);
    }

    public Task EnsureBucketAsync(CancellationToken cancellationToken) =>
        RunAsync(
            "CreateBucket",
            null,
            async token =>
            {
                var request = new PutBucketRequest { BucketName = Bucket };
                if (connection.IsAws && connection.Region != S3Connection.DefaultRegion)
                {
                    request.BucketRegionName = connection.Region;
                }

                try
                {
                    await client.PutBucketAsync(request, token).ConfigureAwait(false);
                }
                catch (AmazonS3Exception exception) when (S3Faults.IsBucketAlreadyThere(exception))
                {
                    // Someone created it first (s3rver answers BucketAlreadyExists even to its owner):
                    // it will do if we can reach it.
                    await client.HeadBucketAsync(new HeadBucketRequest { BucketName = Bucket }, token).ConfigureAwait(false);
                }

                return true;
            },
            cancellationToken);

    public Uri PresignGet(string key, TimeSpan validFor) => Presign(key, validFor, HttpVerb.GET);

    public Uri PresignPut(string key, TimeSpan validFor) => Presign(key, validFor, HttpVerb.PUT);

    public void Dispose() => client.Dispose();

    public override string ToString() => $"S3ObjectStore {{ Bucket = {Bucket}, Connection = {connection} }}";

    private Uri Presign(string key, TimeSpan validFor, HttpVerb verb)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ObjectKeyRules.RequireKey(key);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(validFor, TimeSpan.Zero);
        if (connection.IsAnonymous)
        {
            // Nothing to sign with (and the SDK cannot presign anonymously): a public bucket needs no signature.
            return UnsignedObjectUrl(key);
        }

        var request = new GetPreSignedUrlRequest
        {
            BucketName = Bucket,
            Key = key,
            Verb = verb,
            Expires = DateTime.UtcNow + validFor,
            Protocol = connection.ServiceUrl?.Scheme == Uri.UriSchemeHttp ? Protocol.HTTP : Protocol.HTTPS,
        };
        try
        {
            return new Uri(client.GetPreSignedURL(request));
        }
        catch (Exception exception) when (exception is AmazonClientException or ArgumentException or UriFormatException)
        {
            throw Failure($"Presign{verb}", key, 1, exception.Message, exception);
        }
    }

    private Uri UnsignedObjectUrl(string key)
    {
        var escapedKey = string.Join('/', key.Split('/').Select(Uri.EscapeDataString));
        return connection.ServiceUrl is { } serviceUrl
            ? new Uri($"{serviceUrl.GetLeftPart(UriPartial.Authority)}{serviceUrl.AbsolutePath.TrimEnd('/')}/" +
                $"{Uri.EscapeDataString(Bucket)}/{escapedKey}")
            : new Uri($"https://{Bucket}.s3.{connection.Region}.amazonaws.com/{escapedKey}");
    }

    private static async Task<byte[]> ReadBodyAsync(GetObjectResponse response, CancellationToken cancellationToken)
    {
        var buffer = response.ContentLength > 0 ? new MemoryStream((int)response.ContentLength) : new MemoryStream();
        await using (buffer.ConfigureAwait(false))
        {
            await response.ResponseStream.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
            if (response.ContentLength >= 0 && buffer.Length != response.ContentLength)
            {
                throw new IOException(
                    $"The response body ended after {buffer.Length} of {response.ContentLength} bytes.");
            }

            return buffer.ToArray();
        }
    }

    private static ResiliencePipeline BuildRetryPipeline(RetrySettings retry)
    {
        if (retry.MaxAttempts == 1)
        {
            return ResiliencePipeline.Empty;
        }

        return new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = retry.MaxAttempts - 1,
                Delay = retry.BaseDelay,
                MaxDelay = retry.MaxDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = retry.UseJitter,
                ShouldHandle = arguments => ValueTask.FromResult(
                    arguments.Outcome.Exception is { } exception
                    && S3Faults.IsTransient(exception, arguments.Context.CancellationToken)
                    && WithinBudget(retry, exception, arguments.Context)),
            })
            .Build();
    }

    private static bool WithinBudget(RetrySettings retry, Exception exception, ResilienceContext context)
    {
        var budget = S3Faults.IsConnectionRefused(exception) ? retry.UnreachableBudget ?? retry.Budget : retry.Budget;
        return budget is not { } limit
            || !context.Properties.TryGetValue(FirstAttemptKey, out var started)
            || Stopwatch.GetElapsedTime(started) < limit;
    }

    private async Task<T> RunAsync<T>(
        string operation, string? key, Func<CancellationToken, Task<T>> attempt, CancellationToken cancellationToken)
    {
        var attempts = 0;
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(FirstAttemptKey, Stopwatch.GetTimestamp());
        try
        {
            return await retryPipeline.ExecuteAsync(
                async (resilience, _) =>
                {
                    Interlocked.Increment(ref attempts);
                    return await attempt(resilience.CancellationToken).ConfigureAwait(false);
                },
                context,
                0).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception exception) when (exception is not ObjectStoreException)
        {
            throw Failure(operation, key, attempts, Describe(exception), exception);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private ObjectStoreException Failure(string operation, string? key, int attempts, string reason, Exception? inner)
    {
        var subject = key is null ? string.Empty : $" of key '{key}'";
        var message = connection.Redact(
            $"S3 {operation}{subject} in bucket '{Bucket}' at {connection.Describe()} failed " +
            $"after {attempts} attempt(s): {reason}");
        return new ObjectStoreException(operation, Bucket, key, attempts, message, inner);
    }

    private static string Describe(Exception exception) => exception switch
    {
        AmazonServiceException service when service.StatusCode != 0 =>
            $"HTTP {(int)service.StatusCode} {service.ErrorCode}: {service.Message}",
        _ => $"{exception.GetType().Name}: {FlattenMessages(exception)}",
    };

    private static string FlattenMessages(Exception exception)
    {
        var messages = new List<string>();
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (!messages.Contains(current.Message))
            {
                messages.Add(current.Message);
            }
        }

        return string.Join(" -> ", messages);
    }
}
