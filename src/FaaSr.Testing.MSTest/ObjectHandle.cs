using System.Text;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace FaaSr.Testing.MSTest;

/// <summary>
/// One user object of a watched run, {UserDataFolder}/{InvocationID}/{name} in the DefaultDataStore, bound to the
/// cancellation of the test that asked for it. Assert on it with <c>Expect(...)</c>; a test project's own assertion
/// retries with <see cref="PollUntilAsync{T}"/> and fails with <see cref="Failure"/>.
/// </summary>
public sealed class ObjectHandle
{
    private readonly WorkflowTester tester;

    internal ObjectHandle(WorkflowTester tester, string name, CancellationToken cancellationToken)
    {
        this.tester = tester;
        Key = tester.KeyOf(name);
        Name = name;
        CancellationToken = cancellationToken;
    }

    /// <summary>The name relative to the invocation's user data: "rank_files/rank3.txt".</summary>
    public string Name { get; }

    /// <summary>The whole key: {UserDataFolder}/{InvocationID}/{name}.</summary>
    public string Key { get; }

    /// <summary>The DefaultDataStore's bucket.</summary>
    public string Bucket => tester.UserData.Store.Bucket;

    public CancellationToken CancellationToken { get; }

    public Task<bool> ExistsAsync() => tester.UserData.ExistsAsync(Name, CancellationToken);

    /// <summary>The object's bytes (through pre-signed URLs when configured), or null when it does not exist.</summary>
    public Task<byte[]?> ReadAsync() => tester.UserData.DownloadAsync(Name, CancellationToken);

    /// <summary>The object's UTF-8 text, or null when it does not exist.</summary>
    public async Task<string?> ReadTextAsync() => await ReadAsync() is { } bytes ? Encoding.UTF8.GetString(bytes) : null;

    public Task UploadAsync(byte[] content) => tester.UserData.UploadAsync(Name, content, CancellationToken);

    public Task UploadTextAsync(string text) => UploadAsync(Encoding.UTF8.GetBytes(text));

    /// <summary>
    /// Looks with <paramref name="probe"/> until <paramref name="holds"/> is true of what it saw, the run has ended
    /// (then one last look), or <see cref="WorkflowTesterOptions.WaitTimeout"/> passed; returns what it saw last.
    /// Objects are written while functions run, so an object assertion holds as soon as it can and fails only once the
    /// run cannot change it any more.
    /// </summary>
    public Task<T> PollUntilAsync<T>(Func<ObjectHandle, Task<T>> probe, Func<T, bool> holds) =>
        tester.PollUntilAsync(() => probe(this), holds, CancellationToken);

    /// <summary>"3 object(s) under folder/id/: a.txt, b.txt, c.txt", or "no objects under folder/id/".</summary>
    public Task<string> DescribeUserDataAsync() => tester.DescribeUserDataAsync(CancellationToken);

    /// <summary>
    /// The failure of an assertion on this object: <paramref name="headline"/>, what was expected, what was found,
    /// the last log lines of the function the test last waited for and where the run stands, secrets masked. Throw it.
    /// </summary>
    public AssertFailedException Failure(string headline, string expected, string found) =>
        tester.Fail(headline, expected, found, tester.LastFunction);

    /// <summary>A quoted, escaped, shortened and secret-masked rendering of <paramref name="text"/> for a failure message.</summary>
    public string Quote(string text) => tester.Report.Quote(text);

    public override string ToString() => Name;
}
