using System.Text;

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

    /// <summary>Written in the file only by payloads that carry credentials; usually injected from the environment.</summary>
    public string? AccessKey { get; init; }

    public string? SecretKey { get; init; }

    /// <summary>The keys are never printed.</summary>
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append($"Name = {Name}, Bucket = {Bucket}, Endpoint = {Endpoint}, Region = {Region}, Writable = {Writable}, " +
            $"Anonymous = {Anonymous}");
        return true;
    }
}
