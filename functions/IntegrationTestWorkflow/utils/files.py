"""Small helpers shared by the IntegrationTestWorkflow functions."""

from FaaSr_py.client.py_client_stubs import faasr_get_file, faasr_invocation_id, faasr_put_file


def run_folder(folder):
    """The S3 folder of this run's data: {folder}/{InvocationID}."""
    return f"{folder}/{faasr_invocation_id()}"


def put_text(folder, name, text):
    """Writes text to a local file and puts it as {folder}/{InvocationID}/{name}."""
    local = name.replace("/", "_")
    with open(local, "w") as f:
        f.write(text)
    faasr_put_file(local_file=local, remote_file=name, remote_folder=run_folder(folder))


def get_text(folder, name):
    """Gets {folder}/{InvocationID}/{name} and returns its text."""
    local = "get_" + name.replace("/", "_")
    faasr_get_file(local_file=local, remote_file=name, remote_folder=run_folder(folder))
    with open(local) as f:
        return f.read()


def content_problems(folder, listed, expected):
    """One line per object of expected ({name: text}) that is missing from listed or holds other text."""
    prefix = run_folder(folder)
    problems = []
    for name, text in expected.items():
        if f"{prefix}/{name}" not in listed:
            problems.append(f"{name} is missing")
        elif get_text(folder, name) != text:
            problems.append(f"{name} has unexpected content")
    return problems
