"""A pre-started Python interpreter that forks one process per function instance (Unix only).

Starting an interpreter and importing the entry's modules costs tens of milliseconds; forking a process that has
already done so costs a few. The executor writes one JSON request per line on stdin:
{"Id", "WorkingDirectory", "Environment", "OutputFile", "Invocation"}. For each, this server forks a child that
starts its own session, takes the instance's folder, environment and output file, and runs
faasr_local_entry.run_to_end(invocation). It answers {"Id", "Pid"} when the child exists and {"Id", "Exit"} when it
has ended, after killing whatever the child left running in its session and its cgroup. When stdin closes (the
executor ended the run, or faasr-it itself ended, even by SIGKILL) it kills every process its children started, wherever
they went (faasr_local_containment), and exits.
"""
import json
import os
import select
import signal
import sys

import faasr_local_containment
import faasr_local_entry
from FaaSr_py.client import py_client_stubs  # noqa: F401 -- imported here so that children need not


def send(message):
    """One line per os.write, so that lines written from the SIGCHLD path never interleave."""
    os.write(1, (json.dumps(message) + "\n").encode("utf-8"))


def run_child(request, wakeup_pipe, cgroup):
    faasr_local_containment.RunContainment.join(cgroup)
    os.setsid()
    signal.set_wakeup_fd(-1)
    signal.signal(signal.SIGCHLD, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    for fd in wakeup_pipe:
        os.close(fd)
    stdin = os.open(os.devnull, os.O_RDONLY)
    output = os.open(request["OutputFile"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.dup2(stdin, 0)
    os.dup2(output, 1)
    os.dup2(output, 2)
    os.close(stdin)
    os.close(output)
    os.chdir(request["WorkingDirectory"])
    os.environ.clear()
    os.environ.update(request["Environment"])
    sys.argv = [faasr_local_entry.__file__]
    faasr_local_entry.run_to_end(request["Invocation"])


def reap(children, containment):
    """Reports every child that has ended, after killing whatever it left running in its session and its cgroup."""
    while children:
        try:
            ended = faasr_local_entry.reap_session(-1, block=False)
        except ChildProcessError:
            return
        if ended is None:
            return
        pid, code = ended
        # Orphans a child left are re-parented here (a subreaper) and reaped too; they are nobody's request.
        request_id, cgroup = children.pop(pid, (None, None))
        if request_id is not None:
            containment.end_instance(cgroup)
            send({"Id": request_id, "Exit": code})


def main():
    invocation_site = json.loads(sys.argv[1]) if len(sys.argv) > 1 else []
    for folder in invocation_site:
        faasr_local_entry.add_site_packages(folder)
    containment = faasr_local_containment.RunContainment(sys.argv[2] if len(sys.argv) > 2 else str(os.getpid()))

    # The executor stops this server (stdin closed, process tree killed); a Ctrl-C sent to the terminal's process
    # group must not end it first, orphaning children that run in sessions of their own.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    wake_read, wake_write = os.pipe()
    os.set_blocking(wake_write, False)
    signal.set_wakeup_fd(wake_write)
    signal.signal(signal.SIGCHLD, lambda signum, frame: None)
    children = {}
    pending = b""
    send({"Ready": True})
    while True:
        try:
            ready, _, _ = select.select([0, wake_read], [], [])
        except InterruptedError:
            continue
        if wake_read in ready:
            os.read(wake_read, 4096)
            reap(children, containment)
        if 0 not in ready:
            continue
        data = os.read(0, 65536)
        if not data:
            containment.end_all()
            break
        pending += data
        while b"\n" in pending:
            line, pending = pending.split(b"\n", 1)
            if not line.strip():
                continue
            request = json.loads(line)
            sys.stdout.flush()
            sys.stderr.flush()
            cgroup = containment.instance_cgroup(request["Id"])
            pid = os.fork()
            if pid == 0:
                run_child(request, (wake_read, wake_write), cgroup)
            children[pid] = (request["Id"], cgroup)
            send({"Id": request["Id"], "Pid": pid})
        reap(children, containment)


if __name__ == "__main__":
    main()
