#!/usr/bin/env python3
"""What a command and every process it starts cost together: CPU, peak memory, priorities.

usage: bench/tree_usage.py OUT_FILE -- COMMAND [ARG...]

Runs COMMAND as a child and writes `key=value` lines to OUT_FILE once it and all its
descendants have ended; exits with COMMAND's status. Made for geocrawl with a rendered
vantage, whose Chromium forks renderers and zygotes that Chromium itself may not reap:

- CPU: this process is a child subreaper (PR_SET_CHILD_SUBREAPER), so a descendant orphaned
  by its parent is re-parented here rather than to init, and reaped here. Once every
  descendant is reaped, getrusage(RUSAGE_CHILDREN) holds the CPU of the whole tree, each
  process counted once. The command's own share (its threads, none of its children) is read
  from /proc/PID/stat while it is a zombie, before it is reaped; the rest is its descendants'.
- Memory: every `period` seconds the proportional set sizes (PSS, /proc/PID/smaps_rollup) of
  the tree are summed; the largest sum is the peak. PSS, not RSS: Chromium's processes share
  most of their pages, which a sum of RSS would count once per process.
- Priority: at each sample, the nice value of every thread of every descendant (the browser
  and what it forked) is read; the lowest seen is `descendants_nice_min`, to compare with the
  command's own `command_nice`. A thread that raised its own priority would show here.
"""
import ctypes
import os
import resource
import subprocess
import sys
import time

PR_SET_CHILD_SUBREAPER = 36
SAMPLE_PERIOD_S = 0.2
TICKS = os.sysconf("SC_CLK_TCK")


def stat_fields(path):
    """Fields of a /proc stat file after the command name (which may hold spaces): index 0 is
    the state (field 3 of proc(5)), so field N of proc(5) is at N - 3."""
    with open(path, "rb") as f:
        text = f.read().decode("ascii", "replace")
    return text[text.rindex(")") + 2:].split()


def descendants(root):
    """Every live process under `root`, by the parent links in /proc."""
    children = {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            parent = int(stat_fields(f"/proc/{name}/stat")[1])
        except (OSError, ValueError, IndexError):
            continue  # it ended while we looked
        children.setdefault(parent, []).append(int(name))
    found, stack = [], [root]
    while stack:
        for child in children.get(stack.pop(), []):
            found.append(child)
            stack.append(child)
    return found


def pss_kb(pid):
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def lowest_thread_nice(pid):
    lowest = None
    try:
        for tid in os.listdir(f"/proc/{pid}/task"):
            nice = int(stat_fields(f"/proc/{pid}/task/{tid}/stat")[16])
            lowest = nice if lowest is None else min(lowest, nice)
    except (OSError, ValueError, IndexError):
        pass
    return lowest


def main():
    if len(sys.argv) < 4 or sys.argv[2] != "--":
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        return 2
    out_path, command = sys.argv[1], sys.argv[3:]
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) != 0:
        print("tree_usage: cannot become a child subreaper", file=sys.stderr)
        return 1
    started = time.monotonic()
    child = subprocess.Popen(command)
    peak_pss = 0
    samples = 0
    descendants_nice_min = None
    descendant_samples = 0
    while os.waitid(os.P_PID, child.pid, os.WEXITED | os.WNOHANG | os.WNOWAIT) is None:
        tree = descendants(os.getpid())
        peak_pss = max(peak_pss, sum(pss_kb(pid) for pid in tree))
        samples += 1
        below = [n for n in (lowest_thread_nice(pid) for pid in tree if pid != child.pid) if n is not None]
        if below:
            descendant_samples += 1
            descendants_nice_min = min(below + ([descendants_nice_min] if descendants_nice_min is not None else []))
        time.sleep(SAMPLE_PERIOD_S)
    # A zombie still has its stat: utime and stime (fields 14 and 15) are its own threads'.
    fields = stat_fields(f"/proc/{child.pid}/stat")
    command_cpu = (int(fields[11]) + int(fields[12])) / TICKS
    command_nice = int(fields[16])
    status = child.wait()
    wall = time.monotonic() - started
    # Descendants the command left behind are ours now: wait for each (bounded by whoever
    # runs this under a timeout), so their CPU is in RUSAGE_CHILDREN too.
    while True:
        try:
            os.wait()
        except ChildProcessError:
            break
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    total_cpu = usage.ru_utime + usage.ru_stime
    with open(out_path, "w") as out:
        print(f"exit={status}", file=out)
        print(f"wall_s={wall:.2f}", file=out)
        print(f"total_cpu_s={total_cpu:.2f}", file=out)
        print(f"command_cpu_s={command_cpu:.2f}", file=out)
        print(f"descendants_cpu_s={max(0.0, total_cpu - command_cpu):.2f}", file=out)
        print(f"peak_pss_kb={peak_pss}", file=out)
        print(f"sample_period_s={SAMPLE_PERIOD_S}", file=out)
        print(f"samples={samples}", file=out)
        print(f"command_nice={command_nice}", file=out)
        print(f"descendants_nice_min={'' if descendants_nice_min is None else descendants_nice_min}", file=out)
        print(f"descendant_samples={descendant_samples}", file=out)
    return status if status >= 0 else 128 - status


if __name__ == "__main__":
    sys.exit(main())
