"""A real single-node Slurm cluster on this machine, for the deploy tests.

Debian's munged, slurmctld and slurmd (packages munge and slurm-wlm, which scripts/setup.sh
installs) run in the foreground as children of the test, as root, with everything of theirs
in one temporary folder: a fresh munge key and socket, a generated slurm.conf (controller and
node daemon on free ports reached over 127.0.0.1), state, spool and logs. Nothing of the
machine's own Slurm or munge (/etc/slurm, /etc/munge, /run/munge) is read or touched.

    with SlurmCluster() as cluster:       # started, node idle, or SlurmStartError with the logs
        cluster.run("sbatch", ...)       # SLURM_CONF points at the generated slurm.conf
    # every job cancelled, the daemons stopped (bounded waits), the folder removed
"""

import os
import random
import shutil
import signal
import socket
import subprocess
import tempfile
import time


class SlurmStartError(RuntimeError):
    """Slurm did not come up; the message carries the daemons' logs."""


def free_loopback_port(taken):
    """A TCP port free on 127.0.0.1 now, not in `taken`, below the kernel's ephemeral range.
    The daemons bind it a moment later, and the tests beside this one bind port 0 and open
    connections all the time: a port drawn from the ephemeral range was once handed to one of
    them in between (slurmd: "Address already in use"). Below the range only a program that
    names the port itself can take it."""
    with open("/proc/sys/net/ipv4/ip_local_port_range") as ports:
        ephemeral_low = int(ports.read().split()[0])
    draw = random.Random()
    for _ in range(1000):
        port = draw.randrange(max(1024, ephemeral_low - 12000), ephemeral_low)
        if port in taken:
            continue
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
        return port
    raise SlurmStartError(f"no free TCP port on 127.0.0.1 below {ephemeral_low} in 1000 draws")


def node_line():
    """This machine's NodeName line as slurmd itself measures it (CPUs, sockets, memory)."""
    out = subprocess.run(["slurmd", "-C"], check=True, capture_output=True, text=True, timeout=30)
    line = out.stdout.splitlines()[0]
    if not line.startswith("NodeName="):
        raise SlurmStartError(f"slurmd -C printed {out.stdout!r}")
    return line


def wait_until(condition, timeout_s, step_s=0.5):
    """Polls condition() until it returns something true or timeout_s passes; returns the last value."""
    deadline = time.monotonic() + timeout_s
    while True:
        value = condition()
        if value or time.monotonic() >= deadline:
            return value
        time.sleep(step_s)


