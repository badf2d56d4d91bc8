from FaaSr_py.client.py_client_stubs import faasr_delete_file, faasr_invocation_id, faasr_log
from .utils.enums import INPUT_2, INPUT_3, OUTPUT_1, OUTPUT_2
from .utils.files import get_text, put_text, run_folder


def test_py_api(folder, input1, input2, input3, output1, output2):
    """Exercises delete, get and put: deletes input1, reads input2 and input3, writes the two outputs."""
    faasr_log(f"Using invocation ID: {faasr_invocation_id()}")
    faasr_delete_file(remote_file=input1, remote_folder=run_folder(folder))
    if get_text(folder, input2) != INPUT_2 or get_text(folder, input3) != INPUT_3:
        raise ValueError(f"{input2} or {input3} does not hold what create_input wrote")
    put_text(folder, output1, OUTPUT_1)
    put_text(folder, output2, OUTPUT_2)
    faasr_log(f"Deleted {input1}; read {input2} and {input3}; wrote {output1} and {output2}")
