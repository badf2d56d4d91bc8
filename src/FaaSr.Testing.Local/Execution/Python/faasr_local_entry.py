"""Runs one FaaSr Python function for faasr-it's local executor (FaaSr's py_user_func_entry, as a process).

`run(invocation)` takes {"FunctionName", "Arguments", "DownloadRoot", "Packages", "SitePackages"}, imports the
function's files from the download root the way FaaSr 2.1 walks /tmp/functions/{InvocationID}, calls the function
with the arguments, and reports the return value or the error to the executor, ending the process. Started as `python -S faasr_local_entry.py`, it reads the invocation as JSON on
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


def python_files(root):
    """(file name, dotted module name) for every .py file under root, in os.walk's own (unsorted) order, as FaaSr's
    faasr_import_function_walk finds them: the module name is the file's path below the download root."""
    for folder, _, files in os.walk(root):
        relative = os.path.relpath(folder, root)
        for file in (name for name in files if name.endswith(".py")):
            if file in IGNORED_FILES:
                continue
            stem = os.path.splitext(file)[0]
            module = stem if relative == "." else os.path.join(relative, stem).replace(os.path.sep, ".")
            yield file, module


class ChildLog:
    """The records FaaSr's function process makes through Python logging (e.g. the ImportError WARNING).

    In FaaSr 2.1 that process's log handler uploads its buffer only when it logs an ERROR, so in a run that goes well
    these records never reach S3; they are kept here and sent only when an ERROR follows.
    """

    def __init__(self, send):
        self.send = send
        self.pending = []

    def __call__(self, level, file, message):
        self.pending.append((level, file, message))
        if level == "ERROR":
            pending, self.pending = self.pending, []
            for record in pending:
                self.send(*record)


def find_function(name, root, log):
    """FaaSr's walk: only the download root is put on sys.path, and each file is imported by its dotted path."""
    importlib.invalidate_caches()
    if root not in sys.path:
        sys.path.insert(0, root)
    for file, module_name in python_files(root):
        log("INFO", HELPER_FILE, f"Source python file {file}")
        try:
            module = importlib.import_module(module_name)
        except ImportError as e:
            log("WARNING", HELPER_FILE, f"Skipping {file} due to import error: {e}")
            continue
        except Exception as e:
            log("ERROR", HELPER_FILE, f"Python file {file} has following source error: {str(e)}")
            sys.exit(1)
        for attribute, value in module.__dict__.items():
            if attribute == name and callable(value):
                return value
    return None


# The exit code of a container killed for running out of memory (128 + SIGKILL); the executor reads it as "exceeded
# MaxMemory" (FunctionLaunch.OutOfMemoryExitCode).
OUT_OF_MEMORY_EXIT_CODE = 137


def limit_memory(megabytes):
    """Caps this process's data memory (heap and private mappings) at the action's MaxMemory; False if there is none.

    Linux counts RLIMIT_DATA per process; processes the function starts inherit the same cap each.
    """
    if not megabytes:
        return False
    try:
        import resource
    except ImportError:
        return False
    limit = int(megabytes) * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_DATA, (limit, limit))
    return True


def run(invocation):
    memory_limited = limit_memory(invocation.get("MaxMemoryMB"))
    for folder in invocation.get("SitePackages", []):
        add_site_packages(folder)
    # FaaSr's images put the pip target (/tmp/packages) on PYTHONPATH: after the entry's folder, before the rest.
    packages = invocation.get("Packages")
    if packages and packages not in sys.path:
        sys.path.insert(1, packages)

    from FaaSr_py.client import py_client_stubs as stubs

    name = invocation["FunctionName"]
    try:
        function = find_function(name, invocation["DownloadRoot"], ChildLog(stubs._local_log))
    except Exception as e:
        stubs.faasr_exit(f"failed to get user functions -- error: {e}")
    if not function:
        stubs.faasr_exit(f"{{py_user_func_entry.py: cannot find function {name}}}")

    # Exactly the names FaaSr 2.1 assigns (faasr_invocation_id, faasr_return and faasr_exit must be imported).
    for api in (
        "faasr_put_file",
        "faasr_get_file",
        "faasr_delete_file",
        "faasr_get_folder_list",
        "faasr_log",
        "faasr_rank",
        "faasr_get_s3_creds",
        "faasr_secret",
    ):
        function.__globals__[api] = getattr(stubs, api)

    try:
        result = function(**(invocation.get("Arguments") or {}))
    except Exception as e:
        import traceback

        if memory_limited and isinstance(e, MemoryError):
            # The cloud's container is killed, not handed an exception: no faasr_exit, no .done.
            traceback.print_exc()
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(OUT_OF_MEMORY_EXIT_CODE)
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