class SlurmCluster:
    START_TIMEOUT_S = 60
    STOP_TIMEOUT_S = 15

    def __init__(self):
        self.dir = tempfile.mkdtemp(prefix="geocrawl-slurm-")
        # Jobs run as root like the daemons; munged wants its socket's folders searchable.
        os.chmod(self.dir, 0o755)
        self.daemons = []  # (name, Popen), in start order
        self.conf = os.path.join(self.dir, "slurm.conf")
        # Run from inside a Slurm job, the outer job's SLURM_* would leak into this cluster's.
        self.env = {k: v for k, v in os.environ.items() if not k.startswith("SLURM_")}
        self.env["SLURM_CONF"] = self.conf

    def __enter__(self):
        try:
            self._start()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *exc):
        self.stop()
        return False

    def path(self, *parts):
        return os.path.join(self.dir, *parts)

    def run(self, *args, timeout=30, check=True):
        """A Slurm client command against this cluster; its output as text."""
        result = subprocess.run(list(args), env=self.env, capture_output=True, text=True, timeout=timeout)
        if check and result.returncode != 0:
            raise RuntimeError(f"{' '.join(args)} exited {result.returncode}: {result.stderr.strip()}")
        return result

    def logs(self):
        """Every daemon log, for a failure message."""
        parts = []
        for name in sorted(os.listdir(self.path("log"))):
            with open(self.path("log", name), errors="replace") as log:
                parts.append(f"----- {name} -----\n{log.read()[-20000:]}")
        return "\n".join(parts)

    def _start(self):
        if os.geteuid() != 0:
            raise SlurmStartError("the Slurm tests must run as root: slurmd starts each job as its "
                                  "submitting user, and this cluster's SlurmUser and SlurmdUser are root")
        for folder in ("munge", "state", "spool", "log"):
            os.makedirs(self.path(folder))
        key = self.path("munge", "munge.key")
        with open(key, "wb") as out:
            out.write(os.urandom(1024))
        os.chmod(key, 0o400)
        socket_path = self.path("munge", "munge.socket")
        self._spawn("munged", ["munged", "--foreground", "--force", f"--key-file={key}",
                               f"--socket={socket_path}", f"--pid-file={self.path('munge', 'munged.pid')}",
                               f"--seed-file={self.path('munge', 'munged.seed')}",
                               f"--log-file={self.path('log', 'munged.log')}"])
        if not wait_until(lambda: os.path.exists(socket_path), 10, 0.1):
            raise SlurmStartError("munged did not create its socket\n" + self.logs())

        host = socket.gethostname().split(".")[0]
        node = node_line().replace(f"NodeName={host}", "", 1).strip()
        ctld_port = free_loopback_port(set())
        slurmd_port = free_loopback_port({ctld_port})
        with open(self.conf, "w") as out:
            out.write(f"""# Written by tests/deploy/slurm_cluster.py for one test run.
ClusterName=geocrawltest
SlurmctldHost={host}(127.0.0.1)
SlurmctldPort={ctld_port}
SlurmdPort={slurmd_port}
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket={socket_path}
SlurmUser=root
SlurmdUser=root
StateSaveLocation={self.path('state')}
SlurmdSpoolDir={self.path('spool')}
SlurmctldPidFile={self.path('state', 'slurmctld.pid')}
SlurmdPidFile={self.path('spool', 'slurmd.pid')}
SlurmctldLogFile={self.path('log', 'slurmctld.log')}
SlurmdLogFile={self.path('log', 'slurmd.log')}
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
MpiDefault=none
ReturnToService=2
# Finished jobs stay visible to scontrol for the test's checks.
MinJobAge=600
NodeName={host} NodeAddr=127.0.0.1 {node} State=UNKNOWN
PartitionName=geocrawl Nodes={host} Default=YES MaxTime=INFINITE State=UP
""")
        self._spawn("slurmctld", ["slurmctld", "-D", "-i", "-f", self.conf])
        self._spawn("slurmd", ["slurmd", "-D", "-f", self.conf])

        def node_idle():
            for name, process in self.daemons:
                if process.poll() is not None:
                    raise SlurmStartError(f"{name} exited {process.returncode}\n" + self.logs())
            state = self.run("sinfo", "--noheader", "--Node", "--format=%T", check=False)
            return state.returncode == 0 and state.stdout.strip() == "idle"

        if not wait_until(node_idle, self.START_TIMEOUT_S):
            state = self.run("sinfo", "--Node", "--long", check=False)
            raise SlurmStartError(f"the node is not idle after {self.START_TIMEOUT_S} s: "
                                  f"{state.stdout}{state.stderr}\n" + self.logs())

    def _spawn(self, name, argv):
        out = open(self.path("log", f"{name}.stdio"), "w")
        try:
            process = subprocess.Popen(argv, env=self.env, stdout=out, stderr=subprocess.STDOUT,
                                       stdin=subprocess.DEVNULL)
        finally:
            out.close()
        self.daemons.append((name, process))

    def stop(self):
        """Cancels every job and waits for their processes, then stops the daemons newest
        first (SIGTERM, then SIGKILL after a bounded wait) and removes the folder."""
        try:
            if any(name == "slurmd" and process.poll() is None for name, process in self.daemons):
                self.run("scancel", "--full", "--user=root", check=False, timeout=15)
                wait_until(lambda: not self.run("squeue", "--noheader", check=False, timeout=15).stdout.strip(),
                           self.STOP_TIMEOUT_S)
                wait_until(lambda: len(self.run("scontrol", "listpids", check=False, timeout=15)
                                       .stdout.splitlines()) <= 1, self.STOP_TIMEOUT_S)
        finally:
            for name, process in reversed(self.daemons):
                if process.poll() is None:
                    process.send_signal(signal.SIGTERM)
                    try:
                        process.wait(timeout=self.STOP_TIMEOUT_S)
                    except subprocess.TimeoutExpired:
                        process.kill()
                        process.wait(timeout=self.STOP_TIMEOUT_S)
            self.daemons = []
            shutil.rmtree(self.dir, ignore_errors=True)
