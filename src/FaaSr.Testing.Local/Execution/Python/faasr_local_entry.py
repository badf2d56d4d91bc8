"""Runs one FaaSr Python function for faasr-it's local executor (FaaSr's py_user_func_entry, as a process).

`run(invocation)` takes {"FunctionName", "Arguments", "Folders", "Files", "SitePackages"}, imports the function's
files the way FaaSr walks them, calls the function with the arguments, and reports the return value or the error to
the executor, ending the process. Started as `python -S faasr_local_entry.py`, it reads the invocation as JSON on
stdin; faasr_local_fork_server.py calls run() in a forked child instead.
"""
import importlib
import json
import os
import sys

# Files FaaSr never imports while looking for a function.
IGNORED_FILES = {
    "test_gh_invoke.py",
    "test.py",
    "func_test.py",
    "faasr_start_invoke_helper.py",
    "faasr_start_invoke_openwhisk.py",
    "faasr_start_invoke_aws-lambda.py",
    "faasr_start_invoke_github_actions.py",
}
HELPER_FILE = "py_func_helper.py"


def add_site_packages(folder):
    """What `site` would add for a site-packages folder, without running the code lines of its .pth files."""
    if folder in sys.path:
        return
    sys.path.append(folder)
    try:
        names = sorted(name for name in os.listdir(folder) if name.endswith(".pth"))
    except OSError:
        return
    for name in names:
        try:
            with open(os.path.join(folder, name), encoding="utf-8") as pth:
                lines = pth.read().splitlines()
        except OSError:
            continue
        for line in lines:
            line = line.strip()
            if not line or line.startswith(("#", "import ", "import\t")):
                continue
            path = os.path.join(folder, line)
            if os.path.isdir(path) and path not in sys.path:
                sys.path.append(path)


def register_package(folder, taken):
    """Makes `folder` an importable package (so relative imports work) and returns its name."""
    base = os.path.basename(os.path.normpath(folder)) or "functions"
    name = base
    index = 2
    while name in taken or name in sys.modules:
        name = f"{base}_{index}"
        index += 1
    taken.add(name)
    init = os.path.join(folder, "__init__.py")
    if os.path.isfile(init):
        import importlib.util

        spec = importlib.util.spec_from_file_location(name, init, submodule_search_locations=[folder])
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    else:
        import types

        module = types.ModuleType(name)
        module.__path__ = [folder]
        module.__package__ = name
        sys.modules[name] = module
    return name


def python_files(folder):
    """(file name, module path relative to folder) for every .py file, in a stable walk order."""
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d != "__pycache__")
        for file in sorted(files):
            if not file.endswith(".py") or file in IGNORED_FILES:
                continue
            relative = os.path.relpath(os.path.join(root, file[:-3]), folder).split(os.sep)
            if relative[-1] == "__init__":
                relative = relative[:-1]
            yield file, relative


def import_file(file, module_name, load, log):
    """Imports one file; ImportError skips it (FaaSr's current walk), any other error ends the process."""
    try:
        return load(module_name)
    except ImportError as e:
        log("WARNING", HELPER_FILE, f"Skipping {file} due to import error: {e}")
    except Exception as e:
        log("ERROR", HELPER_FILE, f"Python file {file} has following source error: {e}")
        sys.exit(1)
    return None


def find_function(name, folders, files, log):
    taken = set()
    for folder in folders:
        if folder not in sys.path:
            sys.path.insert(0, folder)
        try:
            package = register_package(folder, taken)
        except Exception as e:
            log("ERROR", HELPER_FILE, f"Python file __init__.py has following source error: {e}")
            sys.exit(1)
        for file, relative in python_files(folder):
            module_name = ".".join([package, *relative])
            module = import_file(file, module_name, importlib.import_module, log)
            candidate = getattr(module, name, None) if module is not None else None
            if callable(candidate):
                return candidate
    for path in files:
        folder = os.path.dirname(path)
        if folder not in sys.path:
            sys.path.insert(0, folder)
        file = os.path.basename(path)
        module = import_file(file, file[:-3] if file.endswith(".py") else file, lambda module_name: load_file(module_name, path), log)
        candidate = getattr(module, name, None) if module is not None else None
        if callable(candidate):
            return candidate
    return None


def load_file(module_name, path):
    import importlib.util

    spec = importlib.util.spec_from_file_location(module_name, path)
    if spec is None:
        raise ImportError(f"{path} is not a Python file")
    module = importlib.util.module_from_spec(spec)
    sys.modules[module_name] = module
    spec.loader.exec_module(module)
    return module


def run(invocation):
    for folder in invocation.get("SitePackages", []):
        add_site_packages(folder)

    from FaaSr_py.client import py_client_stubs as stubs

    name = invocation["FunctionName"]
    function = find_function(name, invocation.get("Folders", []), invocation.get("Files", []), stubs._local_log)
    if function is None:
        places = ", ".join(invocation.get("Folders", []) + invocation.get("Files", []))
        stubs.faasr_exit(f"py_user_func_entry.py: cannot find function {name} in any Python file of {places}")

    for api in (
        "faasr_put_file",
        "faasr_get_file",
        "faasr_delete_file",
        "faasr_get_folder_list",
        "faasr_log",
        "faasr_rank",
        "faasr_get_s3_creds",
        "faasr_invocation_id",
        "faasr_secret",
    ):
        function.__globals__.setdefault(api, getattr(stubs, api))

    try:
        result = function(**(invocation.get("Arguments") or {}))
    except Exception as e:
        import traceback

        stubs.faasr_exit(message=str(e), traceback=traceback.format_exc())
    stubs.faasr_return(result)


if __name__ == "__main__":
    run(json.loads(sys.stdin.read()))
