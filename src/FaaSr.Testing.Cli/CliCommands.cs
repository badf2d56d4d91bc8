using System.CommandLine;

namespace FaaSr.Testing.Cli;

/// <summary>Every verb of faasr-it, one file each.</summary>
internal static class CliCommands
{
    public static IEnumerable<Command> All()
    {
        yield return ValidateCommand.Create();
        yield return RunCommand.Create();
        yield return MonitorCommand.Create();
        yield return WatchCommand.Create();
        yield return ReportCommand.Create();
        yield return ImagesCommand.Create();
        yield return SecretsCommand.Create();
        yield return SubtreeCommand.Create();
        yield return RegisterCommand.Create();
    }
}
