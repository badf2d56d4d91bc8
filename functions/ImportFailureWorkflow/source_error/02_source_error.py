from FaaSr_py.client.py_client_stubs import faasr_invocation_id, faasr_put_file


def source_error(folder, output):
    """Never found: FaaSr stops at the source error of 01_broken_source.py before reaching this file."""
    with open("source_error.txt", "w") as marker:
        marker.write("source_error ran")
    faasr_put_file(local_file="source_error.txt", remote_file=output, remote_folder=f"{folder}/{faasr_invocation_id()}")
