using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using FaaSr.Testing.Local.Execution;
using FaaSr.Testing.Workflows;

namespace FaaSr.Testing.Cli;

/// <summary>
/// <c>faasr-it validate FILE... [--json]</c>: reads and validates workflow files. Exit 0 when every file is valid
/// (one "ok" line per file); exit 2 with one line per problem on stderr otherwise, or, with --json, the problems
/// as a JSON array of {file, action, path, message, severity} on stdout. With --local, a valid file's languages are
/// also checked against this machine (python3, Rscript with jsonlite; Julia never runs locally): each one that cannot
/// run here is a "warning:" line on stderr naming the file, the actions and why. Warnings about what validates but
/// crashes a FaaSr 2.1 cloud action are printed on stderr as "file: path: warning: message" and listed with severity
/// "warning"; no warning changes the exit code.
/// </summary>
internal static class ValidateCommand
{
    /// <summary>Indented, and without escaping quotes and apostrophes that are common in messages.</summary>
    private static readonly JsonSerializerOptions Readable = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Command Create()
    {
        var files = new Argument<string[]>("FILE")
        {
            Description = "Workflow JSON files to check.",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var json = new Option<bool>("--json")
        {
            Description = "Print the problems as a JSON array on stdout.",
        };
        var local = new Option<bool>("--local")
        {
            Description = "Also warn about languages of the workflow this machine cannot run locally (python3, Rscript with jsonlite).",
        };
        var command = new Command("validate", "Check FaaSr workflow files against the schema and graph rules, reporting every problem.")
        {
            files,
            json,
            local,
        };
        command.SetAction((parseResult, cancellationToken) => RunAsync(
            parseResult.GetValue(files) ?? [],
            parseResult.GetValue(json),
            parseResult.GetValue(local),
            parseResult.InvocationConfiguration.Output,
            parseResult.InvocationConfiguration.Error,
            cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(IReadOnlyList<string> files, bool asJson, bool local, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (files.Count == 0)
        {
            error.WriteLine("validate: name at least one workflow file.");
            return ExitCodes.BadInput;
        }

        var problems = new List<ValidationProblem>();
        var languages = new LocalLanguageCheck();
        var warnings = new List<ValidationProblem>();
        foreach (var file in files)
        {
            var check = WorkflowLoader.CheckFile(file);
            problems.AddRange(check.Problems);
            warnings.AddRange(check.Warnings);
            if (check.IsValid && !asJson)
            {
                output.WriteLine($"{file}: ok");
            }

            if (local && check.IsValid)
            {
                foreach (var gap in await languages.CheckAsync(check.Document!, cancellationToken))
                {
                    error.WriteLine($"warning: {file}: {gap.Language} actions ({string.Join(", ", gap.Actions)}) cannot run on this machine: {gap.Reason}");
                }
            }
        }

        if (asJson)
        {
            output.WriteLine(ToJson(problems, warnings));
        }
        else
        {
            foreach (var problem in problems)
            {
                error.WriteLine(problem);
            }

            foreach (var warning in warnings)
            {
                error.WriteLine($"{warning.File}: {warning.JsonPath}: warning: {warning.Message}");
            }
        }

        return problems.Count == 0 ? ExitCodes.Success : ExitCodes.BadInput;
    }

    private static string ToJson(IEnumerable<ValidationProblem> problems, IEnumerable<ValidationProblem> warnings)
    {
        var array = new JsonArray();
        foreach (var (problem, severity) in problems.Select(p => (p, "error")).Concat(warnings.Select(w => (w, "warning"))))
        {
            array.Add(new JsonObject
            {
                ["file"] = problem.File,
                ["action"] = problem.Action,
                ["path"] = problem.JsonPath,
                ["message"] = problem.Message,
                ["severity"] = severity,
            });
        }

        return array.ToJsonString(Readable);
    }
}
