"""FaaSr's Python client API (FaaSr_py.client.py_client_stubs) inside this container, over a folder data store.

Same names and arguments as FaaSr's stubs, so a function runs here unchanged. The data store is the folder
FAASR_IT_STORE (default /tmp/faasr-store): object key "folder/name" is the file FAASR_IT_STORE/folder/name. Log lines
go to stdout with a UTC time stamp.
"""
import datetime
import os
import shutil
import uuid

_invocation_id = os.environ.get("FAASR_INVOCATION_ID") or str(uuid.uuid4())


def _store():
    return os.environ.get("FAASR_IT_STORE", "/tmp/faasr-store")


def _key(remote_folder, remote_file):
    parts = [p for p in f"{remote_folder}/{remote_file}".split("/") if p not in ("", ".")]
    if ".." in parts:
        raise ValueError(f"key {remote_folder}/{remote_file} leaves the data store")
    return "/".join(parts)


def faasr_put_file(local_file, remote_file, server_name="", local_folder=".", remote_folder="."):
    target = os.path.join(_store(), _key(remote_folder, remote_file))
    os.makedirs(os.path.dirname(target), exist_ok=True)
    shutil.copyfile(os.path.join(local_folder, local_file), target)


def faasr_get_file(local_file, remote_file, server_name="", local_folder=".", remote_folder="."):
    source = os.path.join(_store(), _key(remote_folder, remote_file))
    if not os.path.isfile(source):
        raise FileNotFoundError(f"no object {_key(remote_folder, remote_file)}")
    os.makedirs(local_folder, exist_ok=True)
    shutil.copyfile(source, os.path.join(local_folder, local_file))


def faasr_delete_file(remote_file, server_name="", remote_folder=""):
    path = os.path.join(_store(), _key(remote_folder, remote_file))
    if os.path.isfile(path):
        os.remove(path)


def faasr_get_folder_list(server_name="", prefix=""):
    return sorted(key for key in store_contents(text=False) if key.startswith(prefix))


def faasr_log(log_message):
    stamp = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M:%S")
    print(f"[{stamp}] {log_message}", flush=True)


def faasr_invocation_id():
    return _invocation_id


def faasr_rank():
    rank = os.environ.get("FAASR_RANK")
    return {"rank": int(rank), "max_rank": int(os.environ.get("FAASR_MAX_RANK", rank))} if rank else {}


def faasr_return(return_value=None):
    faasr_log(f"faasr_return: {return_value}")


def faasr_exit(message=None, traceback=None):
    raise SystemExit(message or 1)


def store_contents(text=True):
    """Every object in the store as {key: text} (or just the keys); not part of FaaSr's API."""
    root = _store()
    contents = {}
    for folder, _, files in os.walk(root):
        for name in files:
            path = os.path.join(folder, name)
            key = os.path.relpath(path, root).replace(os.sep, "/")
            if text:
                with open(path, encoding="utf-8", errors="replace") as f:
                    contents[key] = f.read()
            else:
                contents[key] = None
    return contents
