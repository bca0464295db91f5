#!/usr/bin/env python3
"""config/deploy/slurm/ on a real single-node Slurm (slurm_cluster.py), submitted through
submit.sh as a user would.

  slurm_array_test.py --deploy-dir config/deploy --stand-in
      the machinery, with stand_in_geocrawl.py in geocrawl's place: four array tasks with their
      SLURM_ARRAY_* variables and the one run label, at most --throttle running at once, each
      database copied from node-local disk to the results folder, the merge job started only
      after every task succeeded and given every shard, a degraded shard (exit 3) merged but
      the night's merge exiting 3, and a failed shard keeping the merge from ever starting.
  slurm_array_test.py --deploy-dir config/deploy --geocrawl build/dev/geocrawl
      the real thing: four shards crawl loopback sites, the merge job merges and exports,
      and the export equals a one-process crawl of the same list (ignoring IDs and times).
      A geocrawl without `crawl --shard` fails at once, saying so.

Exit status 0 passed, 1 failed (the reason, the jobs' logs and the daemons' logs on stderr).
Every wait is bounded; the cluster is stopped on every path out.
"""

import argparse
import csv
import io
import json
import os
import re
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from loopback_sites import LoopbackSites  # noqa: E402
from slurm_cluster import SlurmCluster, SlurmStartError, wait_until  # noqa: E402

SHARDS = 4
# The real night runs two shards at once. The stand-in night runs one: the node has the
# machine's CPUs (2 here) and a task asks for one, so only a throttle below the CPU count
# shows in how many tasks overlap.
THROTTLE = 2
STAND_IN_THROTTLE = 1
JOB_TIMEOUT_S = 120
# The test node has the machine's CPUs (2 here): a task asks for one so two can run at once.
SBATCH_OPTIONS = ["--cpus-per-task=1", "--mem=512M", "--time=10"]
# Loopback addresses serving sites (two URLs each): enough registrable domains that no shard of
# four is left empty by any reasonable hash (a given shard gets none with odds of 4 x (3/4)^32).
SITE_ADDRESSES = 32
# What differs between two crawls of the same pages: IDs, clocks, durations.
VOLATILE_COLUMNS = {"run_id", "fetched_at", "exit_checked_at", "exit_check_age_s", "total_ms"}


class TestFailure(Exception):
    pass


def check(condition, message):
    if not condition:
        raise TestFailure(message)


STAND_IN = os.path.join(os.path.dirname(os.path.abspath(__file__)), "stand_in_geocrawl.py")


def run_submit(cluster, deploy_dir, work, label, geocrawl, options, extra_env=None):
    """submit.sh as a user runs it, for the run `label` in work/results; returns what it
    printed as {"array job": id, "merge job": id, "results": folder} (those it printed)."""
    result = subprocess.run(
        [os.path.join(deploy_dir, "slurm", "submit.sh"), *options, "--results", os.path.join(work, "results"),
         "--shards", str(SHARDS), "--run-label", label, "--local-dir", os.path.join(work, "node-local"),
         "--geocrawl", geocrawl, "--", *SBATCH_OPTIONS],
        env=dict(cluster.env, **(extra_env or {})), capture_output=True, text=True, timeout=60)
    check(result.returncode == 0, f"submit.sh {' '.join(options)} exited {result.returncode}: {result.stderr}")
    print(result.stdout, end="")
    check(f"run label: {label}" in result.stdout, f"submit.sh did not print the run label: {result.stdout}")
    printed = dict(re.findall(r"^(array job|merge job): (\d+) ", result.stdout, re.M))
    printed.update(re.findall(r"^(results): (.+)$", result.stdout, re.M))
    check("merge job" in printed and "results" in printed, f"submit.sh printed no job id: {result.stdout}")
    return printed


def submit(cluster, deploy_dir, work, sites, config, geocrawl, label, throttle, extra_env=None):
    """A night: returns (array job id, merge job id, results folder)."""
    printed = run_submit(cluster, deploy_dir, work, label, geocrawl,
                         ["--sites", sites, "--config", config, "--throttle", str(throttle)], extra_env)
    check("array job" in printed, "submit.sh printed no array job id")
    return printed["array job"], printed["merge job"], printed["results"]


def submit_merge_only(cluster, deploy_dir, work, label):
    """submit.sh --merge-only for a run already submitted; returns the merge job id."""
    return run_submit(cluster, deploy_dir, work, label, STAND_IN, ["--merge-only"])["merge job"]


