using System.Net;
using System.Net.Sockets;
using Amazon.Runtime;

namespace FaaSr.Testing.Storage;

/// <summary>Sorts S3 failures into "absent", "transient, worth another attempt" and "fatal".</summary>
internal static class S3Faults
{
    private static readonly HashSet<string> TransientErrorCodes = new(StringComparer.Ordinal)
    {
        "SlowDown", "RequestTimeout", "InternalError", "ServiceUnavailable", "Throttling", "ThrottlingException",
        "RequestTimeoutException", "OperationAborted",
    };

    /// <summary>A 404 about the object itself (not about a missing bucket): the object is absent.</summary>
    public static bool IsObjectNotFound(Exception exception) =>
        exception is AmazonServiceException { StatusCode: HttpStatusCode.NotFound } service
        && !string.Equals(service.ErrorCode, "NoSuchBucket", StringComparison.Ordinal);

    public static bool IsRangeNotSatisfiable(Exception exception) =>
        exception is AmazonServiceException service
        && (service.StatusCode == HttpStatusCode.RequestedRangeNotSatisfiable
            || string.Equals(service.ErrorCode, "InvalidRange", StringComparison.Ordinal));

    public static bool IsBucketAlreadyThere(Exception exception) =>
        exception is AmazonServiceException service
        && (string.Equals(service.ErrorCode, "BucketAlreadyOwnedByYou", StringComparison.Ordinal)
            || string.Equals(service.ErrorCode, "BucketAlreadyExists", StringComparison.Ordinal));

    /// <summary>
    /// Timeouts, 5xx, 429, throttling codes, broken connections, answers whose body cannot be parsed, and reads whose
    /// body and ETag disagree (a read that overlapped a rewrite of the object: s3rver writes content and metadata
    /// separately); never a cancellation the caller asked for.
    /// </summary>
    public static bool IsTransient(Exception exception, CancellationToken callerToken)
    {
        if (callerToken.IsCancellationRequested)
        {
            return false;
        }

        for (var current = exception; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case AmazonServiceException service when IsTransientService(service):
                // The answer's body could not be read whole (a truncated error body of a 404 is not yet "absent").
                case AmazonUnmarshallingException:
                case HttpRequestException:
                case IOException:
                case SocketException:
                case TimeoutException:
                case OperationCanceledException:
                case AmazonClientException when IsChecksumMismatch(current):
                case ArgumentOutOfRangeException { ParamName: "hex" }:
                    return true;
            }
        }

        return false;
    }

    /// <summary>Nothing listens at the endpoint (the server is stopped, or restarting).</summary>
    public static bool IsConnectionRefused(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is SocketException { SocketErrorCode: SocketError.ConnectionRefused })
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsChecksumMismatch(Exception exception) =>
        exception.Message.Contains("Expected hash not equal to calculated hash", StringComparison.Ordinal);

    private static bool IsTransientService(AmazonServiceException service)
    {
        var status = (int)service.StatusCode;
        return status >= 500
            || service.StatusCode == HttpStatusCode.TooManyRequests
            || service.StatusCode == HttpStatusCode.RequestTimeout
            || (service.ErrorCode is { } code && TransientErrorCodes.Contains(code));
    }
}
