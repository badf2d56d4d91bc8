from FaaSr_py.client.py_client_stubs import faasr_get_folder_list, faasr_invocation_id, faasr_log
from .utils.enums import INPUT_2, INPUT_3, OUTPUT_1, OUTPUT_2
from .utils.files import content_problems, run_folder


def sync1(folder):
    """Joins test_py_api and test_py_folder: True when both left exactly what they should, else False."""
    faasr_log(f"Using invocation ID: {faasr_invocation_id()}")
    prefix = run_folder(folder)
    listed = set(faasr_get_folder_list(prefix=prefix))
    problems = [f"{name} still exists" for name in ("input1.txt", "input4.txt") if f"{prefix}/{name}" in listed]
    expected = {
        "input2.txt": INPUT_2,
        "input3.txt": INPUT_3,
        "output1-py.txt": OUTPUT_1,
        "output2-py.txt": OUTPUT_2,
        "output1-folder.txt": OUTPUT_1,
        "output2-folder.txt": OUTPUT_2,
    }
    problems += content_problems(folder, listed, expected)
    if problems:
        faasr_log("Sync1 found problems: " + "; ".join(problems))
        return False
    faasr_log("Sync1 Completed: Returning True to invoke test_run_true")
    return True
