from FaaSr_py.client.py_client_stubs import faasr_invocation_id, faasr_log
from .utils.enums import INPUT_1, INPUT_2, INPUT_3, INPUT_4
from .utils.files import put_text


def create_input(folder, input1, input2, input3, input4):
    """Puts the four input files the rest of the workflow reads and deletes."""
    faasr_log(f"Using invocation ID: {faasr_invocation_id()}")
    for name, text in ((input1, INPUT_1), (input2, INPUT_2), (input3, INPUT_3), (input4, INPUT_4)):
        put_text(folder, name, text)
    faasr_log(f"Created {input1}, {input2}, {input3} and {input4}")
