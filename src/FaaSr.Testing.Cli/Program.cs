using FaaSr.Testing.Cli;

return await CliApplication.InvokeAsync(args);