def job_fields(cluster, job):
    """scontrol's view of a job (for an array, of each task): a list of {field: value}."""
    out = cluster.run("scontrol", "show", "job", "--oneliner", job).stdout
    return [dict(re.findall(r"(\w+)=(\S*)", line)) for line in out.splitlines() if line.strip()]


FINISHED = {"COMPLETED", "FAILED", "CANCELLED", "TIMEOUT", "NODE_FAIL", "OUT_OF_MEMORY", "BOOT_FAIL",
            "DEADLINE", "PREEMPTED"}


def wait_for_array(cluster, array_job):
    """Waits (bounded) until every task of the array has finished; returns their fields."""
    def finished():
        tasks = job_fields(cluster, array_job)
        done = len(tasks) == SHARDS and all(t.get("JobState") in FINISHED for t in tasks)
        return tasks if done else None
    tasks = wait_until(finished, JOB_TIMEOUT_S, 1)
    check(tasks, f"the array's tasks did not all finish within {JOB_TIMEOUT_S} s: "
                 f"{[(t.get('ArrayTaskId'), t.get('JobState')) for t in job_fields(cluster, array_job)]}")
    return tasks


def wait_for_job(cluster, job):
    fields = wait_until(lambda: next((f for f in job_fields(cluster, job) if f.get("JobState") in FINISHED), None),
                        JOB_TIMEOUT_S, 1)
    check(fields, f"job {job} did not finish within {JOB_TIMEOUT_S} s: {job_fields(cluster, job)}")
    return fields


def job_logs(results):
    logs = os.path.join(results, "logs")
    parts = []
    for name in sorted(os.listdir(logs)) if os.path.isdir(logs) else []:
        with open(os.path.join(logs, name), errors="replace") as log:
            parts.append(f"----- job log {name} -----\n{log.read()[-8000:]}")
    return "\n".join(parts)


