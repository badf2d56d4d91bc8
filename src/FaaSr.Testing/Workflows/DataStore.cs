namespace FaaSr.Testing.Workflows;

public sealed record DataStore
{
    public required string Name { get; init; }

    public required string Bucket { get; init; }

    /// <summary>Null or empty means AWS.</summary>
    public string? Endpoint { get; init; }

    /// <summary>Empty becomes us-east-1, as FaaSr does.</summary>
    public string Region { get; init; } = "us-east-1";

    public bool Writable { get; init; } = true;

    public bool Anonymous { get; init; }
}
