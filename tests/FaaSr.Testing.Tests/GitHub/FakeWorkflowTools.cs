using FaaSr.Testing.GitHub.Registration;

namespace FaaSr.Testing.Tests.GitHub;

/// <summary>
/// A folder shaped like FaaSr-workflow that this test project writes itself: scripts/native_containers.txt and a small
/// scripts/register_workflow.py that does what the real one does for GitHubActions (reads --workflow-file, GH_PAT,
/// GITHUB_REPOSITORY and CUSTOM_CONTAINER, refuses images outside the native list, creates
/// .github/workflows/{WorkflowName}-{action}.yml on the default branch through api.github.com with Python's urllib)
/// and a few switches from its environment: FAKE_REGISTER_SKIP=action leaves one file out, FAKE_REGISTER_SAY_TOKEN=1
/// prints the token, FAKE_REGISTER_IMPORT=module imports a module first.
/// </summary>
internal sealed class FakeWorkflowTools : IDisposable
{
    private const string Script = """
        import argparse, base64, json, os, sys, urllib.request

        if os.environ.get("FAKE_REGISTER_IMPORT"):
            __import__(os.environ["FAKE_REGISTER_IMPORT"])
        parser = argparse.ArgumentParser()
        parser.add_argument("--workflow-file", required=True)
        workflow = json.load(open(parser.parse_args().workflow_file))
        token = os.environ.get("GH_PAT")
        if not token:
            print("ERROR: GH_PAT environment variable not set")
            sys.exit(1)
        if os.environ.get("FAKE_REGISTER_SAY_TOKEN"):
            print(f"INFO: using token {token}")
        repository = os.environ["GITHUB_REPOSITORY"]
        custom = os.environ.get("CUSTOM_CONTAINER", "false").lower() == "true"
        native = {line.strip() for line in open("scripts/native_containers.txt")}
        for image in workflow.get("ActionContainers", {}).values():
            if not custom and image not in native:
                print(f"ERROR: Custom container {image} not in native_containers.txt -- to use it, you must enable custom containers")
                sys.exit(1)

        def call(method, path, body=None):
            request = urllib.request.Request("https://api.github.com" + path, method=method,
                data=None if body is None else json.dumps(body).encode(),
                headers={"Authorization": "token " + token, "Accept": "application/vnd.github+json", "Content-Type": "application/json"})
            with urllib.request.urlopen(request) as response:
                return json.load(response)

        branch = call("GET", f"/repos/{repository}")["default_branch"]
        print(f"INFO: Using branch: {branch}")
        for name, action in workflow["ActionList"].items():
            if workflow["ComputeServers"][action["FaaSServer"]]["FaaSType"] != "GitHubActions" or name == os.environ.get("FAKE_REGISTER_SKIP"):
                continue
            path = f".github/workflows/{workflow['WorkflowName']}-{name}.yml"
            text = f"name: {workflow['WorkflowName']}-{name}\ncontainer: {workflow['ActionContainers'][name]}\ncustom: {str(custom).lower()}\n"
            call("PUT", f"/repos/{repository}/contents/{path}", {"message": f"Add workflow for {name}", "content": base64.b64encode(text.encode()).decode(), "branch": branch})
            print(f"INFO: Successfully created {path}")
        """;

    private FakeWorkflowTools(string folder)
    {
        Folder = folder;
    }

    public string Folder { get; }

    public WorkflowTools Tools => new(Folder);

    public static FakeWorkflowTools Create()
    {
        var tools = new FakeWorkflowTools(Directory.CreateTempSubdirectory("faasr-it-fake-workflow-tools-").FullName);
        Directory.CreateDirectory(Path.Combine(tools.Folder, "scripts"));
        File.WriteAllText(Path.Combine(tools.Folder, WorkflowTools.RegisterScript), Script);
        File.WriteAllText(Path.Combine(tools.Folder, "scripts", "native_containers.txt"), "ghcr.io/faasr/github-actions-python:latest\nghcr.io/faasr/github-actions-r:latest\n");
        return tools;
    }

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}
