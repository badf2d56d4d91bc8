"""Runs one action of a FaaSr workflow inside this container, as a FaaSr action container runs its function.

    run_action.py WORKFLOW_JSON ACTION_NAME FUNCTIONS_DIR

Finds FunctionName of ACTION_NAME in the workflow and looks for it as FaaSr does in the downloaded function code:
FUNCTIONS_DIR goes on sys.path and every .py file under it is imported by its dotted path (so a function folder is a
package and its relative imports work); a file that fails to import is skipped. The function is called with the
action's Arguments, in a fresh working folder under /tmp. The FaaSr_py client stubs of this image keep the data store in FAASR_IT_STORE (default
/tmp/faasr-store, inside the container). On exit it prints one line "faasr-it-store: {JSON}" with every object the
action left ({key: text}), so the caller can assert on them after the container is gone. Exit 0 when the function
returned, 1 when it raised (the traceback on stderr), 2 on bad arguments.
"""
import importlib
import json
import os
import sys
import tempfile
import traceback

from FaaSr_py.client import py_client_stubs as stubs


def find_function(functions_dir, name):
    """The callable called name in the first module under functions_dir that has one."""
    sys.path.insert(0, functions_dir)
    for folder, folders, files in os.walk(functions_dir):
        folders.sort()
        relative = os.path.relpath(folder, functions_dir)
        for file in sorted(f for f in files if f.endswith(".py")):
            parts = [] if relative == "." else relative.split(os.sep)
            module_name = ".".join(parts + [file[:-3]])
            try:
                module = importlib.import_module(module_name)
            except ImportError as e:
                print(f"Skipping {file}: {e}", file=sys.stderr)
                continue
            if callable(getattr(module, name, None)):
                return getattr(module, name)
    raise LookupError(f"no function {name} in the .py files under {functions_dir}")


def main(argv):
    if len(argv) != 4:
        print(__doc__, file=sys.stderr)
        return 2
    workflow_file, action_name, functions_dir = argv[1:]
    with open(workflow_file, encoding="utf-8") as f:
        workflow = json.load(f)
    action = workflow.get("ActionList", {}).get(action_name)
    if action is None:
        print(f"{workflow_file}: ActionList has no action {action_name}", file=sys.stderr)
        return 2
    os.environ.setdefault("FAASR_ACTION_NAME", action_name)
    os.chdir(tempfile.mkdtemp(prefix="action-", dir="/tmp"))
    try:
        function = find_function(os.path.abspath(functions_dir), action["FunctionName"])
        function(**action.get("Arguments", {}))
        stubs.faasr_log(f"{action_name}: {action['FunctionName']} returned")
        return 0
    except Exception:
        traceback.print_exc()
        return 1
    finally:
        print("faasr-it-store: " + json.dumps(stubs.store_contents(), sort_keys=True))


if __name__ == "__main__":
    sys.exit(main(sys.argv))
