from FaaSr_py.client.py_client_stubs import faasr_invocation_id, faasr_put_file


def after_failure(folder, output):
    """Comes after fail_py, so it must never run; if it did, its output would show it."""
    with open("after_failure.txt", "w") as marker:
        marker.write("after_failure ran although fail_py failed")
    faasr_put_file(local_file="after_failure.txt", remote_file=output, remote_folder=f"{folder}/{faasr_invocation_id()}")
