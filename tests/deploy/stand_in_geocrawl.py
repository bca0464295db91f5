#!/usr/bin/env python3
"""A stand-in for the geocrawl binary, used ONLY by slurm_array_test.py --stand-in to test the
Slurm machinery (array, throttle, local disk and copy, run label, dependency, exit codes)
independently of the crawler. It accepts exactly the command lines the deploy scripts give
geocrawl and fails on any other, so the scripts' contract with geocrawl is checked too:

  crawl --sites F --config C --db D --shard auto --run-label L   writes D: one JSON object
        (the task's SLURM_ARRAY_* variables, the label, start and end times, the sites of its
        shard: line number modulo the count); exits STAND_IN_EXIT_<index> (default 0)
  crawl --resume --config C --db D   D must exist (an earlier attempt's): marks it resumed,
        with this attempt's times; exits as above
  merge --into F SHARD.db...      writes F: the shards' objects, in the order given
  export --db F --out O           writes O: every site of F, one a line
"""

import json
import os
import sys
import time


def flags(args, names):
    """Parses `--name value` pairs; anything else is an error."""
    values = {}
    while args:
        if len(args) < 2 or args[0] not in names or args[0] in values:
            sys.exit(f"stand-in geocrawl: unexpected arguments {args}")
        values[args[0]] = args[1]
        args = args[2:]
    return values


def finish(record, db):
    """Writes the shard's record to its database and exits as the test asked for its index."""
    record["ended"] = time.time()
    with open(db, "w") as out:
        json.dump(record, out)
    sys.exit(int(os.environ.get(f"STAND_IN_EXIT_{record['index']}", "0")))


def resume(args):
    given = flags(args, {"--config", "--db"})
    if set(given) != {"--config", "--db"}:
        sys.exit(f"stand-in geocrawl: crawl --resume needs --config --db, got {given}")
    started = time.time()
    with open(given["--db"]) as db:
        record = json.load(db)
    time.sleep(2)
    record.update(started=started, resumed=True, db=given["--db"])
    finish(record, given["--db"])


def crawl(args):
    if args[:1] == ["--resume"]:
        return resume(args[1:])
    given = flags(args, {"--sites", "--config", "--db", "--shard", "--run-label"})
    if set(given) != {"--sites", "--config", "--db", "--shard", "--run-label"} or given["--shard"] != "auto":
        sys.exit(f"stand-in geocrawl: crawl needs --sites --config --db --shard auto --run-label, got {given}")
    index = int(os.environ["SLURM_ARRAY_TASK_ID"])
    count = int(os.environ["SLURM_ARRAY_TASK_COUNT"])
    started = time.time()
    with open(given["--sites"]) as sites:
        lines = [line.strip() for line in sites if line.strip()]
    # Long enough that tasks the throttle lets run together overlap measurably.
    time.sleep(2)
    record = {"index": index, "count": count, "min": int(os.environ["SLURM_ARRAY_TASK_MIN"]),
              "label": given["--run-label"], "db": given["--db"], "started": started,
              "sites": [line for number, line in enumerate(lines) if number % count == index]}
    finish(record, given["--db"])


def merge(args):
    if len(args) < 3 or args[0] != "--into":
        sys.exit(f"stand-in geocrawl: merge needs --into F SHARD.db..., got {args}")
    shards = []
    for path in args[2:]:
        with open(path) as shard:
            shards.append(json.load(shard))
    with open(args[1], "w") as into:
        json.dump(shards, into)


def export(args):
    given = flags(args, {"--db", "--out"})
    with open(given["--db"]) as db:
        shards = json.load(db)
    with open(given["--out"], "w") as out:
        for shard in shards:
            out.writelines(site + "\n" for site in shard["sites"])


if __name__ == "__main__":
    commands = {"crawl": crawl, "merge": merge, "export": export}
    if len(sys.argv) < 2 or sys.argv[1] not in commands:
        sys.exit(f"stand-in geocrawl: unknown command {sys.argv[1:]}")
    commands[sys.argv[1]](sys.argv[2:])