def stand_in_night(cluster, deploy_dir, work):
    sites = os.path.join(work, "sites.txt")
    site_list = [f"http://127.0.0.{n}:8080/" for n in range(2, 22)]
    with open(sites, "w") as out:
        out.writelines(site + "\n" for site in site_list)
    config = os.path.join(work, "geocrawl.toml")
    with open(config, "w") as out:
        out.write("# the stand-in reads no config\n")

    # A night with a degraded shard: every task runs, the merge runs and exits 3. Shard 3 finds
    # the database an earlier attempt left on this node, as a requeued task does, and resumes it.
    label = "night-degraded"
    earlier = os.path.join(work, "node-local", f"geocrawl-{label}-shard-3")
    os.makedirs(earlier)
    with open(os.path.join(earlier, "shard-3.db"), "w") as db:
        json.dump({"index": 3, "count": SHARDS, "min": 0, "label": label, "db": "",
                   "sites": site_list[3::SHARDS]}, db)
    array_job, merge_job, results = submit(cluster, deploy_dir, work, sites, config, STAND_IN, label,
                                           STAND_IN_THROTTLE, {"STAND_IN_EXIT_2": "3"})
    try:
        tasks = wait_for_array(cluster, array_job)
        merge = wait_for_job(cluster, merge_job)
        check(all(t["JobState"] == "COMPLETED" for t in tasks), f"a shard task did not complete: {tasks}")
        check(merge["JobState"] == "FAILED" and merge["ExitCode"] == "3:0",
              f"the merge of a night with a degraded shard should exit 3: {merge['JobState']} {merge['ExitCode']}")
        check(merge["Dependency"] == "(null)", "the merge job kept a dependency")

        shards = []
        for index in range(SHARDS):
            with open(os.path.join(results, f"shard-{index}.db")) as db:
                shards.append(json.load(db))
        check([s["index"] for s in shards] == list(range(SHARDS)), f"task indexes: {[s['index'] for s in shards]}")
        check(all(s["count"] == SHARDS and s["min"] == 0 for s in shards),
              "SLURM_ARRAY_TASK_COUNT/MIN are not 4/0 in every task")
        check({s["label"] for s in shards} == {label}, f"run labels: {[s['label'] for s in shards]}")
        local = os.path.join(work, "node-local")
        check(all(s["db"].startswith(local + "/") for s in shards), "a shard's database was not on node-local disk")
        check(not os.listdir(local), f"the node-local folder was not cleaned: {os.listdir(local)}")
        check(os.path.exists(os.path.join(results, "shard-2.degraded")), "no degraded marker for shard 2")
        check([s.get("resumed", False) for s in shards] == [False, False, False, True],
              "shard 3 did not resume the database it found on the node (or another shard resumed)")

        # The throttle: at no moment more tasks ran than it allows (each sleeps 2 s).
        events = sorted([(s["started"], 1) for s in shards] + [(s["ended"], -1) for s in shards])
        running = peak = 0
        for _, change in events:
            running += change
            peak = max(peak, running)
        check(peak <= STAND_IN_THROTTLE, f"{peak} tasks ran at once with --throttle {STAND_IN_THROTTLE}")

        with open(os.path.join(results, "merged.csv")) as merged:
            check(sorted(merged.read().split()) == sorted(site_list),
                  "the merged export does not hold every site exactly once")
        check(max(t["EndTime"] for t in tasks) <= merge["StartTime"], "the merge started before every shard ended")
        print(f"stand-in night: {SHARDS} tasks, at most {peak} at once, merge exit 3 for the degraded shard")

        # The merge alone, again: the same result, the same exit status.
        os.remove(os.path.join(results, "merged.csv"))
        again = wait_for_job(cluster, submit_merge_only(cluster, deploy_dir, work, label))
        check(again["ExitCode"] == "3:0", f"submit.sh --merge-only: the merge exited {again['ExitCode']}, not 3")
        with open(os.path.join(results, "merged.csv")) as merged:
            check(sorted(merged.read().split()) == sorted(site_list), "the second merge's export differs")
        print("stand-in night: submit.sh --merge-only merged the same shards again")
    except TestFailure as failure:
        raise TestFailure(f"{failure}\n{job_logs(results)}") from None

    # A night with a failed shard: the merge never starts.
    array_job, merge_job, results = submit(cluster, deploy_dir, work, sites, config, STAND_IN, "night-failed",
                                           STAND_IN_THROTTLE, {"STAND_IN_EXIT_1": "1"})
    try:
        tasks = wait_for_array(cluster, array_job)
        states = {t["ArrayTaskId"]: t["JobState"] for t in tasks}
        check(states == {"0": "COMPLETED", "1": "FAILED", "2": "COMPLETED", "3": "COMPLETED"}, f"task states {states}")
        merge = wait_until(lambda: next((f for f in job_fields(cluster, merge_job)
                                         if f.get("Reason") == "DependencyNeverSatisfied"), None), 30, 1)
        check(merge and merge["JobState"] == "PENDING",
              f"the merge after a failed shard should wait forever: {job_fields(cluster, merge_job)}")
        check(not os.path.exists(os.path.join(results, "shard-1.db")), "the failed shard's database was copied")
        # Merging by hand while a shard is missing fails, naming it.
        by_hand = wait_for_job(cluster, submit_merge_only(cluster, deploy_dir, work, "night-failed"))
        check(by_hand["ExitCode"] == "1:0", f"a merge without shard 1 exited {by_hand['ExitCode']}, not 1")
        with open(os.path.join(results, "logs", "merge.log")) as log:
            check("no database from shard(s) 1 " in log.read(), "the merge's log does not name the missing shard")
        check(not os.path.exists(os.path.join(results, "merged.db")), "a merge without shard 1 wrote merged.db")
        print("stand-in night: a failed shard keeps the merge pending (DependencyNeverSatisfied)")
    except TestFailure as failure:
        raise TestFailure(f"{failure}\n{job_logs(results)}") from None


def csv_rows(text):
    """The CSV's rows as dicts without the volatile columns, and the header."""
    reader = csv.DictReader(io.StringIO(text))
    rows = [{k: v for k, v in row.items() if k not in VOLATILE_COLUMNS} for row in reader]
    return reader.fieldnames, rows


def run_geocrawl(geocrawl, *args, timeout=120):
    result = subprocess.run([geocrawl, *args], capture_output=True, text=True, timeout=timeout)
    check(result.returncode == 0, f"geocrawl {' '.join(args)} exited {result.returncode}: {result.stderr}")
    return result


