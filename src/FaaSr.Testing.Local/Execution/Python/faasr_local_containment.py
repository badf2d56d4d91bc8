"""Keeps a run's function processes from outliving it, as a cloud container ends with its function (Linux only;
elsewhere every call here does nothing and the executor's own process-tree kills remain).

RunContainment, held by the fork server: it becomes a child subreaper (PR_SET_CHILD_SUBREAPER), so a daemon that
double-forks and calls setsid is re-parented to the fork server rather than to init and stays findable; and where a
cgroup v2 hierarchy is mounted and writable it puts each instance in a cgroup below one of the run's own, whose
cgroup.kill ends every process in it at once (also one that forks while being killed). end_instance() ends what an
instance left when it has ended; end_all() ends everything, when the fork server's stdin closes (faasr-it ended, even
by SIGKILL: the kernel closes its end of the pipe).

The function processes get no parent-death signal of their own: the executor kills a process tree from the top
(stopping each process, listing its children, killing it), and a child that died with its parent in between would
leave its own children re-parented to init, out of the tree.
"""
import os
import re
import signal
import sys
import time

PR_SET_CHILD_SUBREAPER = 36
LINUX = sys.platform.startswith("linux")


def _prctl(option, value):
    if not LINUX:
        return False
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(option, ctypes.c_ulong(value), ctypes.c_ulong(0), ctypes.c_ulong(0), ctypes.c_ulong(0)) == 0
    except (OSError, AttributeError):
        return False


def _write(path, text):
    with open(path, "w") as file:
        file.write(text)


def _own_cgroup_folder():
    """The folder of this process's cgroup in a mounted cgroup v2 hierarchy, or None."""
    try:
        with open("/proc/self/cgroup") as file:
            own = next((line.strip()[3:] for line in file if line.startswith("0::")), None)
        with open("/proc/self/mountinfo") as file:
            mounts = [line.split() for line in file]
    except OSError:
        return None
    if own is None:
        return None
    for fields in mounts:
        separator = fields.index("-") if "-" in fields else -1
        if separator < 0 or fields[separator + 1] != "cgroup2":
            continue
        root, mount_point = fields[3], fields[4]
        if own == root or own.startswith(root.rstrip("/") + "/"):
            return os.path.join(mount_point, own[len(root.rstrip("/")):].lstrip("/"))
    return None


def _descendants(ancestor):
    """Every live process below `ancestor` (zombies are dead already), read from /proc."""
    children, zombies = {}, set()
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat") as file:
                stat = file.read()
        except OSError:
            continue
        state, parent = stat[stat.rindex(")") + 2:].split()[:2]
        children.setdefault(int(parent), []).append(int(name))
        if state == "Z":
            zombies.add(int(name))
    found, pending = [], [ancestor]
    while pending:
        for child in children.get(pending.pop(), []):
            found.append(child)
            pending.append(child)
    return [pid for pid in found if pid not in zombies]


class RunContainment:
    """What the fork server holds on the processes of one run's instances (see the module's docstring)."""

    def __init__(self, run_name):
        self.subreaper = _prctl(PR_SET_CHILD_SUBREAPER, 1)
        self.cgroup = self._make_run_cgroup(run_name) if LINUX else None

    @classmethod
    def _make_run_cgroup(cls, run_name):
        own = _own_cgroup_folder()
        if own is None:
            return None
        cls._end_abandoned(own)
        folder = os.path.join(own, "faasr-it-" + re.sub(r"[^A-Za-z0-9_.-]", "-", run_name))
        try:
            os.mkdir(folder, 0o755)
        except OSError:
            return None
        if not os.path.exists(os.path.join(folder, "cgroup.kill")):
            # Older kernels (before 5.14) cannot kill a cgroup at once; the subreaper's sweep does the work.
            os.rmdir(folder)
            return None
        return folder

    @classmethod
    def _end_abandoned(cls, own):
        """Kills and removes the run cgroups of faasr-it processes that are gone (a fork server killed before it could
        clean up leaves its processes there, re-parented to init, and a forked one carries no marker to find it by)."""
        try:
            names = os.listdir(own)
        except OSError:
            return
        for name in names:
            owner = re.match(r"faasr-it-(\d+)-", name)
            if owner is None or os.path.exists(f"/proc/{owner.group(1)}"):
                continue
            folder = os.path.join(own, name)
            try:
                for child in os.listdir(folder):
                    if child.startswith("i") and os.path.isdir(os.path.join(folder, child)):
                        cls._kill_cgroup(os.path.join(folder, child), wait=1.0)
                cls._kill_cgroup(folder, wait=1.0)
            except OSError:
                continue

    def instance_cgroup(self, instance_id):
        """Made before the fork (the child joins it with join()); None when the run has no cgroup."""
        if self.cgroup is None:
            return None
        folder = os.path.join(self.cgroup, f"i{instance_id}")
        try:
            os.mkdir(folder, 0o755)
            return folder
        except OSError:
            return None

    @staticmethod
    def join(folder):
        """In the forked child: moves it into its instance's cgroup (a refused move leaves it where it is)."""
        if folder is None:
            return
        try:
            _write(os.path.join(folder, "cgroup.procs"), "0")
        except OSError:
            pass

    @staticmethod
    def _kill_cgroup(folder, wait):
        try:
            _write(os.path.join(folder, "cgroup.kill"), "1")
        except OSError:
            return
        deadline = time.monotonic() + wait
        while True:
            try:
                os.rmdir(folder)
                return
            except FileNotFoundError:
                return
            except OSError:
                # Busy until the killed processes have exited.
                if time.monotonic() > deadline:
                    return
                time.sleep(0.01)

    def end_instance(self, folder):
        """Kills whatever an ended instance left in its cgroup."""
        if folder is not None:
            self._kill_cgroup(folder, wait=1.0)

    def end_all(self):
        """Kills every process of the run: its cgroup, then every process below the fork server."""
        if self.cgroup is not None:
            for name in os.listdir(self.cgroup) if os.path.isdir(self.cgroup) else []:
                if name.startswith("i") and os.path.isdir(os.path.join(self.cgroup, name)):
                    self._kill_cgroup(os.path.join(self.cgroup, name), wait=2.0)
            self._kill_cgroup(self.cgroup, wait=2.0)
        if not LINUX:
            return
        # A few rounds: a process may fork between the listing and the kill.
        for _ in range(10):
            left = _descendants(os.getpid())
            if not left:
                return
            for pid in left:
                try:
                    os.kill(pid, signal.SIGKILL)
                except OSError:
                    pass
            while True:
                try:
                    if os.waitpid(-1, os.WNOHANG)[0] == 0:
                        break
                except ChildProcessError:
                    break
            time.sleep(0.02)
