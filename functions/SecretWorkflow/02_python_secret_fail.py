from FaaSr_py.client.py_client_stubs import faasr_invocation_id, faasr_put_file, faasr_secret


def python_secret_fail(folder, output):
    """Asks for a secret the workflow does not declare: faasr_secret fails, so the output is never written."""
    with open("secret.txt", "w") as secret:
        secret.write(faasr_secret("NON_EXISTENT_SECRET"))
    faasr_put_file(local_file="secret.txt", remote_file=output, remote_folder=f"{folder}/{faasr_invocation_id()}")
