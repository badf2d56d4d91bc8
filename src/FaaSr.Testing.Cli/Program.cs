using System.CommandLine;
using FaaSr.Testing.Cli;

var root = new RootCommand("faasr-it: validate, run and watch FaaSr workflows end to end.");
foreach (var command in CliCommands.All())
{
    root.Subcommands.Add(command);
}

return await root.Parse(args).InvokeAsync();
