using System.CommandLine;

namespace FaaSr.Testing.Cli;

/// <summary>
/// The faasr-it command line: every verb under one root, bad arguments answered by exit code 2, and every exception a
/// verb lets escape turned into its category's exit code and one line by <see cref="FailureExit"/>.
/// </summary>
internal static class CliApplication
{
    /// <summary>
    /// How long a verb may take to stop what it started after Ctrl-C or SIGTERM (its cancellation token fires at once)
    /// before the process exits anyway. Without it the first Ctrl-C would end the process on the spot, leaving
    /// children and temporary files behind.
    /// </summary>
    public static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Every verb takes it: stack traces with failures (also <see cref="FailureExit.VerboseVariable"/>).</summary>
    private const string VerboseOption = "--verbose";

    public static RootCommand CreateRoot()
    {
        var root = new RootCommand("faasr-it: validate, run and watch FaaSr workflows end to end.")
        {
            new Option<bool>(VerboseOption)
            {
                Description = $"Show the stack trace of a failure (also {FailureExit.VerboseVariable}=1).",
                Recursive = true,
            },
        };
        foreach (var command in CliCommands.All())
        {
            root.Subcommands.Add(command);
        }

        return root;
    }

    public static Task<int> InvokeAsync(string[] args, InvocationConfiguration? configuration = null) =>
        InvokeAsync(CreateRoot(), args, configuration);

    /// <summary>Parses and runs <paramref name="args"/> against <paramref name="root"/> (the real root, or a test's).</summary>
    internal static async Task<int> InvokeAsync(RootCommand root, string[] args, InvocationConfiguration? configuration = null)
    {
        configuration ??= new InvocationConfiguration { ProcessTerminationTimeout = StopTimeout };

        // Failures are reported by FailureExit, not by the parser's handler (which prints the stack trace).
        configuration.EnableDefaultExceptionHandler = false;
        var parseResult = root.Parse(args);
        if (parseResult.Errors.Count > 0 && !IsHelpRequest(args))
        {
            foreach (var error in parseResult.Errors)
            {
                await configuration.Error.WriteLineAsync(error.Message);
            }

            await configuration.Error.WriteLineAsync("Run 'faasr-it --help' (or 'faasr-it VERB --help') for usage.");
            return ExitCodes.BadInput;
        }

        try
        {
            return await parseResult.InvokeAsync(configuration);
        }
        catch (Exception exception)
        {
            var verbose = parseResult.GetValue<bool>(VerboseOption) || FailureExit.VerboseFromEnvironment();
            await configuration.Error.WriteLineAsync(FailureExit.Describe(exception, VerbOf(parseResult), verbose));
            return FailureExit.CodeFor(exception);
        }
    }

    /// <summary>"run", "images build": the verb's words after the program name.</summary>
    private static string VerbOf(ParseResult parseResult)
    {
        var words = new List<string>();
        for (var result = parseResult.CommandResult; result.Parent is System.CommandLine.Parsing.CommandResult parent; result = parent)
        {
            words.Insert(0, result.Command.Name);
        }

        return words.Count == 0 ? "faasr-it" : string.Join(' ', words);
    }

    private static bool IsHelpRequest(string[] args) => args.Any(a => a is "--help" or "-h" or "-?");
}
