from FaaSr_py.client.py_client_stubs import faasr_get_file, faasr_invocation_id, faasr_log, faasr_put_file


def prepare(folder, staged_input, output):
    """Reads the input the test staged before the run and writes it back, prefixed, as the prepared output."""
    run_folder = f"{folder}/{faasr_invocation_id()}"
    faasr_get_file(local_file="staged_input.txt", remote_file=staged_input, remote_folder=run_folder)
    with open("staged_input.txt") as staged:
        text = staged.read()
    with open("prepared.txt", "w") as prepared:
        prepared.write(f"Prepared: {text}")
    faasr_put_file(local_file="prepared.txt", remote_file=output, remote_folder=run_folder)
    faasr_log(f"Prepared {output} from the staged {staged_input}")
