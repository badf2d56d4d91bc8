"""Runs one FaaSr Python function for faasr-it's local executor (FaaSr's py_user_func_entry, as a process).

`run(invocation)` takes {"FunctionName", "Arguments", "Folders", "Files", "SitePackages"}, imports the function's
files the way FaaSr walks them, calls the function with the arguments, and reports the return value or the error to
the executor, ending the process. Started as `python -S faasr_local_entry.py`, it reads the invocation as JSON on
stdin; faasr_local_fork_server.py calls run_to_end() in a forked child instead.

Where processes fork, the function runs in a child that leads its own session, and whatever it leaves running is
killed when it ends, as a cloud container ends with its function (and a left-over process cannot hold the
executor's output pipes open).
"""
import importlib
import json
import os
import signal
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


def exit_code(error):
    """The process exit code Python gives for an uncaught SystemExit."""
    if error.code is None:
        return 0
    if isinstance(error.code, int):
        return error.code & 0xFF
    print(error.code, file=sys.stderr)
    return 1


def run_to_end(invocation):
    """Runs the invocation as the whole life of this (forked) process and ends it as interpreter shutdown would."""
    code = 0
    try:
        run(invocation)
    except SystemExit as error:
        code = exit_code(error)
    except BaseException:
        import traceback

        traceback.print_exc()
        code = 1
    finally:
        try:
            import atexit

            atexit._run_exitfuncs()
            if "threading" in sys.modules:
                sys.modules["threading"]._shutdown()
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
    os._exit(code)


def end_session(pid):
    """Kills whatever is left in the process group of `pid`, a child that called setsid()."""
    try:
        os.killpg(pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


def reap_session(pid, block=True):
    """Waits for a child that leads its own session (pid -1: any child), ends its session and reaps it.

    Returns (pid, exit code), or None when `block` is false and no child has ended. The session is ended while the
    child is still a zombie, whose pid (the group's id) cannot be given to another process yet.
    """
    if hasattr(os, "waitid"):
        options = os.WEXITED | os.WNOWAIT | (0 if block else os.WNOHANG)
        info = os.waitid(os.P_PID if pid > 0 else os.P_ALL, max(pid, 0), options)
        if info is None:
            return None
        end_session(info.si_pid)
        pid, status = os.waitpid(info.si_pid, 0)
    else:
        pid, status = os.waitpid(pid, 0 if block else os.WNOHANG)
        if pid == 0:
            return None
        end_session(pid)
    return pid, os.waitstatus_to_exitcode(status)


def run_in_own_session(invocation):
    """Runs the invocation in a child leading its own session and returns its exit code once its session is ended."""
    # This process only waits; the executor stops it by killing its tree, and a Ctrl-C sent to the terminal's
    # process group must not end it before the child is killed too.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    pid = os.fork()
    if pid == 0:
        os.setsid()
        signal.signal(signal.SIGINT, signal.default_int_handler)
        run_to_end(invocation)
    return reap_session(pid)[1]


if __name__ == "__main__":
    if hasattr(os, "fork"):
        sys.exit(run_in_own_session(json.loads(sys.stdin.read())))
    run(json.loads(sys.stdin.read()))
