using System.CommandLine;

namespace FaaSr.Testing.Cli;

/// <summary>The faasr-it command line: every verb under one root, with bad arguments answered by exit code 2.</summary>
internal static class CliApplication
{
    /// <summary>
    /// How long a verb may take to stop what it started after Ctrl-C or SIGTERM (its cancellation token fires at once)
    /// before the process exits anyway. Without it the first Ctrl-C would end the process on the spot, leaving
    /// children and temporary files behind.
    /// </summary>
    public static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(30);

    public static RootCommand CreateRoot()
    {
        var root = new RootCommand("faasr-it: validate, run and watch FaaSr workflows end to end.");
        foreach (var command in CliCommands.All())
        {
            root.Subcommands.Add(command);
        }

        return root;
    }

    public static async Task<int> InvokeAsync(string[] args, InvocationConfiguration? configuration = null)
    {
        configuration ??= new InvocationConfiguration { ProcessTerminationTimeout = StopTimeout };
        var parseResult = CreateRoot().Parse(args);
        if (parseResult.Errors.Count > 0 && !IsHelpRequest(args))
        {
            foreach (var error in parseResult.Errors)
            {
                await configuration.Error.WriteLineAsync(error.Message);
            }

            await configuration.Error.WriteLineAsync("Run 'faasr-it --help' (or 'faasr-it VERB --help') for usage.");
            return ExitCodes.BadInput;
        }

        return await parseResult.InvokeAsync(configuration);
    }

    private static bool IsHelpRequest(string[] args) => args.Any(a => a is "--help" or "-h" or "-?");
}
