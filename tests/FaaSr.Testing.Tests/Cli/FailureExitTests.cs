using System.CommandLine;
using System.Reflection;
using FaaSr.Testing.Cli;
using FaaSr.Testing.Errors;
using FaaSr.Testing.GitHub.Git;
using FaaSr.Testing.Local;
using FaaSr.Testing.Local.Execution;
using FaaSr.Testing.MSTest;
using FaaSr.Testing.Profiles;
using FaaSr.Testing.Storage;
using FaaSr.Testing.Workflows;

namespace FaaSr.Testing.Tests.Cli;

[TestClass]
public sealed class FailureExitTests
{
    public static IEnumerable<object[]> ProductExceptions =>
    [
        [new SettingsException("Missing required variable X."), ExitCodes.BadInput],
        [new InvalidWorkflowException([]), ExitCodes.BadInput],
        [new LocalRunSetupException("No function source."), ExitCodes.BadInput],
        [new BadInputException("A new subsystem's bad input."), ExitCodes.BadInput],
        [new GitUnavailableException("Cannot start git.", new IOException()), ExitCodes.EnvironmentProblem],
        [new ExecutionEnvironmentException("No python3."), ExitCodes.EnvironmentProblem],
        [new LocalS3ServerException("No node."), ExitCodes.EnvironmentProblem],
        [new ObjectStoreException("GetObject", "bucket", "key", 3, "S3 GetObject failed after 3 attempt(s).", null), ExitCodes.EnvironmentProblem],
        [new EnvironmentProblemException("A new subsystem's missing engine."), ExitCodes.EnvironmentProblem],
        [new IOException("Disk full."), ExitCodes.EnvironmentProblem],
        [new UnauthorizedAccessException("Access to the path is denied."), ExitCodes.EnvironmentProblem],
        [new OperationCanceledException(), ExitCodes.Interrupted],
        [new AggregateException(new SettingsException("first"), new IOException("cleanup")), ExitCodes.BadInput],
        [new InvalidOperationException("A bug."), ExitCodes.Unexpected],
        [new NullReferenceException(), ExitCodes.Unexpected],
    ];

    [TestMethod]
    [DynamicData(nameof(ProductExceptions))]
    public void EachCategoryHasItsExitCode(Exception exception, int exitCode) =>
        Assert.AreEqual(exitCode, FailureExit.CodeFor(exception), exception.GetType().Name);

    [TestMethod]
    public void EveryPublicExceptionOfTheProductHasACategory()
    {
        Assembly[] product =
        [
            typeof(BadInputException).Assembly,
            typeof(LocalS3Server).Assembly,
            typeof(WorkflowTester).Assembly,
            typeof(ExitCodes).Assembly,
            typeof(GitUnavailableException).Assembly,
            typeof(FaaSr.Testing.Containers.ProjectLabels).Assembly,
        ];
        var uncategorised = product
            .SelectMany(assembly => assembly.GetExportedTypes())
            .Where(type => typeof(Exception).IsAssignableFrom(type))
            .Where(type => !typeof(BadInputException).IsAssignableFrom(type) && !typeof(EnvironmentProblemException).IsAssignableFrom(type))
            .Select(type => type.FullName)
            .ToList();

        Assert.IsEmpty(uncategorised, $"Derive these from BadInputException or EnvironmentProblemException: {string.Join(", ", uncategorised)}");
    }

    [TestMethod]
    public async Task ACategorisedFailureIsOneLineWithTheVerbAndItsCode()
    {
        var result = await RunAsync(Throwing("boom", new EnvironmentProblemException("the container engine is not reachable at unix:///run/podman.sock")), "boom");

        Assert.AreEqual(ExitCodes.EnvironmentProblem, result.ExitCode);
        Assert.AreEqual("boom: the container engine is not reachable at unix:///run/podman.sock", result.Error.Trim());
    }

    [TestMethod]
    public async Task ANestedVerbIsNamedByAllItsWords()
    {
        // "stacks", not a real verb's name: the real root already has "images".
        var stacks = new Command("stacks") { Throwing("build", new BadInputException("docker/Dockerfile: no FROM line")) };

        var result = await RunAsync(stacks, "stacks", "build");

        Assert.AreEqual(ExitCodes.BadInput, result.ExitCode);
        Assert.AreEqual("stacks build: docker/Dockerfile: no FROM line", result.Error.Trim());
    }

    [TestMethod]
    public async Task AnUnexpectedFailureIsOneLineWithoutAStackTraceAndExitsNonZero()
    {
        var result = await RunAsync(Throwing("boom", new InvalidOperationException("Sequence contains no elements")), "boom");

        Assert.AreEqual(ExitCodes.Unexpected, result.ExitCode);
        var lines = result.Error.Trim().Split('\n');
        Assert.HasCount(1, lines, result.Error);
        StringAssert.StartsWith(lines[0], "boom: unexpected error (InvalidOperationException): Sequence contains no elements");
        StringAssert.Contains(lines[0], "--verbose");
        Assert.DoesNotContain("   at ", result.Error);
    }

    [TestMethod]
    public async Task VerboseAddsTheStackTrace()
    {
        var result = await RunAsync(Throwing("boom", new InvalidOperationException("Sequence contains no elements")), "boom", "--verbose");

        Assert.AreEqual(ExitCodes.Unexpected, result.ExitCode);
        StringAssert.Contains(result.Error, "   at ");
        StringAssert.Contains(result.Error, nameof(ThrowAsync));
    }

    /// <summary>A verb whose action throws <paramref name="exception"/> (from a real stack frame, so it has a trace).</summary>
    private static Command Throwing(string name, Exception exception)
    {
        var command = new Command(name);
        command.SetAction((_, _) => ThrowAsync(exception));
        return command;
    }

    private static async Task<int> ThrowAsync(Exception exception)
    {
        await Task.Yield();
        throw exception;
    }

    private static async Task<(int ExitCode, string Error)> RunAsync(Command verb, params string[] args)
    {
        var root = CliApplication.CreateRoot();
        root.Subcommands.Add(verb);
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await CliApplication.InvokeAsync(root, args, new InvocationConfiguration { Output = output, Error = error });
        return (exitCode, error.ToString());
    }
}
