"""FaaSr's Python client API (FaaSr_py.client.py_client_stubs) for faasr-it's local executor.

Same names and signatures as FaaSr's stubs; each call goes to the executor's loopback RPC server, which does the
work against S3 and writes the instance's log. Only the standard library is used, and as little of it as possible,
because every function instance is a fresh process and imports cost start-up time.
"""
import json
import os
import socket
import sys


def _post(path, payload):
    """POST JSON to the executor and return (status, parsed JSON body); one connection per call."""
    # Read at each call: a pre-started interpreter imports this module before it becomes an instance.
    port = int(os.environ.get("FAASR_LOCAL_RPC_PORT", "0"))
    token = os.environ.get("FAASR_LOCAL_RPC_TOKEN", "")
    body = json.dumps(payload).encode("utf-8")
    head = (
        f"POST /{path} HTTP/1.1\r\n"
        f"Host: 127.0.0.1:{port}\r\n"
        f"Authorization: Bearer {token}\r\n"
        "Content-Type: application/json\r\n"
        f"Content-Length: {len(body)}\r\n"
        "Connection: close\r\n\r\n"
    ).encode("ascii")
    with socket.create_connection(("127.0.0.1", port)) as connection:
        connection.sendall(head + body)
        chunks = []
        while True:
            chunk = connection.recv(65536)
            if not chunk:
                break
            chunks.append(chunk)
    header, _, content = b"".join(chunks).partition(b"\r\n\r\n")
    status = int(header.split(b" ", 2)[1])
    return status, (json.loads(content) if content else {})


def _action(procedure, arguments):
    """Run a procedure; on failure print why and exit 1, as FaaSr's stubs do."""
    try:
        _, response = _post("faasr-action", {"ProcedureID": procedure, "Arguments": arguments})
    except (OSError, ValueError) as e:
        print(f'{{"{procedure}": "Failed to reach FaaSr RPC -- {e}"}}')
        sys.exit(1)
    if not response.get("Success", False):
        print(f'{{"{procedure}": "Request to FaaSr RPC failed -- {response.get("Message")}"}}')
        sys.exit(1)
    return response.get("Data") or {}


def faasr_put_file(local_file, remote_file, server_name="", local_folder=".", remote_folder="."):
    """Uploads local_folder/local_file to remote_folder/remote_file in the data store (default: DefaultDataStore)."""
    _action(
        "faasr_put_file",
        {
            "local_file": str(local_file),
            "remote_file": str(remote_file),
            "server_name": server_name,
            "local_folder": str(local_folder),
            "remote_folder": str(remote_folder),
        },
    )
    return True


def faasr_get_file(local_file, remote_file, server_name="", local_folder=".", remote_folder="."):
    """Downloads remote_folder/remote_file from the data store to local_folder/local_file."""
    _action(
        "faasr_get_file",
        {
            "local_file": str(local_file),
            "remote_file": str(remote_file),
            "server_name": server_name,
            "local_folder": str(local_folder),
            "remote_folder": str(remote_folder),
        },
    )
    return True


def faasr_delete_file(remote_file, server_name="", remote_folder=""):
    """Deletes remote_folder/remote_file from the data store."""
    _action(
        "faasr_delete_file",
        {"remote_file": str(remote_file), "server_name": server_name, "remote_folder": str(remote_folder)},
    )
    return True


def faasr_get_folder_list(server_name="", prefix=""):
    """Full keys of the objects under prefix, without keys that end in '/'."""
    return _action("faasr_get_folder_list", {"server_name": server_name, "prefix": str(prefix)})["folder_list"]


def faasr_log(log_message):
    """Appends log_message to this action's log in the logging data store."""
    if not log_message:
        print("{py_client_stub: ERROR -- faasr_log called with empty log_message}")
        sys.exit(1)
    # FaaSr sends the value as JSON (a value JSON cannot hold is a TypeError here) and its server writes str() of
    # what arrives, so the text is that of the JSON round trip.
    _action("faasr_log", {"log_message": str(json.loads(json.dumps(log_message)))})
    return True


def faasr_rank():
    """{"rank": r, "max_rank": N} for ranked instances; {"rank": 1, "max_rank": 1} otherwise."""
    return _action("faasr_rank", {})


def faasr_invocation_id():
    """The InvocationID of this workflow run."""
    return _action("faasr_invocation_id", {})["invocation_id"]


def faasr_get_s3_creds():
    """{bucket, region, endpoint, access_key, secret_key, anonymous} of the DefaultDataStore (FaaSr 2.1 takes no argument)."""
    return _action("faasr_get_s3_creds", {})["s3_creds"]


def faasr_secret(secret_name):
    """The value of the environment variable secret_name; on failure the process exits 1, as FaaSr's stub does."""
    if not secret_name:
        print("{py_client_stub: ERROR -- faasr_secret called with empty secret_name}")
        sys.exit(1)
    return _action("faasr_secret", {"secret_name": secret_name})["secret_value"]


def faasr_return(return_value=None):
    """Reports the function's return value (True, False or None) and ends the process."""
    # A value JSON cannot hold (a numpy bool_, a DataFrame) raises TypeError here, as FaaSr's requests.post(json=...)
    # does: the process then ends with exit code 1.
    json.dumps(return_value)
    try:
        _, response = _post("faasr-return", {"FunctionResult": return_value})
    except (OSError, ValueError) as e:
        print(f'{{"faasr_return": "Failed to reach FaaSr RPC -- {e}"}}')
        sys.exit(1)
    if not response.get("Success", False):
        print(f'{{"faasr_return": "Request to FaaSr RPC failed -- {response.get("Message")}"}}')
        sys.exit(1)
    sys.exit(0)


def faasr_exit(message=None, error=True, traceback=None):
    """Reports how the function ended (an error message and traceback) and ends the process."""
    try:
        _, response = _post("faasr-exit", {"Error": error, "Message": message, "Traceback": traceback})
    except (OSError, ValueError) as e:
        print(f'{{"faasr_exit": "Failed to reach FaaSr RPC -- {e}"}}')
        sys.exit(1)
    if not response.get("Success", False):
        print(f'{{"faasr_exit": "Request to FaaSr RPC failed -- {response.get("Message")}"}}')
        sys.exit(1)
    sys.exit(0)


def _local_log(level, file, message):
    """Adds a record to this action's log, as FaaSr's own modules do through Python logging."""
    _post("faasr-local-log", {"Level": level, "File": file, "Message": message})
