namespace FaaSr.Testing.Storage.Faults;

/// <summary>What <see cref="FaultInjectingProxy"/> does to one request instead of forwarding it faithfully.</summary>
public enum ProxyFault
{
    /// <summary>Answers 503 with S3's SlowDown error.</summary>
    SlowDown,

    /// <summary>Answers 500 with S3's InternalError error.</summary>
    InternalError,

    /// <summary>Resets the TCP connection (RST) without answering, before the request reaches the server.</summary>
    ResetConnection,

    /// <summary>Forwards the request (so the server acts on it), then resets the connection instead of answering.</summary>
    ResetAfterForwarding,

    /// <summary>Forwards, then sends the answer's head and only part of its body before resetting the connection.</summary>
    TruncatedBody,

    /// <summary>Reads the request and never answers, so the client times out.</summary>
    NoAnswer,

    /// <summary>Forwards, but answers with an ETag that is not hex, as s3rver does when a read overlaps a rewrite.</summary>
    TornETag,

    /// <summary>Forwards, but answers with the ETag of other content, as s3rver does when a read overlaps a rewrite.</summary>
    StaleETag,
}
