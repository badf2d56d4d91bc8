from FaaSr_py.client.py_client_stubs import faasr_invocation_id, faasr_log, faasr_put_file, faasr_secret


def python_secret(folder, output):
    """Writes the value of the workflow's declared secret TEST_SECRET to the output, so the test can compare it."""
    with open("secret.txt", "w") as secret:
        secret.write(faasr_secret("TEST_SECRET"))
    faasr_put_file(local_file="secret.txt", remote_file=output, remote_folder=f"{folder}/{faasr_invocation_id()}")
    faasr_log(f"Wrote the value of TEST_SECRET to {output}")
