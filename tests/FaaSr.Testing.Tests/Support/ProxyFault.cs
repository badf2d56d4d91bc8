namespace FaaSr.Testing.Tests.Support;

/// <summary>What <see cref="FaultInjectingProxy"/> does to one request instead of forwarding it.</summary>
public enum ProxyFault
{
    /// <summary>Answers 503 with S3's SlowDown error.</summary>
    SlowDown,

    /// <summary>Answers 500 with S3's InternalError error.</summary>
    InternalError,

    /// <summary>Resets the TCP connection (RST) without answering.</summary>
    ResetConnection,

    /// <summary>Reads the request and never answers, so the client times out.</summary>
    NoAnswer,

    /// <summary>Forwards, but answers with an ETag that is not hex, as s3rver does when a read overlaps a rewrite.</summary>
    TornETag,

    /// <summary>Forwards, but answers with the ETag of other content, as s3rver does when a read overlaps a rewrite.</summary>
    StaleETag,
}
