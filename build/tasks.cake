// Helpers that keep task bodies to one line: each turns the context into one call.
public static DotNetBuildSettings BuildSettings(this BuildContext data) => new()
{
    Configuration = data.Configuration,
};

public static DotNetTestSettings TestSettings(this BuildContext data, string resultsName) => new()
{
    Configuration = data.Configuration,
    NoBuild = true,
    NoRestore = true,
    ResultsDirectory = data.TestResults,
    Filter = string.IsNullOrEmpty(data.TestFilter) ? null : data.TestFilter,
    Loggers = [$"trx;LogFileName={resultsName}.trx", "console;verbosity=normal"],
};

public static ProcessArgumentBuilder ValidateArguments(this BuildContext data, ICakeContext context) =>
    new ProcessArgumentBuilder().Append("validate").Append(string.Join(" ", context.GetFiles($"{data.Workflows}/*.json").Select(f => f.FullPath.Quote())));

public static void NpmCi(this ICakeContext context, BuildContext data)
{
    var exit = context.StartProcess("npm", new ProcessSettings { Arguments = "ci --no-audit --no-fund", WorkingDirectory = data.Root });
    if (exit != 0) throw new CakeException(exit, $"npm ci failed in {data.Root} (exit {exit}).");
}

public static bool NodeModulesAreCurrent(this ICakeContext context, BuildContext data) =>
    context.FileExists(data.NodeModulesMarker)
    && System.IO.File.GetLastWriteTimeUtc(data.NodeModulesMarker.FullPath) >= System.IO.File.GetLastWriteTimeUtc(data.PackageLock.FullPath);

public static IEnumerable<DirectoryPath> DirectoriesToClean(this BuildContext data, ICakeContext context) =>
    new[] { "src/*/bin", "src/*/obj", "tests/*/bin", "tests/*/obj" }
        .SelectMany(glob => context.GetDirectories($"{data.Root}/{glob}"))
        .Append(data.Artifacts);
