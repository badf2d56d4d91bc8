# faasr-it: lists the modules the given FaaSr sources import at module level that this interpreter cannot find.
# Arguments: ROOT=PATH... where ROOT is put on sys.path (as PYTHONPATH would) and PATH is a file or folder under it to
# read. Imports inside functions or try blocks are optional (FaaSr imports cloud SDKs lazily) and not listed; folders
# named testing or tests are skipped. Prints one JSON object: executable, version, missing {module: [files]}.
import ast
import importlib.util
import json
import os
import sys

roots = []
files = []
for argument in sys.argv[1:]:
    root, _, path = argument.partition("=")
    roots.append(root)
    target = os.path.join(root, path)
    if os.path.isdir(target):
        for folder, dirs, names in os.walk(target):
            dirs[:] = [d for d in dirs if d not in ("testing", "tests", "__pycache__")]
            files.extend((root, os.path.join(folder, n)) for n in sorted(names) if n.endswith(".py"))
    else:
        files.append((root, target))

for root in reversed(roots):
    sys.path.insert(0, root)

local = set()
for root, path in files:
    local.add(os.path.relpath(path, root).split(os.sep)[0].removesuffix(".py"))
    local.add(os.path.splitext(os.path.basename(path))[0])

wanted = {}
for root, path in files:
    with open(path, encoding="utf-8") as handle:
        tree = ast.parse(handle.read(), path)
    for node in tree.body:
        names = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        for name in names:
            top = name.split(".")[0]
            if top in sys.stdlib_module_names or top in local:
                continue
            wanted.setdefault(top, []).append(os.path.relpath(path, root))

missing = {}
for name, users in sorted(wanted.items()):
    try:
        found = importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):
        found = False
    if not found:
        missing[name] = sorted(set(users))

print(json.dumps({"executable": sys.executable, "version": sys.version.split()[0], "missing": missing}))
