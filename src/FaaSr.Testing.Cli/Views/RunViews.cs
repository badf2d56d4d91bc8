using Spectre.Console;

namespace FaaSr.Testing.Cli.Views;

/// <summary>Chooses between the live table (an interactive terminal) and plain lines (redirected output, NO_COLOR, CI).</summary>
internal static class RunViews
{
    /// <param name="forcePlain">--plain was given.</param>
    /// <param name="output">Where plain lines go; the live table needs it to be the console's own output.</param>
    public static IRunView Create(bool forcePlain, TextWriter output)
    {
        var console = AnsiConsole.Console;
        var live = !forcePlain
            && ReferenceEquals(output, Console.Out)
            && !Console.IsOutputRedirected
            && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"))
            && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI"))
            && console.Profile.Capabilities.Interactive
            && console.Profile.Capabilities.Ansi;
        return live ? new LiveRunView(console) : new PlainRunView(output);
    }
}
