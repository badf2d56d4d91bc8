using System.CommandLine;
using FaaSr.Testing.Cli;

namespace FaaSr.Testing.Tests.Support;

/// <summary>faasr-it's commands run in this process, their output captured.</summary>
internal static class InProcessCli
{
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await CliApplication.InvokeAsync(args, new InvocationConfiguration { Output = output, Error = error });
        return (exitCode, output.ToString(), error.ToString());
    }
}
