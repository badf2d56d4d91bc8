from FaaSr_py.client.py_client_stubs import faasr_delete_file, faasr_get_folder_list, faasr_invocation_id, faasr_log
from .utils.enums import OUTPUT_1, OUTPUT_2
from .utils.files import put_text, run_folder


def test_py_folder(folder, input2, input3, input4, output1, output2):
    """Exercises the folder list: deletes input4, checks input2 and input3 are listed, writes the two outputs."""
    faasr_log(f"Using invocation ID: {faasr_invocation_id()}")
    prefix = run_folder(folder)
    faasr_delete_file(remote_file=input4, remote_folder=prefix)
    listed = faasr_get_folder_list(prefix=prefix)
    missing = [name for name in (input2, input3) if f"{prefix}/{name}" not in listed]
    if missing:
        raise ValueError(f"The folder list of {prefix} lacks {', '.join(missing)}: {listed}")
    put_text(folder, output1, OUTPUT_1)
    put_text(folder, output2, OUTPUT_2)
    faasr_log(f"Deleted {input4}; listed {len(listed)} objects; wrote {output1} and {output2}")
