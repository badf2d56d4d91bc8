# A real source error, not an import error: FaaSr's walk stops at this file and the function fails. The function
# itself is in the broken file, so the outcome does not depend on the (unsorted) order in which FaaSr walks files.
from FaaSr_py.client.py_client_stubs import faasr_invocation_id, faasr_put_file


def source_error(folder, output:
    with open("source_error.txt", "w") as marker:
        marker.write("source_error ran")
    faasr_put_file(local_file="source_error.txt", remote_file=output, remote_folder=f"{folder}/{faasr_invocation_id()}")