def compare_exports(geocrawl, single_db, merged_db, what):
    single = run_geocrawl(geocrawl, "export", "--db", single_db, "--what", what).stdout
    merged = run_geocrawl(geocrawl, "export", "--db", merged_db, "--what", what).stdout
    single_header, single_rows = csv_rows(single)
    merged_header, merged_rows = csv_rows(merged)
    check(single_header == merged_header, f"--what {what}: headers differ: {single_header} vs {merged_header}")
    check(len(single_rows) == len(merged_rows),
          f"--what {what}: {len(single_rows)} rows from one process, {len(merged_rows)} merged")
    for single_row, merged_row in zip(single_rows, merged_rows):
        check(single_row == merged_row, f"--what {what}: rows differ:\n  one process: {single_row}\n  merged: {merged_row}")
    return len(single_rows)


def real_night(cluster, deploy_dir, work, geocrawl, sites_server):
    sites = os.path.join(work, "sites.txt")
    with open(sites, "w") as out:
        out.writelines(url + "\n" for url in sites_server.urls())
    config = os.path.join(work, "geocrawl.toml")
    with open(config, "w") as out:
        out.write('[limits]\nallow_networks = ["127.0.0.0/8"]\ntimeout_s = 10\n\n[rdap]\nenabled = false\n')

    single_db = os.path.join(work, "single.db")
    run_geocrawl(geocrawl, "crawl", "--sites", sites, "--config", config, "--db", single_db)

    array_job, merge_job, results = submit(cluster, deploy_dir, work, sites, config, os.path.abspath(geocrawl),
                                           "night-real", THROTTLE)
    try:
        tasks = wait_for_array(cluster, array_job)
        check(all(t["JobState"] == "COMPLETED" for t in tasks),
              f"shard tasks: {[(t['ArrayTaskId'], t['JobState'], t['ExitCode']) for t in tasks]}")
        merge = wait_for_job(cluster, merge_job)
        check(merge["JobState"] == "COMPLETED", f"the merge job: {merge['JobState']} {merge['ExitCode']}")
        merged_db = os.path.join(results, "merged.db")
        with open(os.path.join(results, "merged.csv")) as merged_csv:
            _, merge_job_rows = csv_rows(merged_csv.read())
        _, single_rows = csv_rows(run_geocrawl(geocrawl, "export", "--db", single_db).stdout)
        check(merge_job_rows == single_rows, "the merge job's merged.csv differs from the one-process export")
        counts = {what: compare_exports(geocrawl, single_db, merged_db, what) for what in ("comparisons", "sites", "views")}
        check(counts["sites"] == len(sites_server.urls()), f"{counts['sites']} sites exported, "
                                                            f"{len(sites_server.urls())} crawled")
        print(f"real night: {SHARDS} shards merged, exports equal a one-process crawl ({counts})")
    except TestFailure as failure:
        raise TestFailure(f"{failure}\n{job_logs(results)}") from None


def has_shard_cli(geocrawl):
    help_text = subprocess.run([geocrawl, "help", "crawl"], capture_output=True, text=True, timeout=30)
    merge_help = subprocess.run([geocrawl, "help", "merge"], capture_output=True, text=True, timeout=30)
    return "--shard" in help_text.stdout + help_text.stderr and merge_help.returncode == 0


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--deploy-dir", required=True)
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument("--stand-in", action="store_true")
    mode.add_argument("--geocrawl")
    options = parser.parse_args()
    deploy_dir = os.path.abspath(options.deploy_dir)

    if options.geocrawl and not has_shard_cli(options.geocrawl):
        print(f"FAIL: geocrawl has no --shard: `{options.geocrawl} help crawl` lists no --shard "
              "or there is no `merge` command (issue 21's shard CLI is not in this build)", file=sys.stderr)
        return 1

    sites_server = LoopbackSites(SITE_ADDRESSES) if options.geocrawl else None
    with tempfile.TemporaryDirectory(prefix="geocrawl-slurm-test-") as work:
        os.chmod(work, 0o755)
        try:
            with SlurmCluster() as cluster:
                try:
                    if options.stand_in:
                        stand_in_night(cluster, deploy_dir, work)
                    else:
                        real_night(cluster, deploy_dir, work, options.geocrawl, sites_server)
                except (TestFailure, RuntimeError, subprocess.TimeoutExpired) as failure:
                    print(f"FAIL: {failure}\n{cluster.logs()}", file=sys.stderr)
                    return 1
        except SlurmStartError as failure:
            print(f"FAIL: Slurm did not start: {failure}", file=sys.stderr)
            return 1
        finally:
            if sites_server:
                sites_server.shutdown()
    print("PASS")
    return 0


if __name__ == "__main__":
    sys.exit(main())
